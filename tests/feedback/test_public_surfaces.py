"""Every public surface goes through the one "what is public" selector (feedback/public.py):
a walk over the public page, the insights section, the leaflet (HTML and the PDF's text) and a
feedback e-mail with a draft answer, a hidden post, an unpublished theme and a word only one
person used, none of which may appear; the published ones must."""

import shutil
import subprocess

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from samrad.feedback import documents, public, services
from samrad.insights import services as insights
from samrad.insights.models import Input, InputChannel, InputStatus
from samrad.live import services as live
from samrad.live.models import QuestionKind
from tests.factories import ParticipantFactory, put_on_screen
from tests.live.kind_helpers import answer

pytestmark = pytest.mark.django_db

SHOWN = ["Mörkt vid skolan", "Ny belysning 2026", "Trygghet", "cykelbanor"]
NEVER = [
    "UTKASTSVAR",
    "Utkastfråga",
    "Hemligtema",
    "DOLDPOST",
    "DOLTSVAR",
    "INTERNÅTGÄRD",  # an action item not chosen for the public page
    "INTERNTBESLUT",  # a decision of the plan not chosen for the public page
    "TALARANTECKNING",  # a question's speaker notes: the facilitator's alone
]
# Chosen for the public page (only the page shows the follow-up).
CHOSEN_ACTION = "Tänd belysningen vid skolan"
CHOSEN_DECISION = "Belysningen finansieras 2027"


def imported(dialogue, text, **fields):
    fields.setdefault("channel", InputChannel.IMPORT)
    return Input.objects.create(dialogue=dialogue, text=text, created_at=timezone.now(), **fields)


@pytest.fixture
def walk(dialogue, owner, held):
    page = services.page_save(
        actor=owner, dialogue=dialogue, slug="storby", intro="Tack!", next_steps="", contact=""
    )
    services.page_publish(actor=owner, page=page, published=True)
    shown_theme = insights.theme_create(dialogue=dialogue, name="Trygghet")
    draft_theme = insights.theme_create(dialogue=dialogue, name="Hemligtema")
    published = imported(dialogue, "Mörkt vid skolan, fler cykelbanor")
    insights.input_code(input=published, theme=shown_theme)
    insights.input_answer(input=published, answer="Ny belysning 2026.", actor=owner)
    insights.input_publish(input=published, actor=owner)
    # a draft answer: written, never published, under a theme that has nothing published
    draft = imported(dialogue, "Utkastfråga om parken")
    insights.input_code(input=draft, theme=draft_theme)
    insights.input_answer(input=draft, answer="UTKASTSVAR", actor=owner)
    # four more people wrote "cykelbanor" (five in all); one person alone wrote "ensamord"
    for n in range(4):
        extra = imported(dialogue, f"Fler cykelbanor nummer {n}", answer="Ja.", published=True)
        extra.status = InputStatus.ANSWERED
        extra.save()
    imported(dialogue, "cykelbanor och ensamord", answer="Ja.", published=True)
    # a Q&A post the facilitator hid, though its input was published before
    qa = live.question_add(
        session=held,
        kind=QuestionKind.QA,
        prompt="Frågor till panelen",
        speaker_notes="TALARANTECKNING: fråga panelen om budgeten först",
    )
    put_on_screen(qa)
    post = answer(qa, ParticipantFactory(session=held), text="DOLDPOST om rektorn")
    insights.inputs_sync(dialogue=dialogue)
    hidden = Input.objects.get(response=post)
    insights.input_answer(input=hidden, answer="DOLTSVAR", actor=owner)
    insights.input_publish(input=hidden, actor=owner)
    live.qa_moderate(response=post, action="hide")
    # follow-up: one action and one decision chosen for the public page, one of each not
    from datetime import date

    from samrad.concerns import services as concerns
    from samrad.planning import services as planning

    concerns.action_create(
        dialogue=dialogue,
        what=CHOSEN_ACTION,
        owner_type="municipality",
        sphere="bo",
        due=date(2027, 3, 1),
        status="in_progress",
        public=True,
        actor=owner,
    )
    concerns.action_create(dialogue=dialogue, what="INTERNÅTGÄRD om vakter", actor=owner)
    planning.decision_create(
        dialogue=dialogue,
        decided_on=date(2026, 11, 2),
        body="Kommunstyrelsen",
        decision=CHOSEN_DECISION,
        public=True,
        actor=owner,
    )
    planning.decision_create(
        dialogue=dialogue,
        decided_on=date(2026, 11, 3),
        body="Nämnden",
        decision="INTERNTBESLUT om budget",
        actor=owner,
    )
    return page


def walk_session(dialogue):
    return dialogue.sessions.order_by("id").first()


def assert_public(text: str, where: str):
    for word in SHOWN:
        assert word in text, f"{word!r} missing from {where}"
    for word in NEVER:
        assert word not in text, f"{word!r} leaked into {where}"


def test_public_page_shows_only_what_is_public(client, walk):
    html = client.get(reverse("feedback:public", args=[walk.slug])).content.decode()
    assert_public(html, "the public page")
    for chosen in (CHOSEN_ACTION, CHOSEN_DECISION, "1 March 2027", "In progress"):
        assert chosen in html, f"{chosen!r} missing from the public page"


def test_the_follow_up_is_only_what_the_coordinator_chose(walk):
    dialogue = walk.dialogue
    assert [a.what for a in public.public_actions(dialogue)] == [CHOSEN_ACTION]
    assert [d.decision for d in public.public_decisions(dialogue)] == [CHOSEN_DECISION]


def test_insights_public_preview_shows_only_what_is_public(client, owner, walk):
    client.force_login(owner)
    url = reverse("insights:public_preview", args=[walk.dialogue.pk])
    assert_public(client.get(url).content.decode(), "the insights public preview")


def test_leaflet_html_shows_only_what_is_public(walk):
    assert_public(documents.leaflet_html(walk.dialogue), "the leaflet")


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="needs poppler's pdftotext (poppler-utils)")
def test_leaflet_pdf_text_shows_only_what_is_public(client, owner, walk):
    client.force_login(owner)
    pdf = client.get(reverse("feedback:leaflet", args=[walk.dialogue.pk])).content
    text = subprocess.run(  # noqa: S603 (our own PDF into poppler)
        [PDFTOTEXT, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert_public(" ".join(text.split()), "the leaflet PDF")


def test_the_published_answers_export_shows_only_what_is_public(walk):
    from samrad.core import reporting
    from samrad.insights.exports import answers_document

    doc = answers_document(walk.dialogue, published_only=True)
    assert_public(reporting.render_markdown(doc), "the published answers export")


def test_feedback_email_carries_nothing_unpublished(owner, walk):
    dialogue = walk.dialogue
    subscriber = services.subscriber_add(
        session=walk_session(dialogue), email="a@example.org", language="sv", consent=True
    )
    mailing = services.mailing_create(
        actor=owner, dialogue=dialogue, subject="Nytt", body="Läs svaren på sidan."
    )
    body = services.mail_for(mailing, subscriber, site_url="https://x.example").body
    assert "/d/storby/" in body
    for word in NEVER:
        assert word not in body


def test_the_word_cloud_uses_every_published_input_and_only_words_of_enough_people(walk):
    cloud = public.word_cloud(walk.dialogue)
    words = [t["text"] for t in cloud["terms"]]
    assert "cykelbanor" in words  # five imported inputs: imported ones count
    assert "ensamord" not in words and "doldpost" not in words and "utkastfråga" not in words
    with override_settings(SAMRAD_PUBLIC_MIN_GROUP=1):
        assert "ensamord" in [t["text"] for t in public.word_cloud(walk.dialogue)["terms"]]


def test_public_themes_are_those_with_a_published_answer(walk):
    assert [t.name for t in public.public_themes(walk.dialogue)] == ["Trygghet"]

"""A word-cloud question's word groups (issue 15.3): each term shows the forms it groups on
the facilitator's page, never on the projector or the public page; a facilitator splits a
wrongly grouped form off (per question, everywhere that question is counted) and joins it
again; viewers only read, other organisations get 404."""

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.core.audit import AuditEntry
from samrad.live import exports, selectors, services
from samrad.live.kinds import Answer
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
    put_on_screen,
)

pytestmark = pytest.mark.django_db

ENTRIES = ["trygghet", "Trygghet", "trygghet", "tryggheten", "tryggheten", "cykelbana"]


@pytest.fixture
def question():
    question = put_on_screen(QuestionFactory(kind="wordcloud", max_entries=10))
    participant = ParticipantFactory(session=question.session)
    for words in ENTRIES:
        services.response_submit(
            question=question, participant=participant, answer=Answer(words=words)
        )
    return question


def terms(question):
    return [(t["text"], t["count"]) for t in selectors.question_results(question)["terms"]]


def test_the_projector_counts_the_forms_together_and_shows_no_forms(question):
    assert terms(question) == [("trygghet", 5), ("cykelbana", 1)]
    assert "forms" not in selectors.question_results(question)["terms"][0]
    groups = selectors.word_groups(question)
    assert groups["terms"][0]["others"] == [("tryggheten", 2)]
    assert groups["terms"][0]["forms"] == (("trygghet", 3), ("tryggheten", 2))


def test_a_split_form_counts_on_its_own_everywhere_and_joins_again(
    question, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.term_split(question=question, form=" tryggheten ", actor=None)
    question.refresh_from_db()
    assert question.terms_apart == ["tryggheten"]
    assert terms(question) == [("trygghet", 3), ("tryggheten", 2), ("cykelbana", 1)]
    # The exports count through the same kind.
    assert '"tryggheten"' in exports.build(question.session, "json").content.decode()
    groups = selectors.word_groups(question)
    assert [(t["text"], t["apart"]) for t in groups["terms"]][:2] == [
        ("trygghet", False),
        ("tryggheten", True),
    ]
    # Splitting twice changes nothing; the projector was told once.
    with django_capture_on_commit_callbacks(execute=True):
        services.term_split(question=question, form="tryggheten")
    question.refresh_from_db()
    assert question.terms_apart == ["tryggheten"]
    assert len([e for _g, e in sent if e.get("type") == "results"]) == 1

    services.term_join(question=question, form="tryggheten")
    question.refresh_from_db()
    assert question.terms_apart == []
    assert terms(question) == [("trygghet", 5), ("cykelbana", 1)]
    actions = AuditEntry.objects.filter(action__startswith="live.term_").order_by("pk")
    assert list(actions.values_list("action", flat=True)) == ["live.term_split", "live.term_join"]
    # The audit never holds participants' words.
    assert not AuditEntry.objects.filter(summary__contains="trygg").exists()


def test_a_split_belongs_to_its_question_only(question):
    other = put_on_screen(QuestionFactory(kind="wordcloud", session=question.session))
    participant = ParticipantFactory(session=question.session)
    for words in ("trygghet", "tryggheten"):
        services.response_submit(
            question=other, participant=participant, answer=Answer(words=words)
        )
    services.term_split(question=question, form="tryggheten")
    assert terms(other) == [("trygghet", 2)]


def test_only_word_clouds_are_split():
    question = QuestionFactory(kind="open")
    with pytest.raises(ValueError):
        services.term_split(question=question, form="x")


def test_the_page_shows_the_grouping_and_the_split_works(client, question):
    client.force_login(member_of(question.session.dialogue.organisation))
    url = reverse("live:word_groups", args=[question.session_id, question.pk])
    page = client.get(url).content.decode()
    assert "trygghet ← tryggheten" in page
    assert 'role="tooltip"' in page
    assert "Count “tryggheten” on its own" in page
    split = reverse("live:word_group_action", args=[question.session_id, question.pk, "split"])
    response = client.post(split, {"form": "tryggheten"}, follow=True)
    assert "split from its group" in response.content.decode()
    question.refresh_from_db()
    assert terms(question)[1] == ("tryggheten", 2)
    join = reverse("live:word_group_action", args=[question.session_id, question.pk, "join"])
    client.post(join, {"form": "tryggheten"})
    question.refresh_from_db()
    assert terms(question)[0] == ("trygghet", 5)
    # The control page links to it; the projector's stage shows no forms.
    control = client.get(reverse("live:session_control", args=[question.session_id]))
    assert control.content.decode().count(f'href="{url}"') == 2  # question list, entries
    assert "←" not in control.content.decode().split('id="stage"')[1].split("</section>")[0]


def test_viewers_read_but_do_not_split_and_other_organisations_get_404(client, question):
    organisation = question.session.dialogue.organisation
    url = reverse("live:word_groups", args=[question.session_id, question.pk])
    split = reverse("live:word_group_action", args=[question.session_id, question.pk, "split"])
    client.force_login(member_of(organisation, role=Role.VIEWER))
    page = client.get(url)
    assert page.status_code == 200 and "Count “" not in page.content.decode()
    assert client.post(split, {"form": "tryggheten"}).status_code == 403
    client.force_login(FacilitatorFactory())
    assert client.get(url).status_code == 404
    assert client.post(split, {"form": "tryggheten"}).status_code == 404
    question.refresh_from_db()
    assert question.terms_apart == []


@pytest.fixture
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(
        "samrad.core.realtime.group_send", lambda group, event: messages.append((group, event))
    )
    return messages


def test_the_page_speaks_swedish(client, question):
    client.force_login(member_of(question.session.dialogue.organisation))
    url = reverse("live:word_groups", args=[question.session_id, question.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Ordgrupper" in page and "6 bidrag räknade." in page
    assert "Räkna ”tryggheten” för sig" in page and "Former" in page


def test_the_public_results_count_a_split_form_on_its_own():
    from samrad.feedback import public

    question = put_on_screen(QuestionFactory(kind="wordcloud", max_entries=5))
    question.session.min_group_size = 2
    question.session.save()
    for _n in range(2):
        participant = ParticipantFactory(session=question.session)
        for words in ("trygghet", "tryggheten"):
            services.response_submit(
                question=question, participant=participant, answer=Answer(words=words)
            )
    services.term_split(question=question, form="tryggheten")
    question.refresh_from_db()
    (row,) = public.session_results(question.session)
    assert [(t["text"], t["count"]) for t in row["results"]["terms"]] == [
        ("trygghet", 2),
        ("tryggheten", 2),
    ]

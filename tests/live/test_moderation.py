"""Moderation of word-cloud and open-input entries and the word filter: entries with a
blocked word or of a pre-moderated question wait; hidden entries stay in the data but leave
results and the conference table; who may moderate and edit the filter."""

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.live import exports, selectors, services
from samrad.live.kinds import Answer
from samrad.live.models import Moderation, Response
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


def wordcloud():
    return put_on_screen(QuestionFactory(kind="wordcloud", max_entries=5))


def send(question, text, participant=None, **answer):
    participant = participant or ParticipantFactory(session=question.session)
    if question.kind == "wordcloud":
        answer.setdefault("words", text)
    else:
        answer.update(text=text, kind=answer.get("kind", "input"))
    return services.response_submit(
        question=question, participant=participant, answer=Answer(**answer)
    )


def cloud_terms(question):
    return {t["text"].casefold() for t in selectors.question_results(question)["terms"]}


@pytest.fixture
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(
        "samrad.core.realtime.group_send", lambda group, event: messages.append((group, event))
    )
    return messages


@pytest.mark.parametrize("text", ["fuck", "FUUUCK", "fu\u200bck", "Fúck", "sh1t"])
def test_a_blocked_word_waits_for_the_facilitator(text):
    question = wordcloud()
    entry = send(question, text)
    assert Response.objects.get(pk=entry.pk).moderation == Moderation.PENDING
    assert entry.moderation == Moderation.PENDING
    assert cloud_terms(question) == set()
    services.entry_moderate(response=entry, action="approve")
    assert cloud_terms(question) != set()


def test_ordinary_entries_are_shown_at_once():
    question = wordcloud()
    send(question, "cykelvägar")
    assert cloud_terms(question) == {"cykelvägar"}


def test_the_organisations_own_list_replaces_the_default_of_its_language():
    question = wordcloud()
    organisation = question.session.dialogue.organisation
    services.blocked_words_set(organisation=organisation, language="en", words=["parking"])
    assert send(question, "Parking").moderation == Moderation.PENDING
    assert send(question, "fuck").moderation == Moderation.APPROVED  # en list replaced
    assert send(question, "fitta").moderation == Moderation.PENDING  # sv default stays
    # Another organisation keeps the defaults.
    other = wordcloud()
    assert send(other, "parking").moderation == Moderation.APPROVED


def test_the_filter_applies_to_open_input_and_qa():
    open_input = put_on_screen(QuestionFactory(kind="open"))
    assert send(open_input, "What the f u c k").moderation == Moderation.PENDING
    assert selectors.question_results(open_input)["entries"] == 0
    qa = put_on_screen(QuestionFactory(kind="qa"))
    post = services.response_submit(
        question=qa,
        participant=ParticipantFactory(session=qa.session),
        answer=Answer(text="Why is this shit?"),
    )
    assert post.moderation == Moderation.PENDING
    assert selectors.qa_posts(question=qa) == []


def test_a_held_entry_tells_only_the_facilitators_screens(django_capture_on_commit_callbacks, sent):
    qa = put_on_screen(QuestionFactory(kind="qa"))
    with django_capture_on_commit_callbacks(execute=True):
        services.response_submit(
            question=qa,
            participant=ParticipantFactory(session=qa.session),
            answer=Answer(text="fuck this"),
        )
    groups = {group for group, _event in sent}
    assert groups == {f"present.{qa.session_id}"}


def test_premoderation_holds_every_word_cloud_entry():
    question = wordcloud()
    services.question_set_premoderated(question=question, premoderated=True)
    question.refresh_from_db()
    entry = send(question, "cykelvägar")
    assert entry.moderation == Moderation.PENDING
    assert cloud_terms(question) == set()
    services.entry_moderate(response=entry, action="approve")
    assert cloud_terms(question) == {"cykelvägar"}


def test_hiding_an_entry_keeps_it_in_the_data_and_out_of_results_and_tables(
    django_capture_on_commit_callbacks, sent
):
    question = put_on_screen(QuestionFactory(kind="open"))
    shown = send(question, "Fler cykelvägar", kind="suggestion")
    spam = send(question, "Köp billiga klockor", kind="input")
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_moderate(response=spam, action="hide")
    results = selectors.question_results(question)
    assert [item["text"] for item in results["latest"]] == ["Fler cykelvägar"]
    assert results["entries"] == 1
    assert Response.objects.get(pk=spam.pk).moderation == Moderation.HIDDEN
    assert (f"present.{question.session_id}", {"type": "results", "question_id": question.pk}) in (
        sent
    )
    conference = exports.conference_csv(question.session).decode("utf-8-sig")
    assert "Fler cykelvägar" in conference and "klockor" not in conference
    raw = exports.responses_csv(question.session).decode("utf-8-sig")
    assert "klockor" in raw and ",hidden," in raw
    # Shown again: back in the results.
    services.entry_moderate(response=spam, action="approve")
    assert selectors.question_results(question)["entries"] == 2
    assert shown.moderation == Moderation.APPROVED


def test_hiding_twice_changes_nothing_the_second_time(django_capture_on_commit_callbacks, sent):
    question = wordcloud()
    entry = send(question, "buss")
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_moderate(response=entry, action="hide")
    count = len(sent)
    assert count == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_moderate(response=entry, action="hide")
    assert len(sent) == count
    assert Response.objects.get(pk=entry.pk).moderation == Moderation.HIDDEN


def test_hidden_entries_leave_the_breakdown_too():
    question = wordcloud()
    entry = send(question, "buss")
    services.entry_moderate(response=entry, action="hide")
    assert selectors.shown_responses(question).count() == 0


def test_only_word_cloud_and_open_entries_are_moderated_here():
    question = put_on_screen(QuestionFactory(kind="scale"))
    entry = services.response_submit(
        question=question,
        participant=ParticipantFactory(session=question.session),
        answer=Answer(value="3"),
    )
    with pytest.raises(ValueError):
        services.entry_moderate(response=entry, action="hide")


# --- Pages -----------------------------------------------------------------------------------


def test_control_page_lists_entries_with_one_button_each(client):
    question = wordcloud()
    entry = send(question, "buss")
    client.force_login(member_of(question.session.dialogue.organisation))
    page = client.get(reverse("live:session_control", args=[question.session_id])).content.decode()
    assert 'id="entry-moderation"' in page
    action = reverse("live:entry_action", args=[question.session_id, question.pk, entry.pk, "hide"])
    assert action in page
    panel = client.post(action, HTTP_HX_REQUEST="true")
    assert panel.status_code == 200
    assert "Hidden." in panel.content.decode()
    assert Response.objects.get(pk=entry.pk).moderation == Moderation.HIDDEN


def test_premoderation_toggle_on_the_panel(client):
    question = wordcloud()
    client.force_login(member_of(question.session.dialogue.organisation))
    url = reverse("live:entry_premoderation", args=[question.session_id, question.pk])
    panel = client.post(url, {"premoderated": "1"}, HTTP_HX_REQUEST="true")
    assert 'aria-pressed="true"' in panel.content.decode()
    question.refresh_from_db()
    assert question.premoderated


def test_viewers_and_other_organisations_cannot_moderate(client):
    question = wordcloud()
    entry = send(question, "buss")
    action = reverse("live:entry_action", args=[question.session_id, question.pk, entry.pk, "hide"])
    client.force_login(member_of(question.session.dialogue.organisation, role=Role.VIEWER))
    assert client.post(action).status_code == 403
    client.force_login(FacilitatorFactory())
    assert client.post(action).status_code == 404
    assert Response.objects.get(pk=entry.pk).moderation == Moderation.APPROVED


def test_word_filter_page_shows_defaults_and_saves_a_list(client):
    question = wordcloud()
    organisation = question.session.dialogue.organisation
    client.force_login(member_of(organisation))
    url = reverse("live:word_filter", args=[organisation.pk])
    page = client.get(url).content.decode()
    assert "fitta" in page and "fuck*" in page
    response = client.post(url, {"language": "sv", "words": "Parkering\nbuss, BUSS\n"})
    assert response.status_code == 302
    assert selectors.word_lists(organisation)[0] == {
        "language": "sv",
        "words": "parkering\nbuss",
        "default": False,
    }
    assert send(question, "parkering").moderation == Moderation.PENDING


def test_word_filter_viewers_read_only_and_other_organisations_404(client):
    question = wordcloud()
    organisation = question.session.dialogue.organisation
    url = reverse("live:word_filter", args=[organisation.pk])
    client.force_login(member_of(organisation, role=Role.VIEWER))
    assert client.get(url).status_code == 200
    assert client.post(url, {"language": "sv", "words": "x"}).status_code == 403
    client.force_login(FacilitatorFactory())
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", ["wordcloud", "open", "qa"])
def test_the_filter_holds_entries_that_come_through_the_batch_writer(kind):
    """Phones answer over the WebSocket into live/pipeline.py's batches (multi-row upserts
    for single-answer kinds): the word filter must hold their entries too."""
    from samrad.live import pipeline

    question = put_on_screen(QuestionFactory(kind=kind, max_entries=5))
    participant = ParticipantFactory(session=question.session)
    answer = (
        Answer(words="fuck")
        if kind == "wordcloud"
        else Answer(text="what the fuck", kind="input")
        if kind == "open"
        else Answer(text="what the fuck")
    )
    clean = Answer(words="cykel") if kind == "wordcloud" else Answer(text="cykel", kind="input")
    other = ParticipantFactory(session=question.session)
    held, shown = pipeline.responses_submit_batch(
        [
            pipeline.Pending(question_id=question.pk, participant=participant, answer=answer),
            pipeline.Pending(question_id=question.pk, participant=other, answer=clean),
        ]
    )
    assert Response.objects.get(pk=held.pk).moderation == Moderation.PENDING
    assert Response.objects.get(pk=shown.pk).moderation == Moderation.APPROVED

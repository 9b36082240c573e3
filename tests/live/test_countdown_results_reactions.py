"""Countdown (answering closes on the server's clock), results only after closing (per
question, with a per-session default), results on phones after closing, and reactions
(rate-limited, for the projector only)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samrad.live import events, rules, services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Question
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import (
    ChoiceQuestionFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(
        "samrad.core.realtime.group_send", lambda group, event: messages.append((group, event))
    )
    return messages


def choose(question, participant=None):
    participant = participant or ParticipantFactory(session=question.session)
    return services.response_submit(
        question=question,
        participant=participant,
        answer=Answer(choices=[question.choices.first().pk]),
    )


def run_out(question):
    """The countdown ends (as if its time had passed)."""
    Question.objects.filter(pk=question.pk).update(
        countdown_ends_at=timezone.now() - timedelta(seconds=1)
    )
    question.refresh_from_db()


def phone_client(client, question):
    participant = ParticipantFactory(session=question.session)
    client.cookies[cookie_name(question.session_id)] = participant_token(participant)
    return participant


# --- Countdown --------------------------------------------------------------------------------


def test_countdown_closes_answering_on_the_server(django_capture_on_commit_callbacks, sent):
    question = put_on_screen(ChoiceQuestionFactory(accepting=False))
    with django_capture_on_commit_callbacks(execute=True):
        services.question_countdown_start(question=question, seconds=30)
    question.refresh_from_db()
    assert question.accepting and 29 < question.countdown_remaining <= 30
    state = next(event for group, event in sent if group.startswith("live."))
    assert state["question"]["countdown_remaining"] > 29
    assert state["question"]["countdown"] == int(question.countdown_ends_at.timestamp())
    choose(question)  # still open
    run_out(question)
    assert rules.response_refusal(question) == "time_up"
    with pytest.raises(Refused) as refused:
        choose(question)
    assert refused.value.code == "time_up"
    assert "Time is up" in refused.value.message
    assert events.question_payload(question)["accepting"] is False
    assert question.countdown_remaining is None


def test_opening_or_closing_by_hand_ends_the_countdown():
    question = put_on_screen(ChoiceQuestionFactory())
    services.question_countdown_start(question=question, seconds=60)
    services.question_set_accepting(question=question, accepting=True)
    question.refresh_from_db()
    assert question.countdown_ends_at is None and question.answering_open


@pytest.mark.parametrize("seconds", [0, -5, 3601])
def test_countdown_length_is_checked(seconds):
    question = put_on_screen(ChoiceQuestionFactory())
    with pytest.raises(ValueError):
        services.question_countdown_start(question=question, seconds=seconds)


def test_control_page_starts_a_custom_countdown_and_refuses_nonsense(client):
    question = put_on_screen(ChoiceQuestionFactory())
    client.force_login(member_of(question.session.dialogue.organisation))
    url = reverse("live:session_command", args=[question.session_id, "countdown"])
    page = client.post(url, {"seconds": "abc"}, follow=True).content.decode()
    assert "A countdown takes from 1 to 3600 seconds." in page
    question.refresh_from_db()
    assert question.countdown_ends_at is None
    client.post(url, {"seconds": "45"})
    question.refresh_from_db()
    assert 44 < question.countdown_remaining <= 45
    page = client.get(reverse("live:session_control", args=[question.session_id])).content
    assert b'role="timer"' in page


def test_phone_shows_the_countdown_and_then_the_closed_notice(client):
    question = put_on_screen(ChoiceQuestionFactory())
    phone_client(client, question)
    services.question_countdown_start(question=question, seconds=30)
    fragment = reverse("live:participant_question", args=[question.session.code])
    assert b'role="timer"' in client.get(fragment).content
    run_out(question)
    page = client.get(fragment).content.decode()
    assert 'role="timer"' not in page
    assert "Time is up" in page


# --- Results only after closing, results on phones ---------------------------------------------


def test_results_wait_for_answering_to_close_on_the_projector(client):
    question = put_on_screen(ChoiceQuestionFactory())
    question.session.dialogue.language = "en"  # the projector speaks the dialogue's language
    question.session.dialogue.save()
    services.question_set_display(question=question, results_after_close=True)
    choose(question)
    client.force_login(member_of(question.session.dialogue.organisation))
    stage = reverse("live:presenter_stage", args=[question.session.code])
    page = client.get(stage).content.decode()
    assert "Results are shown when answering closes." in page
    assert "Trygghet" not in page
    services.question_set_accepting(question=question, accepting=False)
    page = client.get(stage).content.decode()
    assert "Trygghet" in page and "Results are shown when answering closes." not in page


def test_results_appear_when_the_countdown_runs_out():
    question = put_on_screen(ChoiceQuestionFactory())
    services.question_set_display(question=question, results_after_close=True)
    services.question_countdown_start(question=question, seconds=30)
    question.refresh_from_db()
    assert not question.results_shown
    run_out(question)
    assert question.results_shown


def test_session_default_for_new_questions():
    question = ChoiceQuestionFactory()
    session = question.session
    services.session_update(
        session=session, title=session.title, mode=session.mode, results_after_close=True
    )
    added = services.question_add(session=session, kind="choice", prompt="Ja?", choices=["Ja"])
    assert added.results_after_close
    question.refresh_from_db()
    assert not question.results_after_close  # questions already there keep theirs


def test_results_on_phones_only_after_closing_and_only_when_asked(client):
    question = put_on_screen(ChoiceQuestionFactory())
    phone_client(client, question)
    choose(question)
    fragment = reverse("live:participant_question", args=[question.session.code])
    services.question_set_accepting(question=question, accepting=False)
    assert b"phone-results" not in client.get(fragment).content  # off by default
    services.question_set_display(question=question, results_on_phones=True)
    services.question_set_accepting(question=question, accepting=True)
    assert b"phone-results" not in client.get(fragment).content  # still open
    services.question_set_accepting(question=question, accepting=False)
    page = client.get(fragment).content.decode()
    assert "phone-results" in page and "Trygghet" in page


def test_display_settings_change_once(django_capture_on_commit_callbacks, sent):
    question = put_on_screen(ChoiceQuestionFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.question_set_display(question=question, results_on_phones=True)
    count = len(sent)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_set_display(question=question, results_on_phones=True)
    assert len(sent) == count


# --- Reactions ----------------------------------------------------------------------------------


def test_a_reaction_goes_to_the_projector_only(django_capture_on_commit_callbacks, sent):
    question = put_on_screen(QuestionFactory())
    participant = ParticipantFactory(session=question.session)
    with django_capture_on_commit_callbacks(execute=True):
        services.reaction_send(participant=participant, emoji="👏")
    assert sent == [
        (events.presenter_group(question.session_id), {"type": "reaction", "emoji": "👏"})
    ]


def test_reactions_are_rate_limited_per_phone():
    question = put_on_screen(QuestionFactory())
    participant = ParticipantFactory(session=question.session)
    codes = []
    for _ in range(services.REACTIONS_PER_PHONE_10S + 1):
        try:
            services.reaction_send(participant=participant, emoji="👍")
            codes.append("ok")
        except Refused as refused:
            codes.append(refused.code)
    # A ten-second window can turn over mid-loop; then the extra one is allowed.
    assert codes[: services.REACTIONS_PER_PHONE_10S] == ["ok"] * services.REACTIONS_PER_PHONE_10S
    assert codes[-1] in {"too_fast", "ok"}
    assert codes.count("too_fast") <= 1


def test_reactions_other_than_the_offered_ones_or_in_a_closed_session_are_refused():
    question = put_on_screen(QuestionFactory())
    participant = ParticipantFactory(session=question.session)
    with pytest.raises(Refused) as refused:
        services.reaction_send(participant=participant, emoji="💩")
    assert refused.value.code == "invalid_reaction"
    services.session_close(session=question.session)
    with pytest.raises(Refused) as refused:
        services.reaction_send(participant=participant, emoji="👍")
    assert refused.value.code == "not_now"


def test_phone_has_reaction_buttons_and_gets_a_status(client):
    question = put_on_screen(QuestionFactory())
    phone_client(client, question)
    page = client.get(reverse("live:join_code", args=[question.session.code])).content.decode()
    assert 'aria-label="Thumbs up"' in page
    url = reverse("live:participant_react", args=[question.session.code])
    answer = client.post(url, {"emoji": "👍"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Sent to the screen." in answer
    answer = client.post(url, {"emoji": "x"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Choose one of the reactions." in answer


def test_the_control_pages_question_list_says_which_are_closed_and_which_hide_results(client):
    shown = put_on_screen(ChoiceQuestionFactory())
    session = shown.session
    closed = ChoiceQuestionFactory(session=session, prompt="Closed one", accepting=False)
    hidden = ChoiceQuestionFactory(session=session, prompt="Hidden one", results_visible=False)
    after = ChoiceQuestionFactory(session=session, prompt="After one", results_after_close=True)
    client.force_login(member_of(session.dialogue.organisation))
    page = client.get(reverse("live:session_control", args=[session.pk])).content.decode()

    def row(prompt: str) -> str:
        return re.search(rf"<li[^>]*>(?:(?!</li>).)*{re.escape(prompt)}.*?</li>", page, re.S)[0]

    rows = {q.prompt: row(q.prompt) for q in (shown, closed, hidden, after)}
    assert "Closed for answers" in rows["Closed one"]
    assert "Results hidden" not in rows["Closed one"]
    assert "Results hidden" in rows["Hidden one"]
    assert "Closed for answers" not in rows["Hidden one"]
    # Results after closing: hidden while answering is open.
    assert "Results hidden" in rows["After one"]
    assert "Closed for answers" not in rows[shown.prompt]
    assert "Results hidden" not in rows[shown.prompt]

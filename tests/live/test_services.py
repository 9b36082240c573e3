"""Services of live sessions: building, running, joining and answering."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from samrad.live import events, services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Channel, LiveSession, Response, SessionStatus
from tests.factories import (
    ChoiceQuestionFactory,
    DialogueFactory,
    ParticipantFactory,
    QuestionFactory,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """Events that reach the channel layer (after commit)."""
    messages = []
    monkeypatch.setattr(
        "samrad.core.realtime.group_send", lambda group, event: messages.append((group, event))
    )
    return messages


def test_session_create_draws_unique_six_digit_codes():
    dialogue = DialogueFactory()
    codes = {services.session_create(dialogue=dialogue, title=f"s{i}").code for i in range(30)}
    assert len(codes) == 30
    assert all(len(code) == 6 and code.isdigit() for code in codes)


def test_question_add_orders_questions_and_keeps_choices():
    session = services.session_create(dialogue=DialogueFactory(), title="Möte")
    first = services.question_add(session=session, kind="wordcloud", prompt="Ett ord?")
    second = services.question_add(
        session=session, kind="choice", prompt="Vad?", choices=["A", " ", "B"]
    )
    assert first.position < second.position
    assert [c.label for c in second.choices.all()] == ["A", "B"]
    with pytest.raises(ValueError):
        services.question_add(session=session, kind="nonsense", prompt="?")


def test_question_move_swaps_neighbours():
    session = services.session_create(dialogue=DialogueFactory(), title="Möte")
    a = services.question_add(session=session, kind="open", prompt="A")
    b = services.question_add(session=session, kind="open", prompt="B")
    services.question_move(question=b, offset=-1)
    assert [q.prompt for q in session.questions.order_by("position")] == ["B", "A"]
    services.question_move(question=a, offset=1)  # already last: nothing changes
    assert [q.prompt for q in session.questions.order_by("position")] == ["B", "A"]


def test_open_goes_to_first_question_and_steps_stop_at_the_ends(
    django_capture_on_commit_callbacks, sent
):
    session = services.session_create(dialogue=DialogueFactory(), title="Möte")
    a = services.question_add(session=session, kind="open", prompt="A")
    b = services.question_add(session=session, kind="open", prompt="B")
    with django_capture_on_commit_callbacks(execute=True):
        services.session_open(session=session)
    assert session.status == SessionStatus.OPEN
    assert session.current_question == a
    groups = {group for group, _event in sent}
    assert groups == {events.session_group(session.pk), events.presenter_group(session.pk)}
    assert sent[0][1]["question"]["id"] == a.pk
    services.session_step(session=session, offset=-1)
    assert session.current_question == a
    services.session_step(session=session, offset=1)
    services.session_step(session=session, offset=1)
    assert session.current_question == b


def test_events_are_sent_only_after_commit(sent):
    session = services.session_create(dialogue=DialogueFactory(), title="Möte")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.session_open(session=session)
        raise RuntimeError("rolled back")
    assert sent == []
    assert LiveSession.objects.get(pk=session.pk).status == SessionStatus.DRAFT


def test_join_refused_when_session_closed_but_a_draft_one_waits_in_the_lobby():
    session = services.session_create(dialogue=DialogueFactory(), title="Möte")
    assert services.participant_join(session=session).session == session
    services.session_close(session=session)
    with pytest.raises(Refused) as refused:
        services.participant_join(session=session)
    assert refused.value.code == "session_closed"


def test_single_choice_second_answer_replaces_first():
    question = put_on_screen(ChoiceQuestionFactory())
    participant = ParticipantFactory(session=question.session)
    a, b, _c = question.choices.all()
    services.response_submit(
        question=question, participant=participant, answer=Answer(choices=[a.pk])
    )
    services.response_submit(
        question=question, participant=participant, answer=Answer(choices=[b.pk])
    )
    assert Response.objects.filter(question=question).count() == 1
    assert Response.objects.get(question=question).choices == [b.pk]


def test_single_choice_refuses_two_options_and_unknown_options():
    question = put_on_screen(ChoiceQuestionFactory())
    participant = ParticipantFactory(session=question.session)
    a, b, _c = question.choices.all()
    other = ChoiceQuestionFactory()
    for choices, code in [
        ([a.pk, b.pk], "single_choice"),
        ([other.choices.first().pk], "invalid_choice"),
        ([], "invalid_choice"),
        (["x"], "invalid_choice"),
    ]:
        with pytest.raises(Refused) as refused:
            services.response_submit(
                question=question, participant=participant, answer=Answer(choices=choices)
            )
        assert refused.value.code == code
    assert not Response.objects.exists()


def test_multiple_choice_with_other_text():
    question = put_on_screen(ChoiceQuestionFactory(allow_multiple=True, allow_other=True))
    participant = ParticipantFactory(session=question.session)
    a, b, _c = question.choices.all()
    services.response_submit(
        question=question,
        participant=participant,
        answer=Answer(choices=[b.pk, a.pk], text="Cykelvägar"),
    )
    response = Response.objects.get()
    assert response.choices == sorted([a.pk, b.pk])
    assert response.text == "Cykelvägar"


def test_closed_question_refuses_and_stores_nothing():
    question = put_on_screen(ChoiceQuestionFactory(accepting=False))
    participant = ParticipantFactory(session=question.session)
    with pytest.raises(Refused) as refused:
        services.response_submit(
            question=question,
            participant=participant,
            answer=Answer(choices=[question.choices.first().pk]),
        )
    assert refused.value.code == "question_closed"
    assert refused.value.status == 409
    assert "closed" in refused.value.message
    assert not Response.objects.exists()


def test_question_not_on_screen_refuses():
    question = ChoiceQuestionFactory()
    participant = ParticipantFactory(session=question.session)
    with pytest.raises(Refused) as refused:
        services.response_submit(
            question=question,
            participant=participant,
            answer=Answer(choices=[question.choices.first().pk]),
        )
    assert refused.value.code == "not_current"


def test_participant_of_another_session_refused():
    question = put_on_screen(QuestionFactory())
    stranger = ParticipantFactory()
    with pytest.raises(Refused):
        services.response_submit(
            question=question, participant=stranger, answer=Answer(text="x", kind="input")
        )


def test_wordcloud_entries_limited_per_participant_and_words_per_entry():
    question = put_on_screen(QuestionFactory(kind="wordcloud", max_entries=2, max_words=2))
    participant = ParticipantFactory(session=question.session)
    services.response_submit(
        question=question, participant=participant, answer=Answer(words="skola")
    )
    with pytest.raises(Refused) as refused:
        services.response_submit(
            question=question, participant=participant, answer=Answer(words="en två tre")
        )
    assert refused.value.code == "too_many_words"
    services.response_submit(
        question=question, participant=participant, answer=Answer(words="park")
    )
    with pytest.raises(Refused) as refused:
        services.response_submit(
            question=question, participant=participant, answer=Answer(words="bad")
        )
    assert refused.value.code == "limit_reached"
    assert [r.slot for r in Response.objects.order_by("slot")] == [0, 1]


def test_open_input_keeps_type_and_refuses_bad_text(settings):
    settings.SAMRAD_MAX_TEXT_LENGTH = 20
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    response = services.response_submit(
        question=question,
        participant=participant,
        answer=Answer(text="  <b>Mer  ljus</b> ", kind="suggestion"),
    )
    assert response.text == "<b>Mer  ljus</b>"
    assert response.input_kind == "suggestion"
    assert response.channel == Channel.LIVE
    for text, kind, code in [
        ("   ", "input", "empty"),
        ("x" * 21, "input", "too_long"),
        ("ok", "gossip", "invalid_kind"),
        ("ok", None, "invalid_kind"),
    ]:
        with pytest.raises(Refused) as refused:
            services.response_submit(
                question=question, participant=participant, answer=Answer(text=text, kind=kind)
            )
        assert refused.value.code == code
    assert Response.objects.count() == 1


def test_open_input_allows_several_entries():
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    for text in ["Ett", "Två", "Tre"]:
        services.response_submit(
            question=question, participant=participant, answer=Answer(text=text, kind="input")
        )
    assert Response.objects.count() == 3


def test_resent_client_id_is_stored_once():
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    client_id = uuid.uuid4()
    first = services.response_submit(
        question=question,
        participant=participant,
        client_id=client_id,
        answer=Answer(text="Hej", kind="input"),
    )
    again = services.response_submit(
        question=question,
        participant=participant,
        client_id=client_id,
        answer=Answer(text="Hej", kind="input"),
    )
    assert first.pk == again.pk
    assert Response.objects.count() == 1


def test_database_refuses_a_second_response_in_the_same_slot():
    question = put_on_screen(ChoiceQuestionFactory())
    participant = ParticipantFactory(session=question.session)
    Response.objects.create(question=question, participant=participant, slot=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(question=question, participant=participant, slot=0)


def test_reset_deletes_answers_of_that_question_only():
    question = put_on_screen(QuestionFactory(kind="open"))
    other = QuestionFactory(kind="open", session=question.session)
    participant = ParticipantFactory(session=question.session)
    services.response_submit(
        question=question, participant=participant, answer=Answer(text="a", kind="input")
    )
    Response.objects.create(question=other, participant=participant, text="b", input_kind="input")
    assert services.question_reset(question=question) == 1
    assert list(Response.objects.values_list("text", flat=True)) == ["b"]


def test_presence_counts_connections_and_never_goes_negative():
    participant = ParticipantFactory()
    services.participant_presence(participant=participant, delta=1)
    services.participant_presence(participant=participant, delta=1)
    services.participant_presence(participant=participant, delta=-1)
    participant.refresh_from_db()
    assert participant.connections == 1
    services.participant_presence(participant=participant, delta=-1)
    services.participant_presence(participant=participant, delta=-1)
    participant.refresh_from_db()
    assert participant.connections == 0


def test_control_characters_are_dropped_from_text():
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    response = services.response_submit(
        question=question,
        participant=participant,
        answer=Answer(text="Mer\x00 ljus\x07\nTack", kind="input"),
    )
    assert response.text == "Mer ljus\nTack"
    with pytest.raises(Refused) as refused:
        services.response_submit(
            question=question, participant=participant, answer=Answer(text="\x00\x01", kind="input")
        )
    assert refused.value.code == "empty"


def test_presence_batch_applies_every_change_with_one_event_per_session(
    django_capture_on_commit_callbacks,
):
    first, second = ParticipantFactory(), ParticipantFactory()
    third = ParticipantFactory(session=first.session)
    services.participant_presence_batch([(first, 1), (third, 1), (second, 1)])
    with django_capture_on_commit_callbacks() as callbacks:
        services.participant_presence_batch([(first, -1), (third, 2), (second, -3), (first, 0)])
    for participant, expected in ((first, 0), (third, 3), (second, 0)):
        participant.refresh_from_db()
        assert participant.connections == expected
    assert len(callbacks) == 2  # one presence event per session, not one per phone

"""inputs_sync: open inputs and Q&A posts of every channel come onto the board once."""

from samrad.insights import services
from samrad.insights.models import Input, InputChannel, InputStatus
from samrad.live import services as live
from samrad.live.kinds import Answer
from samrad.live.models import Channel, QuestionKind
from tests.factories import ParticipantFactory, QuestionFactory, SessionFactory, put_on_screen


def _open_question(dialogue, kind=QuestionKind.OPEN):
    session = SessionFactory(dialogue=dialogue, status="open")
    return put_on_screen(QuestionFactory(session=session, kind=kind))


def test_open_inputs_qa_posts_and_interviews_come_once(dialogue):
    question = _open_question(dialogue)
    phone = ParticipantFactory(session=question.session)
    live.response_submit(
        question=question,
        participant=phone,
        answer=Answer(text="Bättre belysning vid skolan", kind="suggestion"),
    )
    interviewed = live.proxy_participant_create(session=question.session, channel=Channel.INTERVIEW)
    live.response_submit(
        question=question,
        participant=interviewed,
        answer=Answer(text="Fler bussar på kvällen", kind="input"),
        channel=Channel.INTERVIEW,
    )
    qa = QuestionFactory(session=question.session, kind=QuestionKind.QA)
    put_on_screen(qa)
    post = live.response_submit(
        question=qa, participant=phone, answer=Answer(text="När öppnar simhallen?")
    )
    voter = ParticipantFactory(session=question.session)
    live.qa_upvote(response=post, participant=voter)

    assert services.inputs_sync(dialogue=dialogue) == 3
    assert services.inputs_sync(dialogue=dialogue) == 0  # idempotent
    inputs = {i.text: i for i in Input.objects.filter(dialogue=dialogue)}
    assert len(inputs) == 3
    assert inputs["Bättre belysning vid skolan"].kind == "suggestion"
    assert inputs["Bättre belysning vid skolan"].channel == InputChannel.LIVE
    assert inputs["Bättre belysning vid skolan"].participant_id == phone.pk
    assert inputs["Fler bussar på kvällen"].channel == InputChannel.INTERVIEW
    assert inputs["När öppnar simhallen?"].kind == "question"
    assert inputs["När öppnar simhallen?"].upvotes == 1
    assert inputs["När öppnar simhallen?"].session_id == question.session_id


def test_sync_follows_upvotes_and_keeps_the_facilitators_work(dialogue, theme):
    qa = _open_question(dialogue, QuestionKind.QA)
    phone = ParticipantFactory(session=qa.session)
    post = live.response_submit(question=qa, participant=phone, answer=Answer(text="Varför?"))
    services.inputs_sync(dialogue=dialogue)
    item = Input.objects.get(response=post)
    services.input_code(input=item, theme=theme)
    services.input_answer(input=item, answer="Därför.")
    for _ in range(2):
        live.qa_upvote(response=post, participant=ParticipantFactory(session=qa.session))
    services.inputs_sync(dialogue=dialogue)
    item.refresh_from_db()
    assert item.upvotes == 2
    assert item.answer == "Därför."
    assert list(item.themes.all()) == [theme]
    assert item.status == InputStatus.ANSWERED


def test_hidden_posts_stay_off_and_other_dialogues_are_not_touched(dialogue):
    qa = _open_question(dialogue, QuestionKind.QA)
    phone = ParticipantFactory(session=qa.session)
    hidden = live.response_submit(question=qa, participant=phone, answer=Answer(text="Skräp"))
    live.qa_moderate(response=hidden, action="hide")
    other = _open_question(SessionFactory().dialogue)
    live.response_submit(
        question=other,
        participant=ParticipantFactory(session=other.session),
        answer=Answer(text="Annan dialog", kind="input"),
    )
    assert services.inputs_sync(dialogue=dialogue) == 0
    assert not Input.objects.exists()


def test_a_reset_question_takes_its_inputs_off_the_board(dialogue):
    question = _open_question(dialogue)
    live.response_submit(
        question=question,
        participant=ParticipantFactory(session=question.session),
        answer=Answer(text="Hej", kind="input"),
    )
    services.inputs_sync(dialogue=dialogue)
    live.question_reset(question=question)
    assert not Input.objects.filter(dialogue=dialogue).exists()


def test_a_qa_merge_on_the_moderation_panel_becomes_a_duplicate(dialogue):
    qa = _open_question(dialogue, QuestionKind.QA)
    phone = ParticipantFactory(session=qa.session)
    first = live.response_submit(question=qa, participant=phone, answer=Answer(text="Simhallen?"))
    second = live.response_submit(question=qa, participant=phone, answer=Answer(text="Badhuset?"))
    services.inputs_sync(dialogue=dialogue)
    live.qa_merge(target=first, duplicate=second)
    services.inputs_sync(dialogue=dialogue)
    duplicate = Input.objects.get(response=second)
    assert duplicate.duplicate_of == Input.objects.get(response=first)
    assert duplicate.status == InputStatus.DUPLICATE

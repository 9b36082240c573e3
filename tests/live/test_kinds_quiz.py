"""Quiz: options marked correct, points for correctness and speed, the reveal after closing,
the optional leaderboard with nicknames (issue 12, item 13)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samrad.live import exports, privacy, quiz, selectors, services
from samrad.live.errors import Refused
from samrad.live.forms import QuestionForm
from samrad.live.kinds import Answer
from samrad.live.kinds.quiz import quiz_points
from samrad.live.models import Channel, Participant, QuestionKind, Response
from tests.factories import OpenSessionFactory, ParticipantFactory, member_of
from tests.live.kind_helpers import answer, refusal, stage_html

pytestmark = pytest.mark.django_db


def quiz_question(session=None, *, options=("Malmö", "Stockholm", "Göteborg"), correct=(1,), **kw):
    session = session or OpenSessionFactory()
    question = services.question_add(
        session=session,
        kind=QuestionKind.QUIZ,
        prompt="Vilken är Sveriges huvudstad?",
        choices=list(options),
        correct=list(correct),
        **kw,
    )
    services.session_go_to(session=session, question=question)
    question.refresh_from_db()
    return question


def ids(question):
    return {c.label: c.pk for c in question.choices.all()}


def opened_ago(question, seconds):
    """As if answering had opened `seconds` ago."""
    question.answering_opened_at = timezone.now() - timedelta(seconds=seconds)
    question.save(update_fields=["answering_opened_at"])


def test_points_formula():
    assert quiz_points(correct=True, seconds=0, limit=20) == 1000
    assert quiz_points(correct=True, seconds=10, limit=20) == 750
    assert quiz_points(correct=True, seconds=20, limit=20) == 500
    assert quiz_points(correct=True, seconds=45, limit=20) == 500  # late: still right
    assert quiz_points(correct=False, seconds=0, limit=20) == 0
    assert quiz_points(correct=True, seconds=None, limit=20) == 1000  # no clock


def test_form_marks_correct_options_with_a_star_and_keeps_notes():
    form = QuestionForm(
        {
            "kind": "quiz",
            "prompt": "Huvudstad?",
            "choices": "Malmö\n* Stockholm\nGöteborg",
            "max_entries": 3,
            "max_words": 3,
            "quiz_seconds": 15,
            "speaker_notes": "Berätta om 1634.",
        }
    )
    assert form.is_valid(), form.errors
    kwargs = form.service_kwargs()
    assert kwargs["choices"] == ["Malmö", "Stockholm", "Göteborg"]
    assert kwargs["correct"] == [1]
    question = services.question_add(session=OpenSessionFactory(), **kwargs)
    assert [(c.label, c.correct) for c in question.choices.all()] == [
        ("Malmö", False),
        ("Stockholm", True),
        ("Göteborg", False),
    ]
    assert (question.quiz_seconds, question.speaker_notes) == (15, "Berätta om 1634.")


def test_form_refuses_a_quiz_without_a_correct_option_or_with_two_for_one_answer():
    base = {"kind": "quiz", "prompt": "?", "max_entries": 3, "max_words": 3}
    with translation.override("en"):
        none = QuestionForm({**base, "choices": "A\nB"})
        assert not none.is_valid()
        assert "Mark at least one correct option" in str(none.errors["choices"])
        two = QuestionForm({**base, "choices": "* A\n* B\nC"})
        assert not two.is_valid() and "allow_multiple" in two.errors
        several = QuestionForm({**base, "choices": "* A\n* B\nC", "allow_multiple": "on"})
        assert several.is_valid(), several.errors
        assert several.service_kwargs()["correct"] == [0, 1]


def test_a_quick_right_answer_earns_more_than_a_slow_one_and_a_wrong_one_nothing():
    question = quiz_question()
    labels = ids(question)
    opened_ago(question, 2)
    quick = answer(question, choices=[labels["Stockholm"]])
    opened_ago(question, 15)
    slow = answer(question, choices=[labels["Stockholm"]])
    wrong = answer(question, choices=[labels["Malmö"]])
    assert 1.9 <= quick.value <= 3 and 14.9 <= slow.value <= 16
    services.question_set_accepting(question=question, accepting=False)
    question.refresh_from_db()
    by_participant = {s.participant_id: s for s in quiz.standings(question.session)}
    assert 920 <= by_participant[quick.participant_id].points <= 955
    assert 600 <= by_participant[slow.participant_id].points <= 630
    assert by_participant[wrong.participant_id].points == 0
    assert [s.rank for s in quiz.standings(question.session)] == [1, 2, 3]


def test_one_answer_unless_several_allowed_and_only_its_options():
    question = quiz_question()
    labels = ids(question)
    assert refusal(question, choices=[labels["Malmö"], labels["Stockholm"]]).code == "single_choice"
    assert refusal(question, choices=[]).code == "invalid_choice"
    assert refusal(question, choices=[999999]).code == "invalid_choice"


def test_several_correct_options_count_only_when_all_are_picked():
    question = quiz_question(correct=(0, 1), allow_multiple=True)
    labels = ids(question)
    both = answer(question, choices=[labels["Malmö"], labels["Stockholm"]])
    one = answer(question, choices=[labels["Stockholm"]])
    services.question_set_accepting(question=question, accepting=False)
    points = {s.participant_id: s.points for s in quiz.standings(question.session)}
    assert points[both.participant_id] > 0 and points[one.participant_id] == 0


def test_projector_marks_the_correct_option_only_after_closing():
    question = quiz_question()
    labels = ids(question)
    answer(question, choices=[labels["Stockholm"]])
    answer(question, choices=[labels["Malmö"]])
    open_results = selectors.question_results(question)
    assert not open_results["revealed"]
    assert all(row["correct"] is None for row in open_results["rows"])
    assert "correct_count" not in open_results
    assert 'data-correct="true"' not in stage_html(question)
    services.question_set_accepting(question=question, accepting=False)
    question.refresh_from_db()
    closed = selectors.question_results(question)
    assert closed["revealed"] and closed["correct_count"] == 1 and closed["correct_percent"] == 50
    assert [row["correct"] for row in closed["rows"]] == [False, True, False]
    html = stage_html(question)
    assert html.count('data-correct="true"') == 1
    assert 'data-correct="true"' in html.split("Stockholm")[0].rsplit("<li", 1)[1]


def test_phone_shows_right_or_wrong_with_points_and_rank_after_closing(client):
    session = OpenSessionFactory(leaderboard=True)
    question = quiz_question(session)
    client.get(reverse("live:join_code", args=[session.code]))
    me = Participant.objects.get(session=session)
    labels = ids(question)
    answer(question, me, choices=[labels["Stockholm"]])
    answer(question, choices=[labels["Malmö"]])
    page = client.get(reverse("live:participant_question", args=[session.code])).content.decode()
    assert "quiz-outcome" not in page  # not before closing
    services.question_set_accepting(question=question, accepting=False)
    with translation.override("en"):
        page = client.get(
            reverse("live:participant_question", args=[session.code]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert 'data-correct="true"' in page and "Right!" in page
    assert "You are number 1 of 2" in page


def test_nickname_only_with_a_leaderboard_and_through_the_word_filter(client):
    session = OpenSessionFactory()
    quiz_question(session)
    me = ParticipantFactory(session=session)
    with pytest.raises(Refused) as refused:
        quiz.nickname_set(participant=me, nickname="Kalle")
    assert refused.value.code == "no_leaderboard"
    client.get(reverse("live:join_code", args=[session.code]))
    assert (
        'name="nickname"'
        not in client.get(
            reverse("live:participant_question", args=[session.code])
        ).content.decode()
    )
    session.leaderboard = True
    session.save()
    assert (
        'name="nickname"'
        in client.get(reverse("live:participant_question", args=[session.code])).content.decode()
    )
    with pytest.raises(Refused) as refused:
        quiz.nickname_set(participant=me, nickname="F u c k")
    assert refused.value.code == "nickname_blocked"
    with pytest.raises(Refused) as refused:
        quiz.nickname_set(participant=me, nickname="x" * 31)
    assert refused.value.code == "too_long"
    quiz.nickname_set(participant=me, nickname="  Kalle   Anka ")
    me.refresh_from_db()
    assert me.nickname == "Kalle Anka"
    posted = client.post(
        reverse("live:participant_nickname", args=[session.code]),
        {"nickname": "Stjärnan"},
        HTTP_HX_REQUEST="true",
    )
    assert posted.status_code == 200
    assert Participant.objects.filter(session=session, nickname="Stjärnan").exists()
    # Without JavaScript: the whole page, with the refusal and what was typed kept.
    with translation.override("en"):
        page = client.post(
            reverse("live:participant_nickname", args=[session.code]),
            {"nickname": "f.u.c.k"},
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
    assert "Please choose another nickname." in page and 'value="f.u.c.k"' in page
    assert Participant.objects.filter(session=session, nickname="Stjärnan").exists()


def test_leaderboard_on_the_projector_top_ten_with_nicknames():
    session = OpenSessionFactory(leaderboard=True)
    question = quiz_question(session)
    right = ids(question)["Stockholm"]
    for n in range(12):
        participant = ParticipantFactory(session=session, nickname=f"Lag {n}")
        opened_ago(question, n)
        answer(question, participant, choices=[right])
    services.question_set_accepting(question=question, accepting=False)
    quiz.leaderboard_show(session=session, shown=True)
    session.refresh_from_db()
    context = selectors.stage_context(session)
    assert [row.nickname for row in context["leaderboard"]] == [f"Lag {n}" for n in range(10)]
    from django.template.loader import render_to_string

    html = render_to_string("live/_stage.html", context)
    assert "Lag 0" in html and "Lag 9" in html and "Lag 10" not in html
    # Moving to a question takes the leaderboard off the screen.
    services.session_go_to(session=session, question=question)
    session.refresh_from_db()
    assert not session.leaderboard_on_screen
    assert selectors.stage_context(session)["leaderboard"] is None


def test_leaderboard_needs_the_setting():
    session = OpenSessionFactory()
    quiz.leaderboard_show(session=session, shown=True)
    session.refresh_from_db()
    assert not session.leaderboard_on_screen


def test_paper_answers_have_no_clock():
    question = quiz_question()
    opened_ago(question, 100)
    proxy = services.proxy_participant_create(session=question.session, channel=Channel.PAPER)
    services.response_submit(
        question=question,
        participant=proxy,
        answer=Answer(choices=[ids(question)["Stockholm"]]),
        channel=Channel.PAPER,
    )
    assert quiz.standings(question.session)[0].points == 1000


def test_exports_carry_correctness_and_points():
    question = quiz_question()
    labels = ids(question)
    opened_ago(question, 0)
    answer(question, choices=[labels["Stockholm"]])
    answer(question, choices=[labels["Göteborg"]])
    header, rows = exports._responses_table([exports._SessionData.load(question.session)])
    column = {name: header.index(name) for name in ("answer", "correct", "quiz_points")}
    got = sorted(
        (r[column["answer"]], r[column["correct"]], r[column["quiz_points"]]) for r in rows
    )
    assert got[0] == ("Göteborg", False, 0)
    assert got[1][:2] == ("Stockholm", True) and 950 <= got[1][2] <= 1000
    csv_text = exports.responses_csv(question.session).decode("utf-8-sig")
    assert "correct,quiz_points" in csv_text.splitlines()[0]
    assert ",true," in csv_text and ",false,0" in csv_text
    data = exports.export_data(question.session)
    exported = data["sessions"][0]["questions"][0] if "sessions" in data else data["questions"][0]
    assert [o["correct"] for o in exported["options"]] == [False, True, False]
    assert {r["correct"] for r in exported["responses"]} == {True, False}


def test_nickname_is_personal_data_exported_erased_and_cleared_at_retention():
    session = OpenSessionFactory(leaderboard=True)
    me = ParticipantFactory(session=session)
    quiz.nickname_set(participant=me, nickname="Kalle")
    assert privacy.participant_export(me)["nickname"] == "Kalle"
    other = ParticipantFactory(session=session, nickname="Lisa")
    assert privacy._nickname_retain(session) == 2
    other.refresh_from_db()
    assert other.nickname == ""
    quiz.nickname_set(participant=me, nickname="Kalle")
    counts = privacy.participant_erase(participant=me)
    assert counts["nickname"] == 1
    assert not Response.objects.filter(participant_id=me.pk).exists()


def test_the_clock_starts_when_shown_opened_reset_or_a_countdown_starts():
    question = quiz_question()
    shown = question.answering_opened_at
    assert shown is not None and (timezone.now() - shown).total_seconds() < 5
    opened_ago(question, 50)
    services.question_countdown_start(question=question, seconds=10)
    question.refresh_from_db()
    assert question.countdown_ends_at - question.answering_opened_at == timedelta(seconds=10)
    assert (timezone.now() - question.answering_opened_at).total_seconds() < 5
    opened_ago(question, 50)
    services.question_reset(question=question)
    question.refresh_from_db()
    assert (timezone.now() - question.answering_opened_at).total_seconds() < 5
    services.question_set_accepting(question=question, accepting=False)
    opened_ago(question, 50)
    services.question_set_accepting(question=question, accepting=True)
    question.refresh_from_db()
    assert (timezone.now() - question.answering_opened_at).total_seconds() < 5


def test_a_countdown_that_ran_out_refuses_quiz_answers():
    question = quiz_question()
    services.question_countdown_start(question=question, seconds=5)
    question.countdown_ends_at = timezone.now() - timedelta(seconds=1)
    question.save(update_fields=["countdown_ends_at"])
    assert refusal(question, choices=[ids(question)["Stockholm"]]).code == "time_up"


def test_self_paced_answers_have_no_clock():
    question = quiz_question()
    session = question.session
    session.mode = "self_paced"
    session.save()
    opened_ago(question, 100)
    response = answer(question, choices=[ids(question)["Stockholm"]])
    assert response.value is None
    assert quiz.standings(session)[0].points == 1000


def test_the_facilitator_api_adds_a_quiz_with_its_correct_options(client):
    from samrad.accounts.services import apitoken_create
    from tests.factories import member_of

    session = OpenSessionFactory()
    _token, secret = apitoken_create(user=member_of(session.dialogue.organisation), name="t")
    response = client.post(
        f"/api/v1/sessions/{session.pk}/questions",
        {
            "kind": "quiz",
            "prompt": "2 + 2?",
            "choices": ["3", "4"],
            "correct": [1],
            "quiz_seconds": 15,
            "speaker_notes": "Ta det lugnt",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 201, response.content
    assert "Ta det lugnt" not in response.content.decode()  # notes stay off the payload
    assert "correct" not in str(response.json()["choices"])
    question = session.questions.get()
    assert [c.correct for c in question.choices.all()] == [False, True]
    assert (question.quiz_seconds, question.speaker_notes) == (15, "Ta det lugnt")


def test_a_paper_form_takes_a_quiz_answer_without_the_nickname_field(client):
    session = OpenSessionFactory(leaderboard=True)
    question = quiz_question(session)
    client.force_login(member_of(session.dialogue.organisation))
    new_form = client.post(reverse("live:entry_list", args=[session.pk]), {"channel": "paper"})
    html = client.get(new_form["Location"]).content.decode()
    assert "Stockholm" in html and 'name="nickname"' not in html
    client.post(
        reverse("live:entry_save", args=[session.pk]),
        {"channel": "paper", f"q{question.pk}-choice": [ids(question)["Stockholm"]]},
    )
    respondent = Participant.objects.get(session=session, channel="paper")
    response = Response.objects.get(participant=respondent)
    assert response.channel == "paper"
    assert quiz.standings(session)[0].points == 1000


def test_the_board_is_never_stale_after_a_new_answer_a_changed_one_or_a_nickname(
    django_capture_on_commit_callbacks,
):
    session = OpenSessionFactory(leaderboard=True)
    question = quiz_question(session)
    labels = ids(question)
    me = ParticipantFactory(session=session)
    answer(question, me, choices=[labels["Malmö"]])
    assert [(s.nickname, s.points) for s in quiz.standings(session)] == [("", 0)]
    with django_capture_on_commit_callbacks(execute=True):  # as after the request's commit
        quiz.nickname_set(participant=me, nickname="Kalle")
    assert [s.nickname for s in quiz.standings(session)] == ["Kalle"]
    opened_ago(question, 3)
    answer(question, me, choices=[labels["Stockholm"]])  # replaces the first answer
    assert quiz.standings(session)[0].points > 900
    answer(question, choices=[labels["Stockholm"]])
    assert len(quiz.standings(session)) == 2

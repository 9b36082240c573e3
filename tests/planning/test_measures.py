"""Each measure source read against live data built with factories, manual measures, and the
goal matrix's statuses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samrad.planning import measures, selectors, services
from samrad.planning.status import CLOSE, MET, NOT_MET, PENDING
from tests.factories import DialogueFactory, ParticipantFactory, SessionFactory
from tests.planning.helpers import (
    answer,
    choice,
    composition_question,
    goal_in,
    meeting,
    scale_question,
)

pytestmark = pytest.mark.django_db


def read(measure):
    return measures.read(measure, measure.goal.purpose.dialogue)


def test_participants_counts_everyone_in_the_dialogues_sessions_only():
    dialogue = DialogueFactory()
    first, second = SessionFactory(dialogue=dialogue), SessionFactory(dialogue=dialogue)
    ParticipantFactory.create_batch(3, session=first)
    ParticipantFactory.create_batch(2, session=second)
    ParticipantFactory.create_batch(4)  # another dialogue's session
    measure = services.measure_create(
        goal=goal_in(dialogue), title="Deltagare", source="participants", target=5, actor=None
    )
    assert read(measure).value == 5


def test_participants_leave_out_the_project_groups_own_questionnaire():
    dialogue = DialogueFactory()
    ParticipantFactory.create_batch(2, session=SessionFactory(dialogue=dialogue))
    process = services.process_evaluation_create(dialogue=dialogue, actor=None)
    ParticipantFactory.create_batch(3, session=process)
    measure = services.measure_create(
        goal=goal_in(dialogue), title="Deltagare", source="participants", target=5, actor=None
    )
    assert read(measure).value == 2


def test_meetings_held_counts_meetings_with_a_past_date():
    dialogue = DialogueFactory()
    meeting(dialogue, -10)
    meeting(dialogue, -1, kind="outreach")
    meeting(dialogue, 3)
    measure = services.measure_create(
        goal=goal_in(dialogue), title="Möten", source="meetings_held", target=2, actor=None
    )
    assert read(measure).value == 2


def test_group_share_counts_the_same_ready_made_question_in_every_session():
    dialogue = DialogueFactory()
    first, second = SessionFactory(dialogue=dialogue), SessionFactory(dialogue=dialogue)
    age_first, age_second = composition_question(first), composition_question(second)
    for label in ["Under 18", "18–29", "45–64", "45–64"]:
        answer(age_first, ParticipantFactory(session=first), choices=[choice(age_first, label)])
    for label in ["18–29", "30–44"]:
        answer(age_second, ParticipantFactory(session=second), choices=[choice(age_second, label)])
    measure = services.measure_create(
        goal=goal_in(dialogue),
        title="Andel unga",
        source="group_share",
        target=50,
        question=age_first,
        choice_ids=[choice(age_first, "Under 18").pk, choice(age_first, "18–29").pk],
        actor=None,
    )
    reading = read(measure)
    assert reading.value == pytest.approx(100 * 3 / 6)
    assert "3" in reading.detail and "6" in reading.detail


def test_group_share_without_answers_has_no_value_and_is_pending():
    dialogue = DialogueFactory()
    age = composition_question(SessionFactory(dialogue=dialogue))
    services.measure_create(
        goal=goal_in(dialogue),
        title="Andel unga",
        source="group_share",
        target=20,
        question=age,
        choice_ids=[choice(age, "18–29").pk],
        actor=None,
    )
    matrix = selectors.goal_matrix(dialogue)
    row = matrix["purposes"][0]["goals"][0]["rows"][0]
    assert row["reading"].value is None
    assert row["status"] == PENDING


def test_answer_mean_and_share_at_or_above_a_value():
    dialogue = DialogueFactory()
    session = SessionFactory(dialogue=dialogue)
    satisfaction = scale_question(session)
    for value in [5, 4, 4, 2, 3]:
        answer(satisfaction, ParticipantFactory(session=session), value=value)
    goal = goal_in(dialogue)
    mean = services.measure_create(
        goal=goal, title="Nöjd", source="answer_mean", target=3.8, question=satisfaction, actor=None
    )
    share = services.measure_create(
        goal=goal,
        title="Andel nöjda",
        source="answer_share",
        target=70,
        threshold=4,
        question=satisfaction,
        actor=None,
    )
    assert read(mean).value == pytest.approx(3.6)
    assert read(share).value == pytest.approx(60)
    statuses = [
        r["status"] for r in selectors.goal_matrix(dialogue)["purposes"][0]["goals"][0]["rows"]
    ]
    assert statuses == [CLOSE, NOT_MET]  # 3.6 ≥ 3.8 − 0.38; 60 < 70 − 7


def test_answer_share_of_a_choice_question_counts_the_chosen_options():
    dialogue = DialogueFactory()
    session = SessionFactory(dialogue=dialogue)
    question = composition_question(session, labels=("Ja", "Nej"))
    for label in ["Ja", "Ja", "Nej", "Ja"]:
        answer(question, ParticipantFactory(session=session), choices=[choice(question, label)])
    measure = services.measure_create(
        goal=goal_in(dialogue),
        title="Första gången",
        source="answer_share",
        target=75,
        question=question,
        choice_ids=[choice(question, "Ja").pk],
        actor=None,
    )
    assert read(measure).value == 75
    assert selectors.goal_matrix(dialogue)["summary"].met == 1


def test_inputs_answered_is_not_available_until_insights_provides_it(monkeypatch):
    dialogue = DialogueFactory()
    measure = services.measure_create(
        goal=goal_in(dialogue), title="Besvarade", source="inputs_answered", target=90, actor=None
    )
    # the input board registers this source from its AppConfig.ready; without it:
    monkeypatch.delitem(measures.SOURCES, "inputs_answered")
    reading = read(measure)
    assert not reading.available and reading.value is None
    assert selectors.goal_matrix(dialogue)["summary"].pending == 1


def test_inputs_answered_reads_insights_when_it_exists(monkeypatch):
    dialogue = DialogueFactory()
    measure = services.measure_create(
        goal=goal_in(dialogue), title="Besvarade", source="inputs_answered", target=90, actor=None
    )
    from samrad.insights import selectors as board

    monkeypatch.setattr(board, "answered_share", lambda d: (45, 50) if d == dialogue else (0, 0))
    reading = read(measure)
    assert reading.available and reading.value == 90
    assert selectors.goal_matrix(dialogue)["summary"].met == 1


def test_manual_measure_takes_its_value_evidence_and_date():
    dialogue = DialogueFactory()
    measure = services.measure_create(
        goal=goal_in(dialogue), title="Webbesök", source="manual", target=3000, actor=None
    )
    assert selectors.goal_matrix(dialogue)["summary"].pending == 1
    today = timezone.localdate()
    services.measure_record(
        measure=measure, value=2800, evidence="Webbstatistik", recorded_on=today, actor=None
    )
    measure.refresh_from_db()
    assert (measure.manual_value, measure.evidence, measure.recorded_on) == (
        2800,
        "Webbstatistik",
        today,
    )
    assert read(measure).detail == "Webbstatistik"
    assert selectors.goal_matrix(dialogue)["summary"].close == 1


def test_a_bound_measure_takes_no_value_by_hand():
    dialogue = DialogueFactory()
    measure = services.measure_create(
        goal=goal_in(dialogue), title="Deltagare", source="participants", target=5, actor=None
    )
    with pytest.raises(ValueError):
        services.measure_record(measure=measure, value=3, evidence="", recorded_on=None, actor=None)


def test_measure_margin_and_date_override_the_dialogues():
    dialogue = DialogueFactory()
    goal = goal_in(dialogue)
    wide = services.measure_create(
        goal=goal, title="A", source="manual", target=100, close_margin=30, actor=None
    )
    later = services.measure_create(
        goal=goal,
        title="B",
        source="manual",
        target=100,
        due_on=timezone.localdate() + timedelta(days=30),
        actor=None,
    )
    for measure in (wide, later):
        services.measure_record(
            measure=measure, value=75, evidence="", recorded_on=None, actor=None
        )
    rows = selectors.goal_matrix(dialogue)["purposes"][0]["goals"][0]["rows"]
    assert [r["status"] for r in rows] == [CLOSE, PENDING]
    services.settings_update(dialogue=dialogue, close_margin=25, actor=None)
    services.measure_update(
        measure=later, title="B", source="manual", target=100, due_on=None, actor=None
    )
    rows = selectors.goal_matrix(dialogue)["purposes"][0]["goals"][0]["rows"]
    assert [r["status"] for r in rows] == [CLOSE, CLOSE]


def test_at_most_target_from_a_manual_value():
    dialogue = DialogueFactory()
    measure = services.measure_create(
        goal=goal_in(dialogue),
        title="Dagar",
        source="manual",
        target=42,
        direction="max",
        actor=None,
    )
    services.measure_record(measure=measure, value=35, evidence="", recorded_on=None, actor=None)
    assert selectors.goal_matrix(dialogue)["summary"].met == 1


def test_a_measure_cannot_read_another_dialogues_question():
    dialogue = DialogueFactory()
    foreign = composition_question(SessionFactory())
    with pytest.raises(ValueError):
        services.measure_create(
            goal=goal_in(dialogue),
            title="X",
            source="group_share",
            target=10,
            question=foreign,
            choice_ids=[foreign.choices.first().pk],
            actor=None,
        )


def test_sources_check_what_they_need():
    dialogue = DialogueFactory()
    goal = goal_in(dialogue)
    session = SessionFactory(dialogue=dialogue)
    with pytest.raises(ValueError):  # needs a question
        services.measure_create(goal=goal, title="X", source="answer_mean", target=1, actor=None)
    with pytest.raises(ValueError):  # needs options
        services.measure_create(
            goal=goal,
            title="X",
            source="group_share",
            target=1,
            question=composition_question(session),
            actor=None,
        )
    with pytest.raises(ValueError):  # a mean of a choice question makes no sense
        services.measure_create(
            goal=goal,
            title="X",
            source="answer_mean",
            target=1,
            question=composition_question(session),
            actor=None,
        )
    with pytest.raises(ValueError):
        services.measure_create(goal=goal, title="X", source="nonsense", target=1, actor=None)


def test_another_app_can_register_a_source():
    dialogue = DialogueFactory()
    source = measures.Source(
        key="test_constant", label="Constant", read=lambda m, d: measures.Reading(7)
    )
    measures.register(source)
    try:
        measure = services.measure_create(
            goal=goal_in(dialogue), title="X", source="test_constant", target=7, actor=None
        )
        assert selectors.goal_matrix(dialogue)["summary"].met == 1
        assert read(measure).value == 7
    finally:
        measures.SOURCES.pop("test_constant")


def test_summary_of_a_mixed_matrix():
    dialogue = DialogueFactory()
    goal = goal_in(dialogue)
    for value, target in [(10, 10), (9.5, 10), (1, 10), (None, 10)]:
        measure = services.measure_create(
            goal=goal, title=f"{value}", source="manual", target=target, actor=None
        )
        services.measure_record(
            measure=measure, value=value, evidence="", recorded_on=None, actor=None
        )
    summary = selectors.goal_matrix(dialogue)["summary"]
    assert (summary.total, summary.met, summary.close, summary.not_met, summary.pending) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert MET  # the constants are the ones the pages show

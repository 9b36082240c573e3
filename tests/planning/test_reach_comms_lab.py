"""Reach per target group, overdue communication, the process-evaluation questionnaire,
lessons, the co-creation lab's time series and the timeline."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from samrad.core.models import AuditEntry
from samrad.live.models import QuestionKind, SessionMode, SessionStatus
from samrad.planning import selectors, services
from samrad.planning.models import ActivityStatus, LabValue
from tests.factories import DialogueFactory, ParticipantFactory, SessionFactory, member_of
from tests.planning.helpers import answer, choice, composition_question, meeting

pytestmark = pytest.mark.django_db


# --- Reach ---------------------------------------------------------------------------------


def test_reach_from_composition_answers_and_by_hand():
    dialogue = DialogueFactory()
    user = member_of(dialogue.organisation)
    first, second = SessionFactory(dialogue=dialogue), SessionFactory(dialogue=dialogue)
    age_first, age_second = composition_question(first), composition_question(second)
    for label in ["Under 18", "18–29", "45–64"]:
        answer(age_first, ParticipantFactory(session=first), choices=[choice(age_first, label)])
    answer(age_second, ParticipantFactory(session=second), choices=[choice(age_second, "18–29")])
    young = services.target_group_save(
        dialogue=dialogue,
        name="Unga",
        reach_goal=4,
        question=age_first,
        choice_ids=[choice(age_first, "Under 18").pk, choice(age_first, "18–29").pk],
        actor=user,
    )
    parents = services.target_group_save(
        dialogue=dialogue, name="Småbarnsföräldrar", reach_goal=60, manual_count=66, actor=user
    )
    uncounted = services.target_group_save(
        dialogue=dialogue, name="Födda utomlands", reach_goal=40, actor=user
    )
    rows = {row["group"]: row for row in selectors.reach(dialogue)}
    assert (rows[young]["reached"], rows[young]["percent"], rows[young]["met"]) == (3, 75, False)
    assert rows[young]["counted"] == "live"
    assert (rows[parents]["reached"], rows[parents]["met"], rows[parents]["bar"]) == (66, True, 100)
    assert rows[uncounted]["reached"] is None and rows[uncounted]["percent"] is None
    assert AuditEntry.objects.filter(action="planning.target_group.save").count() == 3


def test_a_target_group_is_linked_to_meetings_of_its_own_dialogue_only():
    dialogue = DialogueFactory()
    own = meeting(dialogue, -3, kind="outreach")
    group = services.target_group_save(
        dialogue=dialogue, name="Unga", reach_goal=10, meetings=[own], actor=None
    )
    assert list(own.target_groups.all()) == [group]
    with pytest.raises(ValueError):
        services.target_group_save(
            dialogue=dialogue,
            name="X",
            reach_goal=1,
            meetings=[meeting(DialogueFactory(), 1)],
            actor=None,
        )


def test_a_composition_group_needs_its_options():
    dialogue = DialogueFactory()
    age = composition_question(SessionFactory(dialogue=dialogue))
    with pytest.raises(ValueError):
        services.target_group_save(
            dialogue=dialogue, name="Unga", reach_goal=10, question=age, actor=None
        )


# --- Communication -------------------------------------------------------------------------


def test_overdue_is_a_past_date_that_is_not_done():
    dialogue = DialogueFactory()
    today = date(2026, 4, 10)

    def activity(days, status):
        return services.comms_create(
            dialogue=dialogue,
            channel="web",
            planned_on=today + timedelta(days=days),
            message=f"{days} {status}",
            status=status,
            actor=None,
        )

    late = activity(-1, ActivityStatus.PLANNED)
    started = activity(-5, ActivityStatus.IN_PROGRESS)
    activity(-5, ActivityStatus.DONE)
    activity(-5, ActivityStatus.CANCELLED)
    activity(0, ActivityStatus.PLANNED)  # today is not yet overdue
    activity(3, ActivityStatus.PLANNED)
    overdue = [
        row["activity"] for row in selectors.comms_plan(dialogue, today=today) if row["overdue"]
    ]
    assert overdue == [started, late]
    services.comms_set_status(activity=late, status=ActivityStatus.DONE, actor=None)
    overdue = [
        row["activity"] for row in selectors.comms_plan(dialogue, today=today) if row["overdue"]
    ]
    assert overdue == [started]


def test_the_audience_is_a_target_group_of_the_same_dialogue():
    dialogue = DialogueFactory()
    foreign = services.target_group_save(
        dialogue=DialogueFactory(), name="Unga", reach_goal=5, actor=None
    )
    with pytest.raises(ValueError):
        services.comms_create(
            dialogue=dialogue,
            channel="leaflet",
            planned_on=date(2026, 1, 1),
            message="Flygblad",
            audience=foreign,
            actor=None,
        )


# --- Evaluation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, first_prompt", [("sv", "Syftet med dialogen"), ("da", "Formålet med dialogen")]
)
def test_process_questionnaire_is_an_open_self_paced_session(language, first_prompt):
    dialogue = DialogueFactory(language=language)
    user = member_of(dialogue.organisation)
    session = services.process_evaluation_create(dialogue=dialogue, actor=user)
    assert session.dialogue == dialogue
    assert session.mode == SessionMode.SELF_PACED and session.status == SessionStatus.OPEN
    kinds = list(session.questions.values_list("kind", flat=True))
    assert kinds.count(QuestionKind.SCALE) == 6 and kinds.count(QuestionKind.OPEN) == 2
    assert session.questions.first().prompt.startswith(first_prompt)
    assert all(q.label_low for q in session.questions.filter(kind=QuestionKind.SCALE))
    assert selectors.plan_settings(dialogue).process_session == session
    assert AuditEntry.objects.filter(
        action="planning.process_evaluation.create", actor=user
    ).exists()


def test_process_summary_reads_the_live_answers():
    from samrad.live import services as live
    from samrad.live.kinds import Answer

    dialogue = DialogueFactory(language="sv")
    session = services.process_evaluation_create(dialogue=dialogue, actor=None)
    questions = list(session.questions.all())
    for values, text in [([5, 4, 3, 4, 4, 5], "Målmatrisen"), ([3, 4, 2, 4, 5, 4], "")]:
        member = live.proxy_participant_create(session=session, channel="paper")
        for question, value in zip(questions[:6], values, strict=True):
            live.response_submit(
                question=question, participant=member, answer=Answer(value=value), channel="paper"
            )
        if text:
            live.response_submit(
                question=questions[6],
                participant=member,
                answer=Answer(text=text, kind="input"),
                channel="paper",
            )
    summary = selectors.process_summary(dialogue)
    assert summary["respondents"] == 2
    first = summary["questions"][0]
    assert (first["mean"], first["count"]) == (4, 2)
    assert summary["questions"][6]["texts"] == ["Målmatrisen"]
    assert summary["questions"][7]["texts"] == []


def test_no_questionnaire_no_summary():
    assert selectors.process_summary(DialogueFactory()) is None


def test_lessons_are_recorded_with_their_category():
    dialogue = DialogueFactory()
    lesson = services.lesson_create(
        dialogue=dialogue, category="communication", text="  Börja tidigt. ", actor=None
    )
    assert (lesson.category, lesson.text) == ("communication", "Börja tidigt.")
    services.lesson_delete(lesson=lesson, actor=None)
    assert not dialogue.lessons.exists()


# --- Co-creation lab -----------------------------------------------------------------------


def test_lab_time_series_in_date_order_with_chart_points():
    dialogue = DialogueFactory()
    lab = services.lab_create(dialogue=dialogue, title="Fritidsbanken", actor=None)
    services.key_actor_add(
        lab=lab,
        name="Storby IF",
        organisation_type="association",
        involvement="co_creating",
        actor=None,
    )
    loans = services.lab_measure_add(lab=lab, name="Utlån", unit="st", actor=None)
    services.lab_measure_add(lab=lab, name="Tom", actor=None)
    for day, value in [(date(2026, 3, 1), 90), (date(2026, 1, 1), 40), (date(2026, 2, 1), 60)]:
        services.lab_value_record(measure=loans, measured_on=day, value=value, actor=None)
    services.lab_value_record(measure=loans, measured_on=date(2026, 3, 1), value=95, actor=None)
    series = selectors.lab_series(lab)
    first, empty = series
    assert [(v.measured_on.month, v.value) for v in first["values"]] == [(1, 40), (2, 60), (3, 95)]
    assert first["latest"].value == 95 and first["high"] == 95 and first["low"] == 0
    xs = [float(x) for x, _y in first["dots"]]
    ys = [float(y) for _x, y in first["dots"]]
    assert xs == sorted(xs) and xs[0] == 30 and xs[-1] == 530
    assert ys[0] > ys[1] > ys[2]  # higher values are drawn higher up
    assert empty["values"] == [] and empty["points"] == ""
    assert LabValue.objects.filter(measure=loans).count() == 3  # a second value a day replaces


def test_timeline_places_phases_on_one_axis():
    dialogue = DialogueFactory()
    phases = [dialogue.phases.create(name=n, position=i) for i, n in enumerate(["A", "B", "C"])]
    start = timezone.localdate() - timedelta(days=10)
    services.phase_plan_set(
        phase=phases[0], starts_on=start, ends_on=start + timedelta(days=9), actor=None
    )
    services.phase_plan_set(
        phase=phases[1],
        starts_on=start + timedelta(days=10),
        ends_on=start + timedelta(days=19),
        contents="Tio öppna möten",
        actor=None,
    )
    timeline = selectors.timeline(dialogue)
    a, b, c = timeline["rows"]
    assert (a["offset"], a["width"], b["offset"], b["width"]) == (0, 50, 50, 50)
    assert b["current"] and not a["current"]
    assert c["offset"] is None
    assert timeline["today_at"] == 50
    with pytest.raises(ValueError):
        services.phase_plan_set(
            phase=phases[2], starts_on=start, ends_on=start - timedelta(days=1), actor=None
        )


def test_what_happens_next_lists_decisions_and_phases_not_over():
    dialogue = DialogueFactory()
    old, coming = (
        dialogue.phases.create(name=n, position=i) for i, n in enumerate(["Förr", "Snart"])
    )
    today = timezone.localdate()
    services.phase_plan_set(
        phase=old,
        starts_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=1),
        actor=None,
    )
    services.phase_plan_set(
        phase=coming,
        starts_on=today + timedelta(days=1),
        ends_on=today + timedelta(days=30),
        actor=None,
    )
    services.decision_create(
        dialogue=dialogue,
        decided_on=today,
        body="Kommunstyrelsen",
        decision="Syften",
        public=True,
        actor=None,
    )
    services.decision_create(  # not chosen for the public page
        dialogue=dialogue, decided_on=today, body="Nämnden", decision="Internt", actor=None
    )
    upcoming = selectors.what_happens_next(dialogue)
    assert [plan.phase.name for plan in upcoming["phases"]] == ["Snart"]
    assert [d.body for d in upcoming["decisions"]] == ["Kommunstyrelsen"]

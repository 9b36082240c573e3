"""The method template (export → import) and the report blocks."""

import json
from datetime import date

import pytest

from samrad.core import reporting
from samrad.planning import method, services
from samrad.planning.models import Measure
from samrad.planning.report import report_blocks
from tests.factories import DialogueFactory, ParticipantFactory, SessionFactory
from tests.planning.helpers import answer, choice, composition_question, goal_in

pytestmark = pytest.mark.django_db


def planned_dialogue():
    dialogue = DialogueFactory()
    session = SessionFactory(dialogue=dialogue)
    age = composition_question(session)
    answer(age, ParticipantFactory(session=session), choices=[choice(age, "18–29")])
    services.settings_update(dialogue=dialogue, close_margin=15, actor=None)
    goal = goal_in(dialogue)
    services.measure_create(
        goal=goal,
        title="Andel unga",
        method="Mentometerfråga",
        source="group_share",
        target=20,
        question=age,
        choice_ids=[choice(age, "Under 18").pk, choice(age, "18–29").pk],
        actor=None,
    )
    manual = services.measure_create(
        goal=goal,
        title="Dagar till återkoppling",
        source="manual",
        target=42,
        direction="max",
        due_on=date(2026, 6, 1),
        actor=None,
    )
    services.measure_record(
        measure=manual, value=35, evidence="Webben", recorded_on=date(2026, 5, 1), actor=None
    )
    young = services.target_group_save(
        dialogue=dialogue,
        name="Unga",
        reach_goal=200,
        question=age,
        choice_ids=[choice(age, "18–29").pk],
        actor=None,
    )
    for day, channel in [(date(2026, 3, 1), "web"), (date(2026, 3, 15), "social")]:
        services.comms_create(
            dialogue=dialogue,
            channel=channel,
            planned_on=day,
            message=f"Om {channel}",
            audience=young if channel == "social" else None,
            responsible="Kommunikatören",
            status="done",
            actor=None,
        )
    services.lesson_create(dialogue=dialogue, category="goals", text="Målmatris först.", actor=None)
    return dialogue


def test_export_has_definitions_without_values():
    data = method.export(planned_dialogue())
    json.dumps(data)  # plain JSON
    measures = data["purposes"][0]["goals"][0]["measures"]
    assert [m["title"] for m in measures] == ["Andel unga", "Dagar till återkoppling"]
    assert measures[0]["question"] == {
        "template_key": "age_band",
        "prompt": "Ålder?",
        "kind": "choice",
        "choices": ["Under 18", "18–29"],
    }
    assert measures[1]["direction"] == "max"
    text = json.dumps(data)
    assert "Webben" not in text and "35" not in text and "2026" not in text
    assert data["communication"][1] == {
        "channel": "social",
        "message": "Om social",
        "audience": "Unga",
        "responsible": "Kommunikatören",
        "day": 14,
    }
    assert data["lessons"] == [{"category": "goals", "text": "Målmatris först."}]


def test_round_trip_into_a_dialogue_with_the_same_ready_made_question():
    data = method.export(planned_dialogue())
    target = DialogueFactory()
    age = composition_question(SessionFactory(dialogue=target))
    counts = method.import_(target, data, None, start=date(2027, 1, 10))
    assert counts == {
        "purposes": 1,
        "goals": 1,
        "measures": 2,
        "target_groups": 1,
        "communication": 2,
        "lessons": 1,
    }
    bound = Measure.objects.get(goal__purpose__dialogue=target, title="Andel unga")
    assert bound.question == age and bound.source == "group_share"
    assert sorted(bound.choice_ids) == sorted([choice(age, "Under 18").pk, choice(age, "18–29").pk])
    manual = Measure.objects.get(goal__purpose__dialogue=target, source="manual")
    assert manual.manual_value is None and manual.due_on is None
    assert [a.planned_on for a in target.comms_activities.all()] == [
        date(2027, 1, 10),
        date(2027, 1, 24),
    ]
    assert target.comms_activities.last().audience.name == "Unga"
    assert all(a.status == "planned" for a in target.comms_activities.all())
    again = method.export(target)
    assert again["purposes"] == data["purposes"]
    assert again["target_groups"] == data["target_groups"]
    assert again["communication"] == data["communication"]
    assert again["close_margin"] == 15


def test_a_bound_measure_without_its_question_becomes_manual():
    data = method.export(planned_dialogue())
    target = DialogueFactory()
    method.import_(target, data, None)
    measure = Measure.objects.get(goal__purpose__dialogue=target, title="Andel unga")
    assert measure.source == "manual" and measure.question is None
    assert "Ålder?" in measure.method
    assert target.target_groups.get().question is None


@pytest.mark.parametrize(
    "broken",
    [
        None,
        [],
        {"version": 99},
        {"version": 1, "purposes": "many"},
        {"version": 1, "purposes": [{"title": "Syfte", "goals": [{"title": ""}]}]},
        {
            "version": 1,
            "purposes": [
                {
                    "title": "S",
                    "goals": [
                        {
                            "title": "G",
                            "measures": [{"title": "M", "source": "nonsense", "target": 1}],
                        }
                    ],
                }
            ],
        },
        {
            "version": 1,
            "purposes": [
                {
                    "title": "S",
                    "goals": [
                        {
                            "title": "G",
                            "measures": [{"title": "M", "source": "manual", "target": "many"}],
                        }
                    ],
                }
            ],
        },
        {"version": 1, "purposes": [{"title": "x" * 301}]},
        {"version": 1, "target_groups": [{"name": "Unga", "reach_goal": 0}]},
        {"version": 1, "communication": [{"channel": "pigeon", "message": "Hej"}]},
        {"version": 1, "purposes": [{"title": "Bra"}], "lessons": [{"category": "goals"}]},
    ],
)
def test_a_broken_template_changes_nothing(broken):
    target = DialogueFactory()
    with pytest.raises(method.MethodImportError):
        method.import_(target, broken, None)
    assert not target.purposes.exists()
    assert not target.target_groups.exists()
    assert not target.comms_activities.exists()


def test_report_blocks_render_in_the_requested_language():
    dialogue = planned_dialogue()
    blocks = report_blocks(dialogue, "en")
    headings = [b.text for b in blocks if isinstance(b, reporting.Heading)]
    assert headings[:3] == ["Plan and evaluation", "Purposes", "Goal matrix"]
    assert "Reach by target group" in headings and "Lessons learned" in headings
    summary = next(b for b in blocks if isinstance(b, reporting.Paragraph))
    assert summary.text == "2 of 2 met"  # 1 young of 1 respondent; 35 days ≤ 42
    table = next(b for b in blocks if isinstance(b, reporting.Table))
    assert table.rows[1][3:] == ["≤ 42", "35", "Met"]
    html = reporting.render_html(reporting.Document(title="Rapport", blocks=blocks))
    assert "Dagar till återkoppling" in html

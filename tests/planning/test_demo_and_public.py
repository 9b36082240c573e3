"""The Storby 2030 demo gives the seed's result (9 of 13 met, 2 close, 2 pending), and the
public section shows decisions and what happens next, escaped."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from samrad.dialogues.services import dialogue_create
from samrad.planning import demo, selectors, services
from tests.factories import DialogueFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db


def test_demo_gives_the_skelleftea_result():
    dialogue = dialogue_create(organisation=OrganisationFactory(), title="Storby 2030")
    demo.load(dialogue, member_of(dialogue.organisation))
    summary = selectors.goal_matrix(dialogue)["summary"]
    assert (summary.total, summary.met, summary.close, summary.not_met, summary.pending) == (
        13,
        9,
        2,
        0,
        2,
    )
    assert len(dialogue.purposes.all()) == 4
    assert any(row["reached"] for row in selectors.reach(dialogue) if row["counted"] == "live")
    assert any(row["overdue"] for row in selectors.comms_plan(dialogue))
    assert selectors.process_summary(dialogue)["respondents"] == 4
    assert dialogue.labs.get().measures.count() == 2


def test_public_section_shows_decisions_and_next_phases_escaped():
    dialogue = DialogueFactory()
    phase = dialogue.phases.create(name="Planer", position=0)
    today = timezone.localdate()
    services.phase_plan_set(
        phase=phase,
        starts_on=today + timedelta(days=3),
        ends_on=today + timedelta(days=30),
        contents="Förslagen arbetas in",
        actor=None,
    )
    services.decision_create(
        dialogue=dialogue,
        decided_on=today,
        body="Kommunstyrelsen",
        decision="<script>alert(1)</script> Strategin antas",
        public=True,
        actor=None,
    )
    html = render_to_string("planning/_public_section.html", {"dialogue": dialogue})
    assert "Kommunstyrelsen" in html and "Förslagen arbetas in" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_public_section_is_empty_without_decisions_or_phases():
    html = render_to_string("planning/_public_section.html", {"dialogue": DialogueFactory()})
    assert html.strip() == ""


def test_public_timeline_has_every_phase_and_the_outcome_of_past_ones_only():
    from samrad.feedback import public

    dialogue = DialogueFactory()
    today = timezone.localdate()
    days = timedelta(days=1)
    plans = [  # name, starts, ends, outcome written by the coordinator
        ("Intervjuer", today - 60 * days, today - 30 * days, "Oron för skolvägen"),
        ("Enkät", today - 29 * days, today - 1 * days, ""),
        ("Workshop", today - 3 * days, today + 3 * days, "SKRIVETFÖRTIDIGT"),
        ("Planer", today + 4 * days, today + 30 * days, "SKRIVETFÖRTIDIGT"),
    ]
    for position, (name, starts, ends, outcome) in enumerate(plans):
        phase = dialogue.phases.create(name=name, position=position)
        services.phase_plan_set(
            phase=phase, starts_on=starts, ends_on=ends, outcome=outcome, actor=None
        )
    dialogue.phases.create(name="Guide", position=9)  # no dates yet
    timeline = public.public_timeline(dialogue)
    assert [(e.name, e.when, e.outcome) for e in timeline] == [
        ("Intervjuer", "past", "Oron för skolvägen"),
        ("Enkät", "past", ""),
        ("Workshop", "now", ""),
        ("Planer", "next", ""),
        ("Guide", "", ""),
    ]
    html = render_to_string("planning/_public_section.html", {"dialogue": dialogue})
    for shown in ("Intervjuer", "Oron för skolvägen", "Enkät", "Guide", 'aria-current="step"'):
        assert shown in html
    assert "SKRIVETFÖRTIDIGT" not in html
    assert (today - 60 * days).strftime("%Y") in html

"""The Storby 2030 demo and the concerns part of the reports."""

from samrad.concerns import report, selectors
from samrad.concerns.demo import load
from samrad.concerns.models import Action, Dot, Idea
from samrad.core.reporting import Document, Table, render_html
from samrad.workshops.steps import step_format


def test_demo_has_a_finished_workshop_with_votes_and_actions(dialogue, user):
    load(dialogue, user)
    workshop = dialogue.workshops.get()
    assert dialogue.concerns.count() == 5
    assert Idea.objects.filter(workshop=workshop).count() == 8
    assert Dot.objects.count() == 15
    actions = selectors.actions_of(dialogue)
    assert len(actions) == 4
    # Top idea of the first concern: 4 dots (phones 1, 2, 3, 4).
    top = Action.objects.get(what="Digitalt fixarkafé på biblioteket varje vecka")
    assert top.votes == 4
    assert sum(a.overdue for a in actions) == 1


def test_dialogue_report_lists_actions_and_overdue(dialogue, user):
    load(dialogue, user)
    blocks = report.report_blocks(dialogue, "en")
    html = render_html(Document(title="Storby 2030", language="en", blocks=blocks))
    assert "Concerns and actions" in html
    assert "4 actions" in html and "1 overdue" in html
    table = next(b for b in blocks if isinstance(b, Table))
    assert len(table.rows) == 4


def test_dialogue_report_is_empty_without_concerns(dialogue):
    assert report.report_blocks(dialogue, "sv") == []


def test_step_formats_report_their_part(dialogue, user):
    load(dialogue, user)
    workshop = dialogue.workshops.get()
    by_kind = {}
    for step in workshop.steps.exclude(format="workshops.text"):
        by_kind[step.format] = step_format(step.format).report_blocks(step)
    vote_tables = [b for b in by_kind["concerns.vote"] if isinstance(b, Table)]
    assert vote_tables[0].rows[0] == ["Digitalt fixarkafé på biblioteket varje vecka", 4]
    assert len([b for b in by_kind["concerns.ideas"] if isinstance(b, Table)][0].rows) == 8
    assert len([b for b in by_kind["concerns.actions"] if isinstance(b, Table)][0].rows) == 4

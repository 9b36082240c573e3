"""The plan and the evaluation as blocks of the dialogue report (`samrad.core.reporting`):
purposes, the goal matrix with each measure's status, reach by target group, the process
evaluation and the lessons learned. The report builder adds them where it wants:

    doc.add(*report_blocks(dialogue, "sv"))
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from samrad.core.reporting import Block, Bullets, Heading, Paragraph, Table
from samrad.dialogues.models import Dialogue
from samrad.live.kinds.base import format_number
from samrad.planning import selectors
from samrad.planning.templatetags.planning import status_label, summary_text, value_text


def _target(row) -> str:
    sign = "≤" if row["measure"].direction == "max" else "≥"
    return f"{sign} {value_text(row['measure'].target, row['unit'])}"


def _value(row) -> str:
    if not row["reading"].available:
        return _("not available")
    return value_text(row["reading"].value, row["unit"])


def report_blocks(dialogue: Dialogue, language: str, *, lessons: bool = True) -> list[Block]:
    """`lessons=False`: without the lessons learned (the dialogue report gives them a chapter
    of their own, with the guide's notes)."""
    with translation.override(language):
        return _blocks(dialogue, lessons=lessons)


def _blocks(dialogue: Dialogue, *, lessons: bool) -> list[Block]:
    blocks: list[Block] = [Heading(_("Plan and evaluation"))]
    purposes = list(dialogue.purposes.all())
    if purposes:
        blocks += [Heading(_("Purposes"), 3), Bullets([p.title for p in purposes])]

    matrix = selectors.goal_matrix(dialogue)
    if matrix["summary"].total:
        rows = [
            [
                block["purpose"].title,
                goal_block["goal"].title,
                row["measure"].title,
                _target(row),
                _value(row),
                status_label(row["status"]),
            ]
            for block in matrix["purposes"]
            for goal_block in block["goals"]
            for row in goal_block["rows"]
        ]
        blocks += [
            Heading(_("Goal matrix"), 3),
            Paragraph(summary_text(matrix["summary"])),
            Table(
                headers=[
                    _("Purpose"),
                    _("Goal"),
                    _("Measure"),
                    _("Target"),
                    _("Value"),
                    _("Status"),
                ],
                rows=rows,
                caption=_("Result evaluation: every measure"),
            ),
        ]

    reach = selectors.reach(dialogue)
    if reach:
        blocks += [
            Heading(_("Reach by target group"), 3),
            Table(
                headers=[_("Target group"), _("Goal"), _("Reached"), _("Share of the goal")],
                rows=[
                    [
                        row["group"].name,
                        row["group"].reach_goal,
                        "–" if row["reached"] is None else row["reached"],
                        "–" if row["percent"] is None else f"{format_number(row['percent'], 0)} %",
                    ]
                    for row in reach
                ],
            ),
        ]

    process = selectors.process_summary(dialogue)
    if process and process["respondents"]:
        rows = []
        for entry in process["questions"]:
            question = entry["question"]
            if question.kind == "scale" and entry["count"]:
                rows.append(
                    [
                        question.prompt,
                        _("mean %(mean)s of %(high)s (%(count)s answers)")
                        % {
                            "mean": format_number(entry["mean"], 1),
                            "high": question.scale_max,
                            "count": entry["count"],
                        },
                    ]
                )
        blocks += [
            Heading(_("Process evaluation with the project group"), 3),
            Paragraph(_("%(count)s respondents.") % {"count": process["respondents"]}),
        ]
        if rows:
            blocks.append(Table(headers=[_("Question"), _("Result")], rows=rows))
        for entry in process["questions"]:
            if entry.get("texts"):
                blocks += [Paragraph(entry["question"].prompt, emphasis=True)]
                blocks.append(Bullets(entry["texts"]))

    learned = list(dialogue.lessons.all()) if lessons else []
    if learned:
        blocks += [
            Heading(_("Lessons learned"), 3),
            Bullets([f"{lesson.get_category_display()}: {lesson.text}" for lesson in learned]),
        ]
    return blocks

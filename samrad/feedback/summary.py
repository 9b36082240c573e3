"""The dialogue report's first page, for a council that reads one page: who took part against
the target groups, the goal matrix's verdict, the five strongest themes with their counts, the
decisions taken and the actions. Each part is short and says where the whole is ("… in the
chapter"); the page is one `reporting.Group` in the `summary` style, followed by a page break.

Called inside the report's `translation.override(dialogue.language)`.
"""

from __future__ import annotations

import textwrap

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.concerns.selectors import actions_of
from samrad.core.reporting import Block, Bullets, Group, Heading, Paragraph, Table
from samrad.dialogues.models import Dialogue
from samrad.feedback import public, selectors
from samrad.feedback.charts import number
from samrad.insights.selectors import theme_counts
from samrad.planning import selectors as planning
from samrad.planning.templatetags.planning import summary_text

THEMES = 5
DECISIONS = 4
ACTIONS = 6
TARGET_GROUPS = 6
TEXT = 150  # characters of a decision or an action on the summary page


def _short(text: str) -> str:
    return textwrap.shorten(" ".join(text.split()), TEXT, placeholder=" …")


def _more(shown: int, total: int, chapter: str) -> list[Block]:
    if total <= shown:
        return []
    return [
        Paragraph(
            ngettext(
                "%(n)s more in the chapter “%(chapter)s”.",
                "%(n)s more in the chapter “%(chapter)s”.",
                total - shown,
            )
            % {"n": total - shown, "chapter": chapter},
            emphasis=True,
        )
    ]


def participation_part(dialogue: Dialogue) -> list[Block]:
    numbers = selectors.participation(dialogue)
    blocks: list[Block] = [
        Heading(_("Who took part"), 3),
        Paragraph(
            _(
                "%(participants)s participants in %(sessions)s sessions; %(held)s meetings held "
                "(open meetings: %(open)s, outreach: %(outreach)s)."
            )
            % {
                "participants": number(numbers["participants"]),
                "sessions": numbers["sessions"],
                "held": numbers["meetings_held"],
                "open": numbers["open_meetings"],
                "outreach": numbers["outreach_meetings"],
            }
        ),
    ]
    reach = planning.reach(dialogue)
    if reach:
        blocks.append(
            Table(
                [_("Target group"), _("Goal"), _("Reached"), _("Share of the goal")],
                [
                    [
                        row["group"].name,
                        number(row["group"].reach_goal),
                        "–" if row["reached"] is None else number(row["reached"]),
                        "–" if row["percent"] is None else f"{number(round(row['percent']))} %",
                    ]
                    for row in reach[:TARGET_GROUPS]
                ],
            )
        )
        blocks += _more(TARGET_GROUPS, len(reach), _("Plan and evaluation"))
    else:
        blocks.append(Paragraph(_("No target groups set in the plan."), emphasis=True))
    return blocks


def goal_part(dialogue: Dialogue) -> list[Block]:
    matrix = planning.goal_matrix(dialogue)
    total = matrix["summary"].total
    text = summary_text(matrix["summary"]) if total else _("No measures in the goal matrix yet.")
    return [Heading(_("Goal matrix"), 3), Paragraph(text)]


def theme_part(dialogue: Dialogue) -> list[Block]:
    """The five themes most inputs carry, with how many of those the public sees answered
    (counted by `feedback.public`, so a draft answer is not counted as published)."""
    counts = sorted(
        (row for row in theme_counts(dialogue) if row["count"]),
        key=lambda row: (-row["count"], row["theme"].position, row["theme"].pk),
    )
    blocks: list[Block] = [Heading(_("The strongest themes"), 3)]
    if not counts:
        return [*blocks, Paragraph(_("No inputs have been given a theme yet."), emphasis=True)]
    published = {
        group.theme.pk: len(group.inputs)
        for group in public.answers_by_theme(dialogue)
        if group.theme is not None
    }
    blocks.append(
        Table(
            [_("Theme"), _("Inputs"), _("Published answers")],
            [
                [row["theme"].name, number(row["count"]), number(published.get(row["theme"].pk, 0))]
                for row in counts[:THEMES]
            ],
        )
    )
    return blocks + _more(THEMES, len(counts), _("Inputs and themes"))


def decision_part(dialogue: Dialogue) -> list[Block]:
    decisions = list(dialogue.decisions.all())
    blocks: list[Block] = [Heading(_("Decisions"), 3)]
    if not decisions:
        return [*blocks, Paragraph(_("No decisions recorded yet."), emphasis=True)]
    blocks.append(
        Bullets(
            [
                f"{formats.date_format(d.decided_on, 'SHORT_DATE_FORMAT')} · {d.body}: "
                + _short(d.decision)
                for d in decisions[:DECISIONS]
            ]
        )
    )
    return blocks + _more(DECISIONS, len(decisions), _("Plan and evaluation"))


def action_part(dialogue: Dialogue) -> list[Block]:
    actions = actions_of(dialogue)
    blocks: list[Block] = [Heading(_("Actions"), 3)]
    if not actions:
        return [*blocks, Paragraph(_("No actions yet."), emphasis=True)]
    blocks.append(
        Table(
            [_("Action"), _("Owner"), _("Due"), _("Status")],
            [
                [
                    _short(a.what),
                    a.owner_label,
                    (formats.date_format(a.due, "SHORT_DATE_FORMAT") if a.due else "–")
                    + (" !" if a.overdue else ""),
                    a.get_status_display(),
                ]
                for a in actions[:ACTIONS]
            ],
            caption=_("! = overdue") if any(a.overdue for a in actions[:ACTIONS]) else "",
        )
    )
    return blocks + _more(ACTIONS, len(actions), _("Concerns and actions"))


def summary_blocks(dialogue: Dialogue) -> list[Block]:
    blocks: list[Block] = [Heading(_("Summary"), 2)]
    for part in (participation_part, goal_part, theme_part, decision_part, action_part):
        blocks += part(dialogue)
    return [Group(blocks, keep=False, css_class="summary")]

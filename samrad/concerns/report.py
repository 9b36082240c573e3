"""The concerns part of the dialogue report: the concerns, and the actions with their owner,
sphere, due date and status (overdue ones marked), as `samrad.core.reporting` blocks."""

from __future__ import annotations

from collections import Counter

from django.utils import translation
from django.utils.translation import gettext as _

from samrad.concerns import selectors
from samrad.concerns.models import ActionStatus
from samrad.core.reporting import Block, Bullets, Heading, Paragraph, Table


def report_blocks(dialogue, language: str) -> list[Block]:
    with translation.override(language):
        concerns = list(dialogue.concerns.all())
        actions = selectors.actions_of(dialogue)
        if not concerns and not actions:
            return []
        blocks: list[Block] = [Heading(_("Concerns and actions"), 2)]
        if concerns:
            blocks += [Heading(_("Concerns"), 3), Bullets([c.text for c in concerns])]
        if not actions:
            return [*blocks, Paragraph(_("No actions yet."))]
        counts = Counter(a.status for a in actions)
        summary = ", ".join(
            f"{label.lower()}: {counts[value]}"
            for value, label in ActionStatus.choices
            if counts[value]
        )
        overdue = sum(1 for a in actions if a.overdue)
        text = _("%(n)s actions (%(summary)s).") % {"n": len(actions), "summary": summary}
        if overdue:
            text += " " + _("%(n)s overdue.") % {"n": overdue}
        rows = [
            [
                a.what,
                a.concern.text if a.concern else "",
                a.owner_label,
                a.get_sphere_display() if a.sphere else "",
                (a.due.isoformat() if a.due else "") + (" !" if a.overdue else ""),
                a.get_status_display(),
            ]
            for a in actions
        ]
        headers = [_("Action"), _("Concern"), _("Owner"), _("Sphere"), _("Due"), _("Status")]
        return [
            *blocks,
            Heading(_("Actions"), 3),
            Paragraph(text),
            Table(headers, rows, caption=_("! = overdue")) if overdue else Table(headers, rows),
        ]

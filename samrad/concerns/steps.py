"""The workshop step formats of this app, registered with the engine's step registry, and what
each adds to the workshop report (`report_blocks(step)`).

Every format uses the same three small templates (`concerns/steps/<screen>.html`) that include
the format's fragment (`samrad.concerns.screens`); the fragments refresh themselves from our own
views (`concerns:step_screen`, `concerns:phone_screen`) on the engine's "content" events.
The ground rules are the engine's generic text step (`workshops.text`).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samrad.core.reporting import Block, Bullets, Heading, Paragraph, Table


def _ideas_blocks(step) -> list[Block]:
    from samrad.concerns import selectors

    rows = [
        [column["group"].name, idea.text]
        for column in selectors.group_columns(step.workshop)
        for idea in column["ideas"]
        if idea.step_id == step.pk
    ]
    if not rows:
        return [Heading(step.title, 3), Paragraph(_("No ideas."))]
    return [Heading(step.title, 3), Table([_("Group"), _("Idea")], rows)]


def _vote_blocks(step) -> list[Block]:
    from samrad.concerns import selectors

    totals = selectors.vote_totals(step)
    blocks: list[Block] = [
        Heading(step.title, 3),
        Paragraph(
            _("%(dots)s dots from %(voters)s participants.")
            % {"dots": totals["dots"], "voters": totals["voters"]}
        ),
    ]
    for section in selectors.ranked_sections(workshop=step.workshop, step=step):
        rows = [[entry["idea"].text, entry["dots"]] for entry in section["ideas"]]
        blocks.append(Table([_("Idea"), _("Dots")], rows, caption=str(section["title"])))
    return blocks


def _actions_blocks(step) -> list[Block]:
    actions = list(step.workshop.concern_actions.select_related("concern").order_by("id"))
    if not actions:
        return [Heading(step.title, 3), Paragraph(_("No actions yet."))]
    rows = [
        [
            a.what,
            a.owner_label,
            a.get_sphere_display() if a.sphere else "",
            a.due.isoformat() if a.due else "",
            a.get_status_display(),
            a.votes,
        ]
        for a in actions
    ]
    headers = [_("Action"), _("Owner"), _("Sphere"), _("Due"), _("Status"), _("Dots")]
    return [Heading(step.title, 3), Table(headers, rows)]


def _pick_blocks(step) -> list[Block]:
    from samrad.concerns import selectors

    items = [
        f"{group.name}: {group.concern.text if group.concern else _('no concern')}"
        for group in selectors.groups_of(step.workshop)
    ]
    return [Heading(step.title, 3), Bullets(items)]


def _in_workshop_language(build):
    def report_blocks(step) -> list[Block]:
        with translation.override(step.workshop.language):
            return build(step)

    return report_blocks


FORMATS = {
    "concerns.pick": (gettext_lazy("Groups take a concern"), _pick_blocks),
    "concerns.ideas": (gettext_lazy("Ideas from phones"), _ideas_blocks),
    "concerns.vote": (gettext_lazy("Dot vote"), _vote_blocks),
    "concerns.actions": (gettext_lazy("Actions from the top ideas"), _actions_blocks),
}


def register_all() -> None:
    from samrad.concerns.screens import format_context
    from samrad.workshops.steps import StepFormat, register

    for key, (label, report) in FORMATS.items():
        register(
            StepFormat(
                key,
                label,
                "concerns/steps/facilitator.html",
                "concerns/steps/projector.html",
                "concerns/steps/phone.html",
                report_blocks=_in_workshop_language(report),
                context=format_context,
            )
        )

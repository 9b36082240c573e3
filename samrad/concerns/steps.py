"""The workshop step kinds of this app, registered with the engine's step registry, and what
each adds to the workshop report (`report_blocks`).

Every kind uses the same three small templates (`concerns/steps/<screen>.html`): each loads
its screen's fragment from our own views with htmx (`concerns:step_screen`), so the engine
only has to include them.
"""

from __future__ import annotations

import dataclasses

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samrad.core.reporting import Bullets, Heading, Paragraph, Table

SCREENS = ("facilitator", "projector", "phone")


def _ideas_blocks(workshop, step, language):
    from samrad.concerns import selectors

    with translation.override(language):
        rows = [
            [column["group"].name, idea.text]
            for column in selectors.group_columns(workshop)
            for idea in column["ideas"]
            if idea.step_id == step.pk
        ]
        if not rows:
            return [Heading(step.title, 3), Paragraph(_("No ideas."))]
        return [Heading(step.title, 3), Table([_("Group"), _("Idea")], rows)]


def _vote_blocks(workshop, step, language):
    from samrad.concerns import selectors

    with translation.override(language):
        blocks = [Heading(step.title, 3)]
        totals = selectors.vote_totals(step)
        blocks.append(
            Paragraph(
                _("%(dots)s dots from %(voters)s participants.")
                % {"dots": totals["dots"], "voters": totals["voters"]}
            )
        )
        for section in selectors.ranked_sections(workshop=workshop, step=step):
            rows = [[e["idea"].text, e["dots"]] for e in section["ideas"]]
            blocks.append(Table([_("Idea"), _("Dots")], rows, caption=str(section["title"])))
        return blocks


def _actions_blocks(workshop, step, language):
    with translation.override(language):
        actions = list(workshop.concern_actions.select_related("concern").order_by("id"))
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


def _pick_blocks(workshop, step, language):
    from samrad.concerns import selectors

    with translation.override(language):
        items = [
            f"{group.name}: {group.concern.text if group.concern else _('no concern')}"
            for group in selectors.groups_of(workshop)
        ]
        return [Heading(step.title, 3), Bullets(items)]


def _text_blocks(workshop, step, language):
    return [Heading(step.title, 3), Paragraph(step.body)] if step.body else []


KINDS = {
    "concerns.text": (gettext_lazy("Text (ground rules)"), _text_blocks),
    "concerns.pick": (gettext_lazy("Groups take a concern"), _pick_blocks),
    "concerns.ideas": (gettext_lazy("Ideas from phones"), _ideas_blocks),
    "concerns.vote": (gettext_lazy("Dot vote"), _vote_blocks),
    "concerns.actions": (gettext_lazy("Actions from the top ideas"), _actions_blocks),
}


def register_all() -> None:
    from samrad.concerns.workshop_templates import DEFAULT_SCRIPTS
    from samrad.workshops import steps

    known = {field.name for field in dataclasses.fields(steps.StepKind)}
    for key, (label, report) in KINDS.items():
        if key == "concerns.text" and steps.step_kind("text"):
            continue  # the engine's generic text step is used instead
        extra = {"report_blocks": report, "default_script": DEFAULT_SCRIPTS.get(key)}
        steps.register(
            steps.StepKind(
                key,
                label,
                "concerns/steps/facilitator.html",
                "concerns/steps/projector.html",
                "concerns/steps/phone.html",
                **{name: value for name, value in extra.items() if name in known},
            )
        )

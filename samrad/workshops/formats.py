"""The step formats and the workshop template this app registers (at start-up, apps.ready).

Formats: a text slide, the target images, the project codes, the live mapping board, the
step-back analysis, the discussion questions with notes, and the comparison with what
citizens want. Each gives its templates their data (`context`) and the report its blocks
(`report_blocks`, see report.py).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samrad.workshops import report_blocks
from samrad.workshops.frameworks import LocalisedText
from samrad.workshops.mapping import selectors as mapping_selectors
from samrad.workshops.mapping import template as mapping_template
from samrad.workshops.steps import StepFormat, register
from samrad.workshops.templates_registry import register as register_template


def _targets_context(step, request, screen, participant):
    return {"images": mapping_selectors.images_of(step.workshop)}


def _projects_context(step, request, screen, participant):
    return {"projects": list(step.workshop.projects.all())}


def board_urls(workshop, screen: str) -> dict:
    if screen == "phone":
        code = workshop.session.code
        return {
            "board_url": reverse("workshops:phone_board", args=[code]),
            "place_url": reverse("workshops:phone_place", args=[code]),
        }
    return {
        "board_url": reverse("workshops:board", args=[workshop.pk]) + f"?screen={screen}",
        "place_url": reverse("workshops:place", args=[workshop.pk]),
    }


def _mapping_context(step, request, screen, participant):
    workshop = step.workshop
    context = {"board": mapping_selectors.board(workshop), **board_urls(workshop, screen)}
    if screen == "facilitator":
        context["history"] = mapping_selectors.history(workshop, limit=15)
    return context


def _analysis_context(step, request, screen, participant):
    return {"board": mapping_selectors.board(step.workshop)}


def discussion_state(step) -> dict:
    questions = step.options.get("questions", [])
    current = step.options.get("current", 0)
    current = max(0, min(int(current or 0), len(questions) - 1)) if questions else 0
    notes = {note.key: note.text for note in step.notes.all()}
    items = [{**q, "index": i, "note": notes.get(q["key"], "")} for i, q in enumerate(questions)]
    return {
        "questions": items,
        "current_question": items[current] if items else None,
        "current_index": current,
    }


def _discussion_context(step, request, screen, participant):
    return discussion_state(step)


def _compare_context(step, request, screen, participant):
    context = {"comparison": report_blocks.comparison(step.workshop)}
    if screen == "facilitator":
        context["poll_candidates"] = mapping_selectors.poll_candidates(step.workshop)
    return context


def _format(key, label, name, context, blocks=None, phone=True):
    folder = "workshops/steps"
    return register(
        StepFormat(
            key,
            label,
            f"{folder}/{name}_facilitator.html",
            f"{folder}/{name}_projector.html",
            f"{folder}/{name}_phone.html" if phone else None,
            report_blocks=blocks,
            context=context,
        )
    )


TEXT = _format("workshops.text", _("Text on the projector"), "text", None)
TARGETS = _format("workshops.targets", _("The target images"), "targets", _targets_context)
PROJECTS = _format("workshops.projects", _("The project codes"), "projects", _projects_context)
MAPPING = _format(
    "workshops.mapping",
    _("Mapping board"),
    "mapping",
    _mapping_context,
    report_blocks.mapping_blocks,
)
ANALYSIS = _format(
    "workshops.analysis",
    _("Step back: the analysis"),
    "analysis",
    _analysis_context,
    report_blocks.analysis_blocks,
)
DISCUSSION = _format(
    "workshops.discussion",
    _("Discussion questions with notes"),
    "discussion",
    _discussion_context,
    report_blocks.discussion_blocks,
)
COMPARE = _format(
    "workshops.compare",
    _("Compare with what citizens want"),
    "compare",
    _compare_context,
    report_blocks.compare_blocks,
)

register_template("mapping", LocalisedText(mapping_template.NAME), mapping_template.build)

"""The workshop report: each step in order, with the blocks its format gives
(`StepFormat.report_blocks`), rendered as PDF or DOCX by `samrad.core.reporting`."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from samrad.core import reporting
from samrad.workshops.steps import step_format


def build(workshop) -> reporting.Document:
    with translation.override(workshop.language):
        doc = reporting.Document(
            title=workshop.title,
            language=workshop.language,
            subtitle=f"{workshop.dialogue.title} · "
            + formats.date_format(timezone.localdate(workshop.created_at), "DATE_FORMAT"),
        )
        for step in workshop.steps.order_by("position", "id"):
            shown = step_format(step.format)
            if shown is not None and shown.report_blocks is not None:
                doc.add(*shown.report_blocks(step))
        if not doc.blocks:
            doc.add(reporting.Paragraph(_("Nothing to report yet.")))
        return doc


def render(workshop, fmt: str) -> bytes:
    doc = build(workshop)
    return reporting.render_pdf(doc) if fmt == "pdf" else reporting.render_docx(doc)


# The steps whose blocks make up the portfolio analysis in the dialogue report.
PORTFOLIO_STEPS = ("workshops.analysis", "workshops.discussion", "workshops.compare")


def report_blocks(dialogue, language: str) -> list[reporting.Block]:
    """The dialogue report's "Portfolio analysis": per mapping workshop of the dialogue, its
    analysis (coverage, gaps, over-representation), the notes on questions a–f and the
    comparison with citizens, as the workshop report has them (one level deeper)."""
    from samrad.workshops.formats import MAPPING

    blocks: list[reporting.Block] = []
    with translation.override(language):
        for workshop in dialogue.workshops.order_by("created_at", "id"):
            steps = list(workshop.steps.order_by("position", "id"))
            if not any(step.format == MAPPING.key for step in steps):
                continue
            chosen = [step for step in steps if step.format in PORTFOLIO_STEPS]
            if not any(step.format == "workshops.analysis" for step in chosen):
                # A board without its "step back" step: its analysis all the same.
                chosen.insert(
                    0,
                    SimpleNamespace(
                        format="workshops.analysis",
                        workshop=workshop,
                        title=_("Step back: the analysis"),
                    ),
                )
            blocks.append(reporting.Heading(workshop.title, 3))
            for step in chosen:
                shown = step_format(step.format)
                if shown is not None and shown.report_blocks is not None:
                    blocks += [_deeper(block) for block in shown.report_blocks(step)]
        if not blocks:
            return []
        return [reporting.Heading(_("Portfolio analysis"), 2), *blocks]


def _deeper(block):
    if isinstance(block, reporting.Heading):
        return reporting.Heading(block.text, min(block.level + 2, 4))
    return block

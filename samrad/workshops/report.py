"""The workshop report: each step in order, with the blocks its kind gives
(`StepKind.report_blocks`), rendered as PDF or DOCX by `samrad.core.reporting`."""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from samrad.core import reporting
from samrad.workshops.steps import step_kind


def build(workshop) -> reporting.Document:
    with translation.override(workshop.language):
        doc = reporting.Document(
            title=workshop.title,
            language=workshop.language,
            subtitle=f"{workshop.dialogue.title} · "
            + formats.date_format(timezone.localdate(workshop.created_at), "DATE_FORMAT"),
        )
        for step in workshop.steps.order_by("position", "id"):
            kind = step_kind(step.kind)
            if kind is not None and kind.report_blocks is not None:
                doc.add(*kind.report_blocks(step))
        if not doc.blocks:
            doc.add(reporting.Paragraph(_("Nothing to report yet.")))
        return doc


def render(workshop, fmt: str) -> bytes:
    doc = build(workshop)
    return reporting.render_pdf(doc) if fmt == "pdf" else reporting.render_docx(doc)

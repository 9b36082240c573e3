"""Background work of the feedback app: the dialogue report, built by the task worker
(Django's task framework, `django_tasks`, with the database backend: docs/architecture/report.md).

`report_build(build_id)` builds the report chapter by chapter, writing its progress to the
`ReportBuild` row after each chapter, so the page that polls it shows how far it has come; then
it stores the file (or the reason it failed) on the same row.
"""

from __future__ import annotations

import logging

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from samrad.core import reporting
from samrad.feedback import documents
from samrad.feedback.models import ReportBuild, ReportFormat, ReportStatus

logger = logging.getLogger(__name__)

RENDERERS = {ReportFormat.PDF: reporting.render_pdf, ReportFormat.DOCX: reporting.render_docx}


def _progress(build_id: int):
    def report(done: int, total: int, stage: str) -> None:
        ReportBuild.objects.filter(pk=build_id).update(
            status=ReportStatus.RUNNING,
            done_steps=done,
            total_steps=total,
            stage=str(stage)[:300],
            updated_at=timezone.now(),
        )

    return report


def build_now(build: ReportBuild) -> ReportBuild:
    """Build the report of `build` here and now (what the task runs)."""
    progress = _progress(build.pk)
    try:
        doc = documents.dialogue_report(build.dialogue, progress=progress)
        content = RENDERERS[ReportFormat(build.format)](doc)
    except Exception as error:
        logger.exception("Report build %s failed", build.pk)
        ReportBuild.objects.filter(pk=build.pk).update(
            status=ReportStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        raise
    ReportBuild.objects.filter(pk=build.pk).update(
        status=ReportStatus.DONE,
        content=content,
        size=len(content),
        done_steps=F("total_steps"),
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    build.refresh_from_db()
    return build


@task()
def report_build(build_id: int) -> int:
    """The task: build the report of ReportBuild `build_id`; returns the file's size."""
    build = ReportBuild.objects.select_related("dialogue__organisation").get(pk=build_id)
    if build.finished:
        return len(build.content or b"")
    return len(build_now(build).content or b"")

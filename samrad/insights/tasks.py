"""Background work of the input board: a large table import, run by the task worker
(`django_tasks` with the database backend, as the dialogue report: docs/architecture/bgimport.md).

`import_batch(batch_id)` reads the kept upload (`ImportBatch.data`, in the database, not the
request's temporary file), checks its rows and stores them in short transactions, writing the
rows stored on the batch after each, so that the page polling it shows how far it has come.
"""

from __future__ import annotations

from django_tasks import task

from samrad.insights import services
from samrad.insights.models import ImportBatch


@task()
def import_batch(batch_id: int) -> int:
    """The task: import ImportBatch `batch_id` (queued by `services.import_start`); returns
    the rows stored (0 when the batch was put aside, is taken or its rows were refused)."""
    batch = (
        ImportBatch.objects.select_related("dialogue__organisation", "started_by")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None:
        return 0
    return services.import_now(batch=batch)

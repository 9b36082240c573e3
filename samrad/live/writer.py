"""The per-process answer writer: group commit for every answer path (and for joins).

Phones' answers (over their WebSocket, or the phone page's and the API's HTTP POST) are put
on one bounded queue per process (per event loop). One task takes what arrived within
SAMRAD_WRITER_WAIT seconds — longer, up to SAMRAD_WRITER_MAX_WAIT, while answers keep arriving
and fewer than SAMRAD_WRITER_FILL wait (at most SAMRAD_WRITER_BATCH answers) — and hands it to
`pipeline.responses_submit_batch`, one transaction on one database thread; each caller gets
its own result once that transaction has committed. Instead of a thread and a transaction per
answer competing for SQLite's single write lock, a burst costs one commit per batch.

- The queue is bounded (SAMRAD_WRITER_QUEUE): when it is full, `submit` refuses at once with
  "busy" (try again in a moment) instead of growing without limit.
- A crash between the commit and the acknowledgement loses nothing: the phone resends with
  the same `client_id`, and the batch finds the stored answer instead of storing it twice.
- A batch that fails as a whole (the database went away) fails each of its callers, who
  resend; nothing is acknowledged that was not committed.

New phones joining by the join page go the same way (`JoinWriter`, samrad/live/joining.py):
`BatchWriter` is the queue and the batching, each writer says what a batch stores.

Outside a server's event loop (tests, management commands, the Django test client) `submit`
stores at once in the calling thread.
"""

import asyncio
import contextvars
import logging
import weakref
from typing import Any

from asgiref.sync import SyncToAsync
from channels.db import database_sync_to_async
from django.conf import settings

from samrad.core.realtime import _serving_loop
from samrad.live import pipeline, selectors, services
from samrad.live.errors import Refused
from samrad.live.models import Response

logger = logging.getLogger(__name__)


class BatchWriter:
    """One bounded queue and one task that stores what arrived together with `store`: a
    function given the batch's items (in a database thread, one call per batch) that returns
    one result per item, a value or an exception for that item alone."""

    name = "batch"

    def __init__(
        self,
        *,
        batch: int | None = None,
        wait: float | None = None,
        capacity: int | None = None,
        longest: float | None = None,
        fill: int | None = None,
    ) -> None:
        self.batch = batch or settings.SAMRAD_WRITER_BATCH
        self.wait = settings.SAMRAD_WRITER_WAIT if wait is None else wait
        self.longest = settings.SAMRAD_WRITER_MAX_WAIT if longest is None else longest
        self.fill = fill or settings.SAMRAD_WRITER_FILL
        self.queue: asyncio.Queue = asyncio.Queue(capacity or settings.SAMRAD_WRITER_QUEUE)
        self.task: asyncio.Task | None = None

    @staticmethod
    def store(items: list[Any]) -> list[Any]:
        raise NotImplementedError

    async def submit(self, item: Any) -> Any:
        """Store one item with the next batch; returns its result after commit, or raises its
        exception (Refused, say)."""
        future = asyncio.get_running_loop().create_future()
        try:
            self.queue.put_nowait((item, future))
        except asyncio.QueueFull:
            raise Refused("busy") from None
        if self.task is None or self.task.done():
            # A context of its own: not the ThreadSensitiveContext of the request that happened
            # to start it (its database work would wait for that request's thread).
            self.task = asyncio.get_running_loop().create_task(
                self._run(), context=contextvars.Context()
            )
        result = await asyncio.shield(future)  # a caller that leaves does not undo the write
        if isinstance(result, BaseException):
            raise result
        return result

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            first = await self.queue.get()
            if self.wait:
                # Group commit that adapts: a lone answer waits `wait`; while more keep arriving
                # (a room answering) the batch waits on, step by step, until it holds `fill`
                # or `longest` has passed, so that a burst shares one transaction among many.
                until = loop.time() + max(self.longest, self.wait)
                waiting = self.queue.qsize()
                await asyncio.sleep(self.wait)
                while (
                    waiting < self.queue.qsize() < self.fill - 1
                    and loop.time() + self.wait <= until
                ):
                    waiting = self.queue.qsize()
                    await asyncio.sleep(self.wait)
            batch = [first]
            while len(batch) < self.batch and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            await self._write(batch)

    async def _write(self, batch: list[Any]) -> None:
        try:
            results = await database_sync_to_async(self.store)([item for item, _future in batch])
        except Exception as exc:  # the database went away: every caller fails and resends
            logger.exception("%s writer: a batch of %d failed", self.name, len(batch))
            results = [exc] * len(batch)
        for (_item, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)


class AnswerWriter(BatchWriter):
    """Answers, by `pipeline.responses_submit_batch`: `submit` returns the stored Response
    or raises its Refused (or Question.DoesNotExist)."""

    name = "answer"

    @staticmethod
    def store(items: list[Any]) -> list[Any]:
        return pipeline.responses_submit_batch(items)


class JoinWriter(BatchWriter):
    """New phones, by `services.participants_join_batch`: `submit` returns the Participant
    (with its session) after commit, or None where the page's own view should answer."""

    name = "join"

    @staticmethod
    def store(items: list[Any]) -> list[Any]:
        return services.participants_join_batch(items)


class SocketReader(BatchWriter):
    """Not a writer, the same batching: phones' sockets connecting at once are identified in
    one query (`selectors.participants_for_sockets`), each session's state built once; `submit`
    takes (code, session id, participant key) and returns (participant, language, state) or
    None."""

    name = "socket"

    @staticmethod
    def store(items: list[Any]) -> list[Any]:
        return selectors.participants_for_sockets(items)


_writers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def writer_of(kind: type[BatchWriter]) -> Any:
    """This event loop's writer of `kind` (one each per process and loop)."""
    loop = asyncio.get_running_loop()
    found = _writers.setdefault(loop, {})
    if kind not in found:
        found[kind] = kind()
    return found[kind]


def writer() -> AnswerWriter:
    """This event loop's answer writer."""
    return writer_of(AnswerWriter)


async def submit(item: pipeline.Pending) -> Response:
    """From the event loop (a consumer): through this process's writer."""
    return await writer().submit(item)


def submit_from_thread(item: pipeline.Pending) -> Response:
    """From a view's thread: through the serving loop's writer if there is one, else now."""
    loop = _serving_loop()
    if loop is None or not getattr(SyncToAsync.threadlocal, "main_event_loop", None):
        (result,) = pipeline.responses_submit_batch([item])
    else:
        result = asyncio.run_coroutine_threadsafe(_submit_result(item), loop).result()
    if isinstance(result, BaseException):
        raise result
    return result


async def _submit_result(item: Any) -> Any:
    try:
        return await submit(item)
    except (Refused, Exception) as exc:  # handed back to the thread, raised there
        return exc

"""Theme suggesters per dialogue, trained off the request and kept in this process (15.4).

A board asks :func:`model_for` for its dialogue's suggester with a stamp of what it was coded
with (number of codings, the codebook's identity). In the background mode (the default, see
``SAMRAD_SUGGESTER_IN_BACKGROUND``) a request never trains: it reads the coded inputs (one
query), hands them to a daemon thread and goes on with the model it has, one training behind
(or none yet: then it waits at most :data:`FIRST_TRAINING_WAIT` and renders without
suggestions). Every change of the codings retrains (online learning as the facilitator
codes, on 500 coded inputs about half a second of one core); while a training runs, further
changes are coalesced into one more training with the newest codings. The thread touches no
database. In the synchronous mode (tests, commands) the request trains when the model is stale
by a tenth of its codings (:func:`still_good`), as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# How long the first board of a dialogue (no model yet in this process) waits for the
# training before it renders without suggestions. The next board or row shows them.
FIRST_TRAINING_WAIT = 0.5
RETRAIN_AFTER = 5


@dataclass(frozen=True)
class Job:
    """What to learn: the coded inputs of one dialogue at one stamp."""

    stamp: tuple
    lang: str
    texts: list[str]
    labels: list[list[str]]
    descriptions: dict[str, str]


def fit(job: Job) -> Any:
    from samrad.insights.textanalysis.themes import ThemeSuggester

    return ThemeSuggester(job.lang).fit(job.texts, job.labels, descriptions=job.descriptions)


def still_good(trained: tuple, now: tuple) -> bool:
    """Synchronous mode: a trained model serves until the codebook changes or the coded inputs
    grow or shrink by a tenth (at least RETRAIN_AFTER codes): retraining on every key press
    would make every key wait for the training."""
    return trained[1] == now[1] and abs(now[0] - trained[0]) < max(RETRAIN_AFTER, trained[0] // 10)


_lock = threading.Lock()
_models: dict[int, tuple[tuple, Any]] = {}  # dialogue id -> (stamp, suggester)
_wanted: dict[int, tuple] = {}  # dialogue id -> the stamp last handed to training
_running: dict[int, threading.Thread] = {}
_pending: dict[int, Job] = {}
_generation = [0]  # bumped by clear(): a training started before it stores nothing


def model_for(
    key: int, stamp: tuple, load: Callable[[], Job], *, background: bool, wait_first: bool = True
) -> Any:
    """The suggester for dialogue ``key`` at ``stamp`` (``load`` reads its coded inputs), or
    None while the first one is being trained in the background (waited for up to
    :data:`FIRST_TRAINING_WAIT` unless ``wait_first`` is false)."""
    with _lock:
        cached = _models.get(key)
        if cached and cached[0] == stamp:
            return cached[1]
        if not background and cached and still_good(cached[0], stamp):
            return cached[1]
        asked = _wanted.get(key) == stamp
    if not background:
        model = fit(load())
        with _lock:
            _models[key] = (stamp, model)
        return model
    if not asked:
        _schedule(key, load())
    if cached or not wait_first:
        return cached[1] if cached else None
    wait(key, FIRST_TRAINING_WAIT)
    with _lock:
        found = _models.get(key)
    return found[1] if found else None


def _schedule(key: int, job: Job) -> None:
    with _lock:
        _wanted[key] = job.stamp
        if key in _running:
            _pending[key] = job  # the newest codings win; learnt when the current run ends
            return
        thread = threading.Thread(
            target=_train, args=(key, job, _generation[0]), name=f"suggester-{key}", daemon=True
        )
        _running[key] = thread
    thread.start()


def _train(key: int, job: Job | None, generation: int) -> None:
    while job is not None:
        try:
            model = fit(job)
        except Exception:  # a bad training must not end the loop or leave `_running` stale
            log.exception("training the theme suggester of dialogue %s failed", key)
            model = None
        with _lock:
            if model is not None and generation == _generation[0]:
                _models[key] = (job.stamp, model)
            job = _pending.pop(key, None)
            generation = _generation[0]  # a job queued after a clear() belongs to the new one
            if job is None:
                _running.pop(key, None)


def wait(key: int, timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for dialogue ``key``'s trainings; True when none runs."""
    with _lock:
        thread = _running.get(key)
    if thread is not None:
        thread.join(timeout)
    with _lock:
        return key not in _running


def clear() -> None:
    """Forget every model (tests: dialogue ids repeat between them)."""
    with _lock:
        _generation[0] += 1
        _models.clear()
        _wanted.clear()
        _pending.clear()

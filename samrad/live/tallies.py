"""Running tallies: a choice question's counts kept in this process's memory, added to from
the batches its answer writer commits, so that the projector's push during a burst is the
counts themselves, not a recount and a template render (issue 14, item 4).

A tally is built from the database the first time it is needed (`tally_of`: one read of the
question's answers, participant by participant) and from then on follows the writer
(`apply`, run on commit, before the writer's results event is sent): a participant's new
answer replaces their old one in the counts, as the upsert replaces it in the table.
Anything else that changes a question's answers (a reset, a deleted participant, an edited
option, an answer stored outside the writer) announces itself to the projector with an event
that is not a writer's; the projector's consumer then forgets the session's tallies
(`forget_session`) and draws the stage from the database, so a tally is never trusted past a
change it did not see.

**Several processes** (PostgreSQL + Redis): each writer's results event carries the batch's
rows (`rows_of`: participant, options, "Other" text, id, when stored) and the question's
version the batch read (`generation`: its `updated_at`, which every change of the question,
a reset included, moves on). A projector's process adds another process's rows to its own
tally (`apply`), as its own writer's are added on commit, so its projector gets the counts
alone whoever stored the answers. Two rules keep it right whatever order the events arrive
in: a participant's answer replaces theirs only if it was stored later (a phone that moved to
another process mid-burst), and rows of another version of the question than the tally's
make the tally be forgotten (built again from the database on the next push): a batch that
read the question before a reset and arrived after the tally was built again, or one stored
on PostgreSQL alongside a reset, cannot leave a wrong count. The tally is built with the
question's version read before and after its answers; if they differ, it follows no events
(`generation` None) and is built again on the next one.

In a server all of it runs in asgiref's one database thread (the writer's commit and the
projector's reads both go through `database_sync_to_async`); a lock keeps a tally whole all
the same if a writer ever runs elsewhere (a view without a serving loop).
"""

import threading
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from samrad.live.kinds.choice import choice_results
from samrad.live.models import Moderation, Question, QuestionKind, Response

PROCESS = uuid.uuid4().hex  # marks the results events this process's writer sends

TALLIED_KINDS = frozenset({QuestionKind.CHOICE})


Row = tuple[int, list[int], str, int, float]  # participant, options, "Other", id, stored at


def generation(question: Question) -> str:
    """The question's version, as the writer's batch and the tally read it."""
    return question.updated_at.isoformat()


def rows_of(responses: Iterable[Response]) -> list[Row]:
    """A batch's stored answers as a results event carries them to other processes."""
    return [
        (r.participant_id, list(r.choices), r.text, r.pk, r.updated_at.timestamp())
        for r in responses
        if r.moderation == Moderation.APPROVED and r.merged_into_id is None
    ]


@dataclass
class ChoiceTally:
    session_id: int
    options: list[tuple[int, str]]
    allow_other: bool
    generation: str | None = None  # the question's version it follows (None: none)
    answers: dict[int, tuple[tuple[int, ...], str, int, float]] = field(default_factory=dict)
    counts: Counter[int] = field(default_factory=Counter)
    other_count: int = 0

    def add(self, participant_id: int, choices: list[int], text: str, pk: int, at: float) -> None:
        """A participant's answer stored at `at`, replacing the one they gave before (if any)
        unless that one was stored later."""
        old = self.answers.get(participant_id)
        if old is not None:
            if old[3] > at:
                return
            self.counts.subtract(old[0])
            self.other_count -= 1 if (old[1] and self.allow_other) else 0
        picked = tuple(choices)
        self.answers[participant_id] = (picked, text, pk, at)
        self.counts.update(picked)
        self.other_count += 1 if (text and self.allow_other) else 0

    def results(self) -> dict[str, Any]:
        """The same shape as ChoiceKind.results (the shared `choice_results`)."""
        others: list[str] = []
        if self.other_count:
            latest = sorted((pk, text) for _c, text, pk, _at in self.answers.values() if text)
            others = [text for _pk, text in latest[-10:]]
        return choice_results(
            self.options,
            self.allow_other,
            self.counts,
            len(self.answers),
            self.other_count,
            others,
        )


_tallies: dict[int, ChoiceTally] = {}
_lock = threading.RLock()
KEPT = 64  # tallies kept at most (the oldest built goes first): a few MB at 10,000 answers each


def tally_of(question: Question) -> ChoiceTally | None:
    """This process's tally of `question`, built from the database if there is none yet;
    None for kinds that are not tallied."""
    if question.kind not in TALLIED_KINDS:
        return None
    with _lock:
        tally = _tallies.get(question.pk)
        if tally is None:
            from samrad.live.selectors import shown_responses  # selectors read kinds

            tally = ChoiceTally(
                session_id=question.session_id,
                options=[(c.pk, c.label) for c in question.choices.all()],
                allow_other=question.allow_other,
            )
            rows = shown_responses(question).order_by("pk")
            for participant_id, choices, text, pk, at in rows.values_list(
                "participant_id", "choices", "text", "pk", "updated_at"
            ):
                tally.add(participant_id, choices, text, pk, at.timestamp())
            # The question's version now, after its answers were read: if it moved on since
            # `question` was read (a reset between the two reads), no event is trusted.
            now = Question.objects.filter(pk=question.pk).values_list("updated_at", flat=True)
            version = now.first()
            if version is not None and version == question.updated_at:
                tally.generation = generation(question)
            _tallies[question.pk] = tally
            while len(_tallies) > KEPT:
                del _tallies[next(iter(_tallies))]
        return tally


def results_of(question: Question) -> dict[str, Any]:
    """The results of a tallied question, from its tally (built if need be)."""
    with _lock:
        tally = tally_of(question)
        if tally is None:
            raise ValueError(f"{question.kind} questions are not tallied")
        return tally.results()


def apply(question_id: int, rows: Iterable[Row], version: str) -> None:
    """Committed answers (`rows_of`) to `question_id` of the question's version `version`,
    added to its tally if there is one (with none, the next `tally_of` reads them from the
    database): this process's writer's, on commit, or, from their results events, another
    process's. Of another version, the tally is forgotten instead."""
    with _lock:
        tally = _tallies.get(question_id)
        if tally is None:
            return
        if tally.generation is None or tally.generation != version:
            del _tallies[question_id]
            return
        for participant_id, choices, text, pk, at in rows:
            tally.add(participant_id, choices, text, pk, at)


def forget_session(session_id: int) -> None:
    """Something other than this process's writer changed answers in the session."""
    with _lock:
        for pk in [pk for pk, tally in _tallies.items() if tally.session_id == session_id]:
            del _tallies[pk]

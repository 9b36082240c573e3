"""Running tallies: a choice question's counts kept in this process's memory, added to from
the batches its answer writer commits, so that the projector's push during a burst is the
counts themselves, not a recount and a template render (issue 14, item 4).

A tally is built from the database the first time it is needed (`tally_of`: one read of the
question's answers, participant by participant) and from then on follows the writer
(`record`, run on commit, before the writer's results event is sent): a participant's new
answer replaces their old one in the counts, as the upsert replaces it in the table.
Anything else that changes a question's answers (a reset, a deleted participant, an edited
option, an answer stored outside the writer, another process's writer) announces itself to
the projector with an event that does not carry this process's mark (`PROCESS`); the
projector's consumer then forgets the session's tallies (`forget_session`) and draws the
stage from the database, so a tally is never trusted past a change it did not see. With
several processes (PostgreSQL + Redis) each writer's events carry its own process's mark,
so a projector counts from the tally only what its own process wrote and otherwise counts in
the database, as before.

In a server all of it runs in asgiref's one database thread (the writer's commit and the
projector's reads both go through `database_sync_to_async`); a lock keeps a tally whole all
the same if a writer ever runs elsewhere (a view without a serving loop).
"""

import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from samrad.live.kinds.choice import choice_results
from samrad.live.models import Moderation, Question, QuestionKind, Response

PROCESS = uuid.uuid4().hex  # marks the results events this process's writer sends

TALLIED_KINDS = frozenset({QuestionKind.CHOICE})


@dataclass
class ChoiceTally:
    session_id: int
    options: list[tuple[int, str]]
    allow_other: bool
    answers: dict[int, tuple[tuple[int, ...], str, int]] = field(default_factory=dict)
    counts: Counter[int] = field(default_factory=Counter)
    other_count: int = 0

    def add(self, participant_id: int, choices: list[int], text: str, pk: int) -> None:
        """A participant's answer, replacing the one they gave before (if any)."""
        old = self.answers.get(participant_id)
        if old is not None:
            self.counts.subtract(old[0])
            self.other_count -= 1 if (old[1] and self.allow_other) else 0
        picked = tuple(choices)
        self.answers[participant_id] = (picked, text, pk)
        self.counts.update(picked)
        self.other_count += 1 if (text and self.allow_other) else 0

    def results(self) -> dict[str, Any]:
        """The same shape as ChoiceKind.results (the shared `choice_results`)."""
        others: list[str] = []
        if self.other_count:
            latest = sorted((pk, text) for _c, text, pk in self.answers.values() if text)
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
            for participant_id, choices, text, pk in rows.values_list(
                "participant_id", "choices", "text", "pk"
            ):
                tally.add(participant_id, choices, text, pk)
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


def record(question_id: int, responses: list[Response]) -> None:
    """The writer's committed answers to `question_id`, added to its tally if there is one
    (with none, the next `tally_of` reads them from the database)."""
    with _lock:
        tally = _tallies.get(question_id)
        if tally is None:
            return
        for response in responses:
            if response.moderation == Moderation.APPROVED and response.merged_into_id is None:
                tally.add(response.participant_id, response.choices, response.text, response.pk)


def forget_session(session_id: int) -> None:
    """Something other than this process's writer changed answers in the session."""
    with _lock:
        for pk in [pk for pk, tally in _tallies.items() if tally.session_id == session_id]:
            del _tallies[pk]

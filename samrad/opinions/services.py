"""Writing statements and votes: seed, submit (with duplicate flag), moderate, vote."""

from __future__ import annotations

import re
import unicodedata

from django.db import transaction

from samrad.live.kinds.base import clean_text
from samrad.live.models import Moderation, Participant, Question
from samrad.opinions.errors import StatementRefused
from samrad.opinions.models import TEXT_LIMIT, Statement, StatementVote, Vote

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The text as duplicates are compared: NFKC, case-folded, punctuation and runs of
    spaces folded into one space ("Fler  cykelbanor!" == "fler cykelbanor")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", folded).strip()[:TEXT_LIMIT]


def _duplicate_of(question: Question, normalised: str) -> Statement | None:
    return (
        Statement.objects.filter(question=question, normalised=normalised)
        .exclude(moderation=Moderation.HIDDEN)
        .order_by("id")
        .first()
    )


@transaction.atomic
def statement_seed(*, question: Question, text: str) -> Statement:
    """A facilitator's statement: shown at once, no author."""
    text = clean_text(text, limit=TEXT_LIMIT)
    normalised = normalise(text)
    return Statement.objects.create(
        question=question,
        text=text,
        normalised=normalised,
        duplicate_of=_duplicate_of(question, normalised),
    )


@transaction.atomic
def statement_submit(*, question: Question, participant: Participant, text: str) -> Statement:
    """A participant's statement (1–280 characters). It waits for approval when the question
    is pre-moderated; a repeat of an existing statement (after ``normalise``) always waits,
    flagged with ``duplicate_of`` for the moderator."""
    if participant.session_id != question.session_id:
        raise StatementRefused("statement_unavailable")
    text = clean_text(text, limit=TEXT_LIMIT)
    normalised = normalise(text)
    duplicate = _duplicate_of(question, normalised)
    waits = question.premoderated or duplicate is not None
    return Statement.objects.create(
        question=question,
        text=text,
        normalised=normalised,
        author=participant,
        moderation=Moderation.PENDING if waits else Moderation.APPROVED,
        duplicate_of=duplicate,
    )


@transaction.atomic
def statement_moderate(*, statement: Statement, moderation: str) -> Statement:
    """Show, hide or put back a statement. Votes on a hidden statement are kept (and no
    longer counted); showing it again counts them again."""
    if moderation not in Moderation.values:
        raise ValueError(f"unknown moderation {moderation!r}")
    statement.moderation = moderation
    statement.save(update_fields=["moderation", "updated_at"])
    return statement


@transaction.atomic
def statement_vote(*, participant: Participant, statement_id: int, value: int) -> StatementVote:
    """Agree (1), pass (0) or disagree (−1) on a shown statement of the participant's own
    session. A new vote replaces the old one in a single upsert, so any number of identical
    votes, concurrent or not, leave one row."""
    if value not in Vote.values:
        raise StatementRefused("vote_value")
    statement = (
        Statement.objects.filter(
            pk=statement_id,
            question__session_id=participant.session_id,
            moderation=Moderation.APPROVED,
        )
        .only("pk")
        .first()
    )
    if statement is None:
        raise StatementRefused("statement_unavailable")
    (vote,) = StatementVote.objects.bulk_create(
        [StatementVote(statement=statement, participant=participant, value=value)],
        update_conflicts=True,
        unique_fields=["statement", "participant"],
        update_fields=["value", "updated_at"],
    )
    return vote

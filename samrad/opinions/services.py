"""Writing statements and votes: seed, submit (with duplicate flag), moderate, vote; the
Pol.is import; sending statements to the dialogue's input board."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Count

from samrad.core import audit
from samrad.core.realtime import broadcast_on_commit
from samrad.live import events, wordfilter
from samrad.live import selectors as live_selectors
from samrad.live.kinds.base import clean_text
from samrad.live.models import (
    Channel,
    LiveSession,
    Moderation,
    Participant,
    Question,
    QuestionKind,
)
from samrad.opinions.analysis.polis import PolisFormatError, latest_votes
from samrad.opinions.analysis.polis_export import PolisConversation
from samrad.opinions.errors import StatementRefused
from samrad.opinions.models import TEXT_LIMIT, Statement, StatementVote, Vote

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The text as duplicates are compared: NFKC, case-folded, punctuation and runs of
    spaces folded into one space ("Fler  cykelbanor!" == "fler cykelbanor")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", folded).strip()[:TEXT_LIMIT]


def _announce(question: Question) -> None:
    """After commit: the projector redraws, phones waiting for statements look again."""
    broadcast_on_commit(
        events.presenter_group(question.session_id), events.results_changed_event(question)
    )
    broadcast_on_commit(events.session_group(question.session_id), events.qa_event(question))


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
    statement = Statement.objects.create(
        question=question,
        text=text,
        normalised=normalised,
        duplicate_of=_duplicate_of(question, normalised),
    )
    _announce(question)
    return statement


@transaction.atomic
def statement_submit(*, question: Question, participant: Participant, text: str) -> Statement:
    """A participant's statement (1–280 characters). It waits for approval when the question
    is pre-moderated or it has a word of the organisation's filter (as word-cloud and open
    entries do, `live.wordfilter`); a repeat of an existing statement (after ``normalise``)
    always waits, flagged with ``duplicate_of`` for the moderator."""
    if participant.session_id != question.session_id:
        raise StatementRefused("statement_unavailable")
    text = clean_text(text, limit=TEXT_LIMIT)
    normalised = normalise(text)
    duplicate = _duplicate_of(question, normalised)
    listed = live_selectors.blocked_words(session_id=question.session_id)
    waits = (
        wordfilter.needs_review(text, premoderated=question.premoderated, listed=listed)
        or duplicate is not None
    )
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
    _announce(statement.question)
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


MODERATION_OF_POLIS = {1: Moderation.APPROVED, 0: Moderation.PENDING, -1: Moderation.HIDDEN}


def _moment(milliseconds: float) -> datetime:
    return datetime.fromtimestamp(milliseconds / 1000, tz=UTC)


@transaction.atomic
def question_import_polis(*, question: Question, conversation: PolisConversation) -> dict[str, int]:
    """Add a Pol.is conversation (read and checked by ``polis_export.read_conversation``) to
    a statements question: every comment as a statement with its time, author and
    moderation (1 shown, 0 waiting, −1 hidden), every voter as a self-paced participant of
    the question's session, and each voter's latest vote per comment with its time.
    All or nothing: a comment that is empty or over 280 characters refuses the whole import
    with :class:`PolisFormatError` naming its line in comments.csv."""
    for comment in conversation.comments:
        if not comment.body.strip() or len(comment.body) > TEXT_LIMIT:
            raise PolisFormatError(
                "statement_length",
                file="comments.csv",
                line=comment.line,
                limit=TEXT_LIMIT,
                length=len(comment.body.strip()),
            )
    votes = latest_votes(list(conversation.votes))
    people = sorted(
        {vote.voter_id for vote in votes}
        | {c.author_id for c in conversation.comments if c.author_id >= 0}
    )
    participants = Participant.objects.bulk_create(
        Participant(session=question.session, channel=Channel.SELF_PACED) for _ in people
    )
    person = dict(zip(people, participants, strict=True))
    statements = Statement.objects.bulk_create(
        Statement(
            question=question,
            text=comment.body,
            normalised=normalise(comment.body),
            author=person.get(comment.author_id),
            moderation=MODERATION_OF_POLIS[comment.moderated],
        )
        for comment in conversation.comments
    )
    for statement, comment in zip(statements, conversation.comments, strict=True):
        statement.created_at = statement.updated_at = _moment(comment.timestamp)
    Statement.objects.bulk_update(statements, ["created_at", "updated_at"])
    statement_of = {c.comment_id: s for c, s in zip(conversation.comments, statements, strict=True)}
    stored = StatementVote.objects.bulk_create(
        StatementVote(
            statement=statement_of[vote.comment_id],
            participant=person[vote.voter_id],
            value=vote.vote,
        )
        for vote in votes
    )
    for row, vote in zip(stored, votes, strict=True):
        row.created_at = row.updated_at = _moment(vote.timestamp)
    StatementVote.objects.bulk_update(stored, ["created_at", "updated_at"], batch_size=1000)
    return {"statements": len(statements), "participants": len(people), "votes": len(stored)}


@transaction.atomic
def conversation_import(
    *, session: LiveSession, conversation: PolisConversation, prompt: str, actor=None
) -> tuple[Question, dict[str, int]]:
    """A Pol.is conversation as a new statements question of ``session`` (after its other
    questions). All or nothing: when ``question_import_polis`` refuses the conversation,
    the question is not created either."""
    from samrad.live.services import question_add

    question = question_add(
        session=session, kind=QuestionKind.STATEMENTS, prompt=prompt[:500], actor=actor
    )
    return question, question_import_polis(question=question, conversation=conversation)


def vote_counts(statements) -> dict[int, dict[str, int]]:
    """Agree, disagree and pass votes of each statement (every participant's)."""
    counts = {s.pk: {"agree": 0, "disagree": 0, "pass": 0} for s in statements}
    rows = (
        StatementVote.objects.filter(statement__in=list(counts))
        .order_by()
        .values_list("statement_id", "value")
        .annotate(n=Count("id"))
    )
    names = {Vote.AGREE: "agree", Vote.DISAGREE: "disagree", Vote.PASS: "pass"}
    for statement_id, value, n in rows:
        counts[statement_id][names[value]] = n
    return counts


@transaction.atomic
def statements_to_board(
    *, question: Question, statement_ids: list[int], actor=None
) -> dict[str, int]:
    """Shown statements of the question as inputs of the dialogue's input board: the text,
    the author's phone, the time it was written, and its agree votes as the input's upvotes.
    A statement sent before updates its input (the count now) instead of adding another."""
    from samrad.insights.analysis import detect_language
    from samrad.insights.models import Input, InputChannel

    session = question.session
    statements = list(
        Statement.objects.filter(
            question=question, pk__in=statement_ids, moderation=Moderation.APPROVED
        ).select_related("input")
    )
    counts = vote_counts(statements)
    created = updated = 0
    for statement in statements:
        agree = counts[statement.pk]["agree"]
        if statement.input is not None:
            statement.input.upvotes = agree
            statement.input.save(update_fields=["upvotes", "updated_at"])
            updated += 1
            continue
        statement.input = Input.objects.create(
            dialogue_id=session.dialogue_id,
            text=statement.text,
            channel=InputChannel.LIVE,
            session=session,
            meeting_id=session.meeting_id,
            participant=statement.author,
            language=detect_language(statement.text),
            created_at=statement.created_at,
            upvotes=agree,
        )
        statement.save(update_fields=["input", "updated_at"])
        created += 1
    audit.record(
        actor,
        "opinions.statements_to_board",
        question,
        organisation=session.dialogue.organisation,
        summary=f"{created} new, {updated} updated",
    )
    return {"created": created, "updated": updated}

"""A statements question as a Pol.is conversation, for the open data export.

Pol.is numbers comments and participants from 0 within a conversation; so do we, in the
order statements were created and participants joined, so no database id leaves the
server. Moderation maps to Pol.is's: shown 1, waiting 0, hidden −1.
"""

from __future__ import annotations

from samrad.live.models import Moderation, Question
from samrad.opinions.analysis.polis import PolisComment, PolisVote
from samrad.opinions.analysis.polis_export import PolisConversation, pol_is_datetime
from samrad.opinions.models import Statement, StatementVote
from samrad.opinions.selectors import question_analysis

MODERATED: dict[str, int] = {Moderation.APPROVED: 1, Moderation.PENDING: 0, Moderation.HIDDEN: -1}


def _milliseconds(moment) -> int:
    return round(moment.timestamp() * 1000)


def question_conversation(*, question: Question) -> PolisConversation:
    """Every statement (hidden ones too, marked −1) and every vote of the question."""
    statements = list(Statement.objects.filter(question=question).order_by("id"))
    votes = list(
        StatementVote.objects.filter(statement__question=question).order_by("updated_at", "id")
    )
    comment_id = {s.pk: i for i, s in enumerate(statements)}
    people = sorted(
        {v.participant_id for v in votes} | {s.author_id for s in statements if s.author_id}
    )
    person = {pk: i for i, pk in enumerate(people)}
    analysis = question_analysis(question=question)
    groups = {
        person[pk]: group.id
        for group in analysis.groups
        for pk in group.participants
        if pk in person
    }
    return PolisConversation(
        topic=question.prompt,
        description="",
        comments=tuple(
            PolisComment(
                _milliseconds(s.created_at),
                pol_is_datetime(_milliseconds(s.created_at)),
                comment_id[s.pk],
                person.get(s.author_id, -1) if s.author_id else -1,
                0,
                0,
                MODERATED[s.moderation],
                s.text,
            )
            for s in statements
        ),
        votes=tuple(
            PolisVote(
                _milliseconds(v.updated_at),
                pol_is_datetime(_milliseconds(v.updated_at)),
                comment_id[v.statement_id],
                person[v.participant_id],
                v.value,
            )
            for v in votes
        ),
        groups=groups,
    )

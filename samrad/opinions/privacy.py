"""What the statements kind stores about a phone, for the registry of personal data
(core/personal_data.py): the statements it wrote (free text that may hold a name) and its
votes."""

from samrad.core import personal_data
from samrad.opinions.models import Statement, StatementVote


def _statements_export(participant) -> list[dict]:
    return [
        {
            "id": statement.pk,
            "question_id": statement.question_id,
            "text": statement.text,
            "moderation": statement.moderation,
            "created_at": statement.created_at.isoformat(),
        }
        for statement in Statement.objects.filter(author=participant)
    ]


def _statements_erase(participant) -> int:
    """The phone's own statements go, with the votes others gave them: the text may name
    someone, and a statement without its text means nothing."""
    return Statement.objects.filter(author=participant).delete()[1].get("opinions.Statement", 0)


def _votes_export(participant) -> list[dict]:
    return [
        {"statement_id": statement_id, "statement": text, "vote": value}
        for statement_id, text, value in StatementVote.objects.filter(
            participant=participant
        ).values_list("statement_id", "statement__text", "value")
    ]


def _votes_erase(participant) -> int:
    return StatementVote.objects.filter(participant=participant).delete()[0]


def register_all() -> None:
    personal_data.register(
        "opinions.statements",
        models=("opinions.Statement",),
        export=_statements_export,
        erase=_statements_erase,
        kept="nothing: the statements and the votes on them are deleted",
    )
    personal_data.register(
        "opinions.votes",
        models=("opinions.StatementVote",),
        export=_votes_export,
        erase=_votes_erase,
        kept="nothing: the statements' vote counts go down",
    )

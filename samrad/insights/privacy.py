"""What the input board stores about a phone, for the registry of personal data
(core/personal_data.py): the board's copies of its open inputs and Q&A posts."""

from samrad.core import personal_data
from samrad.insights.models import Input


def _inputs_export(participant) -> list[dict]:
    return [
        {"id": pk, "text": text, "kind": kind, "created_at": created_at.isoformat()}
        for pk, text, kind, created_at in Input.objects.filter(participant=participant).values_list(
            "pk", "text", "kind", "created_at"
        )
    ]


def _inputs_erase(participant) -> int:
    """The copies go with their themes (codings); the board's counts go down."""
    return Input.objects.filter(participant=participant).delete()[0]


def register_all() -> None:
    personal_data.register(
        "insights.inputs",
        models=("insights.Input",),
        export=_inputs_export,
        erase=_inputs_erase,
    )

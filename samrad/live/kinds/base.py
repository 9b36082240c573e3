"""What every question kind provides: how to read an answer, check it, store it, count it.

A kind is a small object registered in `samrad.live.kinds.REGISTRY`. Services call
`kind.store(...)` inside their transaction after the session rules have said yes; selectors
call `kind.results(...)`; templates include `live/kinds/<name>_form.html` (phone) and
`live/kinds/<name>_results.html` (projector). Adding a kind touches only its own module,
its two templates and the registry.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.db.models import QuerySet

from samrad.live.errors import Refused
from samrad.live.models import Participant, Question, Response


@dataclass
class Answer:
    """An answer as it arrives, from a phone's form or the API, before any checks."""

    choices: list[Any] = field(default_factory=list)
    words: str | None = None
    text: str | None = None
    kind: str | None = None
    value: Any = None
    points: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_form(cls, post) -> Answer:
        """Read a phone's form (a QueryDict). Field names are shared by all kinds' forms."""
        points = {
            key.removeprefix("points_"): value
            for key, value in post.items()
            if key.startswith("points_") and value != ""
        }
        return cls(
            choices=post.getlist("choice"),
            words=post.get("words"),
            text=post.get("text") if "text" in post else post.get("other"),
            kind=post.get("kind"),
            value=post.get("value"),
            points=points,
        )

    def draft(self) -> str:
        """What the participant typed, to give back with a refusal so nothing typed is lost."""
        return self.text or self.words or ""


def clean_text(text: str | None, *, limit: int | None = None) -> str:
    """NFC, trimmed, not empty, not over the limit (SAMRAD_MAX_TEXT_LENGTH)."""
    limit = limit or settings.SAMRAD_MAX_TEXT_LENGTH
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        raise Refused("empty")
    if len(text) > limit:
        raise Refused("too_long", limit=limit)
    return text


def choice_ids(question: Question, raw: list[Any]) -> list[int]:
    """The options' ids as integers, each one an option of this question, in the given order."""
    try:
        ids = [int(value) for value in raw]
    except (TypeError, ValueError):
        raise Refused("invalid_choice") from None
    valid = set(question.choices.values_list("pk", flat=True))
    if any(value not in valid for value in ids):
        raise Refused("invalid_choice")
    return ids


class Kind:
    name: ClassVar[str]
    # One answer per participant that a new one replaces (slot 0), or several (see Response).
    single_answer: ClassVar[bool] = True

    def store(
        self,
        question: Question,
        participant: Participant,
        answer: Answer,
        *,
        channel: str,
        client_id: uuid.UUID | None,
    ) -> Response:
        fields = self.clean(question, answer)
        fields.update(channel=channel, client_id=client_id)
        if self.single_answer:
            response, _created = Response.objects.update_or_create(
                question=question, participant=participant, slot=0, defaults=fields
            )
            return response
        return Response.objects.create(question=question, participant=participant, **fields)

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        """Check the answer; return the Response fields to store. Raise Refused if it is wrong."""
        raise NotImplementedError

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        """The aggregate the projector shows, as plain JSON-able data."""
        raise NotImplementedError

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        """What the phone needs to show the participant their own answer(s)."""
        return {}


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0

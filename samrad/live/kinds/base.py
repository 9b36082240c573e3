"""What every question kind provides: how to read an answer, check it, store it, count it.

A kind is a small object registered in `samrad.live.kinds.REGISTRY`. Services call
`kind.store(...)` inside their transaction after the session rules have said yes; selectors
call `kind.results(...)`; templates include `live/kinds/<name>_form.html` (phone) and
`live/kinds/<name>_results.html` (projector). Adding a kind touches only its own module,
its two templates and the registry.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import formats
from django.utils.functional import lazy

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
    # The participant API's fields whose meaning depends on the kind (None from a form): a
    # ranking question reads `ranking` as its choices, a multiple choice `other` as its text.
    ranking: list[Any] | None = None
    other: str | None = None

    def for_kind(self, kind: str) -> Answer:
        """The answer as the question's kind reads it (the API's kind-dependent fields)."""
        if self.ranking is None and self.other is None:
            return self
        return Answer(
            choices=(self.ranking if kind == "ranking" else self.choices) or [],
            words=self.words,
            text=self.other if kind == "choice" else self.text,
            kind=self.kind,
            value=self.value,
            points=self.points,
        )

    @classmethod
    def from_form(cls, post: QueryDict) -> Answer:
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


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str | None, *, limit: int | None = None) -> str:
    """NFC, without control characters, trimmed, not empty, not over the limit
    (SAMRAD_MAX_TEXT_LENGTH). Control characters (NUL above all, which PostgreSQL refuses)
    are dropped; line breaks and tabs are kept."""
    limit = limit or settings.SAMRAD_MAX_TEXT_LENGTH
    text = unicodedata.normalize("NFC", text or "")
    text = CONTROL_CHARACTERS.sub("", text).strip()
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
    # .all(): a batch that prefetched the options reads them once (live/pipeline.py).
    valid = {choice.pk for choice in question.choices.all()}
    if any(value not in valid for value in ids):
        raise Refused("invalid_choice")
    return ids


def whole_number(raw: Any) -> int | None:
    """An integer from a form's text ("4", " 4 ") or JSON (4, 4.0); None for anything else."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    if isinstance(raw, str) and re.fullmatch(r"\s*[+-]?\d{1,9}\s*", raw, flags=re.ASCII):
        return int(raw)
    return None


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
        return self.write(question, participant, fields, channel=channel, client_id=client_id)

    def write(
        self,
        question: Question,
        participant: Participant,
        fields: dict[str, Any],
        *,
        channel: str,
        client_id: uuid.UUID | None,
    ) -> Response:
        """Store an answer `clean` has accepted (its fields), inside the caller's transaction."""
        fields = {**fields, "channel": channel, "client_id": client_id}
        if self.single_answer:
            # One statement: INSERT … ON CONFLICT (question, participant, slot) DO UPDATE.
            (response,) = Response.objects.bulk_create(
                [Response(question=question, participant=participant, slot=0, **fields)],
                update_conflicts=True,
                unique_fields=["question", "participant", "slot"],
                update_fields=list(fields),
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

    def phone_context(
        self, question: Question, participant: Participant, own: list[Response]
    ) -> dict[str, Any]:
        """Everything the phone's form template needs beyond the question: by default the
        participant's own answers; a kind that shows others' answers (Q&A) adds them."""
        return self.own_summary(question, own)

    def phone_events(self, question: Question, response: Response) -> list[dict[str, Any]]:
        """Events for the session's phones once a new answer is committed. Most kinds have
        none: a phone shows only its own answers. (The projector is always told.)"""
        return []

    def draft_summary(self, question: Question, answer: Answer) -> dict[str, Any]:
        """After a refusal: what the phone's form needs to show the refused answer again, so
        that nothing the participant entered is lost (overrides `own_summary`'s keys)."""
        return {}


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def format_number(value: float | int, decimals: int = 2) -> str:
    """A number as people write it in the active language: "12", "3,5" (sv), "3.5" (en);
    at most `decimals` decimals, no trailing zeros."""
    value = round(float(value), decimals)
    text = str(int(value)) if value.is_integer() else f"{value:.{decimals}f}".rstrip("0")
    return formats.number_format(Decimal(text))


# In a refusal's message the number is formatted when the message is, in the reader's language.
format_number_lazy = lazy(format_number, str)

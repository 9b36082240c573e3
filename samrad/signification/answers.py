"""Reading a story form: the raw POST of the phone's page (or any mapping of lists, as the
tests give) becomes a clean story, or `InvalidStory` with one message per field.

Field names, one set per signifier (id N):

- triad: `sN_a`, `sN_b`, `sN_c` — shares in per cent (the plain inputs that the triangle
  widget fills in; they add up to 100);
- dyad: `sN` — 0..100;
- tags: `sN` repeated — option indexes; segment: `sN` once;
- any kind that allows it: `sN_na` — "not applicable".

An empty signifier that is not required is simply not answered.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from samrad.live.kinds.base import CONTROL_CHARACTERS
from samrad.signification import ternary
from samrad.signification.errors import InvalidStory, message
from samrad.signification.models import Signifier, SignifierKind

STORY_MAX_LENGTH = 5000
TITLE_MAX_LENGTH = 200


@dataclass
class Value:
    """One signifier's clean value."""

    not_applicable: bool = False
    weights: tuple[float, float, float] | None = None
    value: float | None = None
    choices: list[int] = field(default_factory=list)


@dataclass
class CleanStory:
    text: str
    title: str = ""
    consented: bool = False
    values: dict[int, Value] = field(default_factory=dict)


def _get(data, name: str) -> str:
    value = data.get(name, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


def _get_list(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return [str(v) for v in data.getlist(name)]
    value = data.get(name, [])
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def clean_text(raw: str, limit: int) -> str:
    text = CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", raw or "")).strip()
    if len(text) > limit:
        raise ValueError(message("too_long", limit=limit))
    return text


def _number(raw: str) -> float:
    number = float(raw.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    if math.isnan(number) or math.isinf(number):
        raise ValueError
    return number


def clean_value(signifier: Signifier, data) -> Value | None:
    """The value of one signifier, None if unanswered; ValueError(message) if invalid."""
    name = f"s{signifier.pk}"
    if signifier.allow_na and _get(data, f"{name}_na") in ("1", "on", "true"):
        return Value(not_applicable=True)
    if signifier.kind == SignifierKind.TRIAD:
        raw = [_get(data, f"{name}_{corner}") for corner in "abc"]
        if not any(raw):
            return None
        try:
            weights = ternary.from_percentages(*(_number(r or "0") for r in raw))
        except (ValueError, ternary.InvalidWeights) as error:
            raise ValueError(message("triad_invalid")) from error
        return Value(weights=weights)
    if signifier.kind == SignifierKind.DYAD:
        text = _get(data, name)
        if not text:
            return None
        try:
            number = _number(text)
        except ValueError as error:
            raise ValueError(message("dyad_invalid")) from error
        if not 0 <= number <= 100:
            raise ValueError(message("dyad_invalid"))
        return Value(value=number)
    raw_choices = [r for r in _get_list(data, name) if r.strip()]
    if not raw_choices:
        return None
    try:
        choices = sorted({int(r) for r in raw_choices})
    except ValueError as error:
        raise ValueError(message("choice_invalid")) from error
    if any(not 0 <= c < len(signifier.labels) for c in choices):
        raise ValueError(message("choice_invalid"))
    if signifier.kind == SignifierKind.SEGMENT and len(choices) > 1:
        raise ValueError(message("single_choice"))
    return Value(choices=choices)


def clean_story(*, survey, signifiers: list[Signifier], data: Any) -> CleanStory:
    errors: dict[str, str] = {}
    text = title = ""
    try:
        text = clean_text(_get(data, "text"), STORY_MAX_LENGTH)
        if not text:
            errors["text"] = message("story_empty")
    except ValueError as error:
        errors["text"] = str(error)
    if survey.ask_title:
        try:
            title = clean_text(_get(data, "title"), TITLE_MAX_LENGTH)
        except ValueError as error:
            errors["title"] = str(error)
    consented = _get(data, "consent") in ("1", "on", "true")
    if survey.consent_text.strip() and not consented:
        errors["consent"] = message("consent")
    values: dict[int, Value] = {}
    for signifier in signifiers:
        try:
            value = clean_value(signifier, data)
        except ValueError as error:
            errors[f"s{signifier.pk}"] = str(error)
            continue
        if value is None:
            if signifier.required:
                errors[f"s{signifier.pk}"] = message("required")
            continue
        values[signifier.pk] = value
    if errors:
        raise InvalidStory(errors)
    return CleanStory(text=text, title=title, consented=consented, values=values)

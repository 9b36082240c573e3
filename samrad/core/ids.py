"""Ids (and small counts) that arrive as form or query values ("?organisation=", a hidden
"question" field, a filter, a list of ticked rows): the one parser for them.

URL converters (`<int:pk>`) already refuse anything but digits; values read from
request.POST / request.GET do not. A lookup with "abc" raises ValueError, one with "²" passes
`str.isdigit()` and then fails `int()`, and one with 30 digits overflows the database's
integer: each was a 500. Every view reads such values through here:

- `id_or_404` where the value names the object the request is about (404, the same as an id
  that is not ours);
- `id_or_none` where it only narrows (a filter: a bad value filters nothing);
- `ids_of` for a list of ticked rows (bad values are left out);
- `number_or` for a small count typed into a form (the default when it is not a number).
"""

from collections.abc import Iterable
from typing import TypeVar

from django.http import Http404

MAX_DIGITS = 18  # below 2**63: every database's bigint holds it

Default = TypeVar("Default", bound=int | None)


def id_or_none(value: object) -> int | None:
    """The value as an id (ASCII digits only, at most 18 of them), or None."""
    text = str(value if value is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_DIGITS:
        return None
    return int(text)


def id_or_404(value: object) -> int:
    """The value as an id, or 404 (not found, the same as an id that is not ours)."""
    parsed = id_or_none(value)
    if parsed is None:
        raise Http404
    return parsed


def ids_of(values: Iterable[object]) -> list[int]:
    """The ids among the values, in order; anything else is left out."""
    return [parsed for parsed in map(id_or_none, values) if parsed is not None]


def number_or(value: object, default: Default) -> int | Default:
    """A whole number typed into a form ("-1" included), or the default."""
    text = str(value if value is not None else "").strip()
    digits = text[1:] if text[:1] == "-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > MAX_DIGITS:
        return default
    return int(text)

"""Ids that arrive as form or query values ("?organisation=", a hidden "question" field).

URL converters (`<int:pk>`) already refuse anything but digits; values read from
request.POST / request.GET do not, and a lookup with "abc" raises ValueError (a 500). Every
view that looks an object up by such a value reads it through `id_or_404`.
"""

from django.http import Http404


def id_or_404(value) -> int:
    """The value as a positive id, or 404 (not found, the same as an id that is not ours)."""
    text = str(value if value is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise Http404
    return int(text)

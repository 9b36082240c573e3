"""`{{ value|number }}`: a number as people write it in the active language ("3,5" in sv)."""

from typing import Any

from django import template

from samrad.live.kinds.base import format_number

register = template.Library()


@register.filter
def number(value: Any, decimals: int | str = 2) -> str:
    if value is None or value == "":
        return "–"
    return format_number(value, int(decimals))

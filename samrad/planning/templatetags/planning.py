"""Template helpers for the plan: status words, the summary sentence, a measure's value."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samrad.live.kinds.base import format_number
from samrad.planning import status as status_rules

register = template.Library()

STATUS_LABELS = {
    status_rules.MET: gettext_lazy("Met"),
    status_rules.CLOSE: gettext_lazy("Close"),
    status_rules.NOT_MET: gettext_lazy("Not met"),
    status_rules.PENDING: gettext_lazy("Pending"),
}


@register.filter
def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def summary_text(summary: status_rules.Summary) -> str:
    """ "9 of 13 met, 2 close, 2 pending": the parts that are not zero after the first."""
    parts = [_("%(met)s of %(total)s met") % {"met": summary.met, "total": summary.total}]
    if summary.close:
        parts.append(_("%(count)s close") % {"count": summary.close})
    if summary.not_met:
        parts.append(_("%(count)s not met") % {"count": summary.not_met})
    if summary.pending:
        parts.append(_("%(count)s pending") % {"count": summary.pending})
    return ", ".join(parts)


@register.filter
def status_summary(summary: status_rules.Summary) -> str:
    return summary_text(summary)


def value_text(value, unit: str = "") -> str:
    if value is None:
        return "–"
    text = format_number(value, 1)
    return f"{text} %" if unit == "%" else text


@register.simple_tag
def measure_value(value, unit=""):
    return value_text(value, unit)


@register.filter
def goal_matrix(dialogue):
    """The dialogue's goal matrix with statuses (for the dialogue page's section)."""
    from samrad.planning import selectors

    return selectors.goal_matrix(dialogue)


@register.filter
def what_happens_next(dialogue):
    from samrad.planning import selectors

    return selectors.what_happens_next(dialogue)


@register.filter
def public_timeline(dialogue):
    """Every phase with its dates, past/now/next, and what came out of the past ones."""
    from samrad.feedback import public

    return public.public_timeline(dialogue)

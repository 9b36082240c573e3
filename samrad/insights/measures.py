"""The input board's measure source for the goal matrix: the share of inputs answered.

Registered into planning's source registry from `InsightsConfig.ready`, so that planning
does not need to know the input board (samrad/planning/measures.py)."""

from django.utils.translation import gettext_lazy as _

from samrad.insights import selectors
from samrad.planning.measures import Reading, Source, percent, register


def _inputs_answered(measure, dialogue) -> Reading:
    answered, total = selectors.answered_share(dialogue)
    return Reading(
        percent(answered, total),
        str(_("%(part)s of %(whole)s inputs answered") % {"part": answered, "whole": total}),
    )


def register_all() -> None:
    register(
        Source(
            key="inputs_answered",
            label=_("Share of inputs answered"),
            read=_inputs_answered,
            unit="%",
        )
    )

"""Where a measure's value comes from: a small registry of sources.

A source reads one number for a measure of a dialogue, from live data or from what a
facilitator typed in. Another app adds its own with `register(Source(...))` from its
`AppConfig.ready` (insights: "inputs_answered", samrad/insights/measures.py); forms, pages, the
report and the method template list whatever is registered.

    Source(key="participants", label=..., read=lambda measure, dialogue: Reading(42))

`needs` says which of the measure's settings the source uses ("question", "choices",
"threshold"), so that the form asks for them and checks them; `question_kinds` which live
question kinds fit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samrad.dialogues.models import Dialogue
from samrad.live.models import Participant, QuestionKind
from samrad.planning import selectors

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Reading:
    value: float | None
    detail: str = ""
    # False when the source cannot be read on this installation (its app is missing).
    available: bool = True


@dataclass(frozen=True)
class Source:
    key: str
    label: StrOrPromise  # translated when shown
    read: Callable[..., Reading]
    unit: str = ""
    bound: bool = True
    needs: frozenset[str] = field(default_factory=frozenset)
    question_kinds: tuple[str, ...] = ()
    help: StrOrPromise = ""


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    SOURCES[source.key] = source
    return source


def source_of(key: str) -> Source | None:
    return SOURCES.get(key)


def read(measure, dialogue: Dialogue) -> Reading:
    source = SOURCES.get(measure.source)
    if source is None:
        return Reading(None, str(_("Unknown source")), available=False)
    return source.read(measure, dialogue)


def percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


# --- The sources ---------------------------------------------------------------------------


def _manual(measure, dialogue) -> Reading:
    return Reading(measure.manual_value, measure.evidence)


def _participants(measure, dialogue) -> Reading:
    """Everyone who answered in the dialogue's sessions, except the project group's own
    process-evaluation questionnaire."""
    participants = Participant.objects.filter(session__dialogue=dialogue)
    process_session_id = selectors.plan_settings(dialogue).process_session_id
    if process_session_id:
        participants = participants.exclude(session_id=process_session_id)
    return Reading(float(participants.count()), str(_("participants in the dialogue's sessions")))


def _meetings_held(measure, dialogue) -> Reading:
    held = dialogue.meetings.filter(starts_at__lt=timezone.now()).count()
    return Reading(float(held), str(_("meetings with a date in the past")))


def _group_share(measure, dialogue) -> Reading:
    if measure.question is None:
        return Reading(None, str(_("No question chosen")))
    picked, respondents = selectors.choice_reach(measure.question, measure.choice_ids)
    return Reading(
        percent(picked, respondents),
        str(_("%(part)s of %(whole)s respondents") % {"part": picked, "whole": respondents}),
    )


def _answer_mean(measure, dialogue) -> Reading:
    if measure.question is None:
        return Reading(None, str(_("No question chosen")))
    mean, count = selectors.answer_mean(measure.question)
    return Reading(mean, str(_("%(count)s answers") % {"count": count}))


def _answer_share(measure, dialogue) -> Reading:
    question = measure.question
    if question is None:
        return Reading(None, str(_("No question chosen")))
    if question.kind == QuestionKind.CHOICE:
        part, whole = selectors.choice_reach(question, measure.choice_ids)
    else:
        part, whole = selectors.answers_at_least(question, measure.threshold or 0)
    return Reading(
        percent(part, whole),
        str(_("%(part)s of %(whole)s answers") % {"part": part, "whole": whole}),
    )


register(
    Source(
        key="manual",
        label=_("Entered by hand (value and evidence)"),
        read=_manual,
        bound=False,
    )
)
register(Source(key="participants", label=_("Participants in the sessions"), read=_participants))
register(Source(key="meetings_held", label=_("Meetings held (date passed)"), read=_meetings_held))
register(
    Source(
        key="group_share",
        label=_("Share of a group among participants (composition answer)"),
        read=_group_share,
        unit="%",
        needs=frozenset({"question", "choices"}),
        question_kinds=(QuestionKind.CHOICE,),
        help=_("The same ready-made question in every session of the dialogue counts together."),
    )
)
register(
    Source(
        key="answer_mean",
        label=_("Mean answer to a scale question"),
        read=_answer_mean,
        needs=frozenset({"question"}),
        question_kinds=(QuestionKind.SCALE, QuestionKind.NUMERIC),
    )
)
register(
    Source(
        key="answer_share",
        label=_("Share of answers at or above a value (or picking options)"),
        read=_answer_share,
        unit="%",
        needs=frozenset({"question"}),
        question_kinds=(QuestionKind.SCALE, QuestionKind.NUMERIC, QuestionKind.CHOICE),
    )
)

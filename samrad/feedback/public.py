"""What is public: the one place that decides what citizens see and what is printed for them.

Every public surface reads through here and nowhere else: the public page `/d/<slug>/` (our
results and the insights section), the leaflet PDF, and the public word cloud. The rules:

- an input reaches the public only when a facilitator published it; a merged duplicate never,
  nor the input of a live post the room does not see (a hidden or pending Q&A post);
- an answer reaches the public only on a published input (a draft answer stays internal);
- a theme reaches the public only when it carries at least one published answer (themes have
  no publish switch of their own: an otherwise empty or all-draft theme is not shown);
- a result of fewer people than the small-group threshold is withheld with the reason said
  (the session's `min_group_size`, else `SAMRAD_PUBLIC_MIN_GROUP`, default 5), and a word of a
  word cloud is shown only when at least that many people used it;
- a phase's outcome ("what came out of it") reaches the public only once the phase is over and
  the coordinator wrote one; every phase is on the public timeline with its dates;
- an action item or a decision of the plan reaches the public only when the coordinator ticked
  "show on the public page" on it (off by default).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet, Sum

from samrad.dialogues.models import Dialogue
from samrad.feedback import selectors
from samrad.insights import analysis
from samrad.insights.models import Input, Theme
from samrad.live.models import LiveSession, Moderation, QuestionKind
from samrad.live.selectors import shown_responses

CLOUD_TERMS = 40


def min_group(session: LiveSession | None = None) -> int:
    """The smallest group whose result is shown to the public."""
    if session is not None:
        return max(1, session.min_group_size)
    return max(1, settings.SAMRAD_PUBLIC_MIN_GROUP)


# --- Inputs, answers and themes ------------------------------------------------------------


def public_inputs(dialogue: Dialogue) -> QuerySet[Input]:
    """Published inputs the room could see, merged duplicates left out (imported ones too)."""
    seen = Q(response__isnull=True) | Q(response__moderation=Moderation.APPROVED)
    return Input.objects.filter(
        dialogue=dialogue, published=True, duplicate_of__isnull=True
    ).filter(seen)


def public_answers(dialogue: Dialogue) -> list[Input]:
    """Published inputs with an answer, oldest first, each with its themes."""
    return list(
        public_inputs(dialogue)
        .exclude(answer="")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "id")))
        .annotate(merged_upvotes=Sum("duplicates__upvotes"))
        .order_by("created_at", "id")
    )


@dataclass
class ThemeGroup:
    theme: Theme | None
    inputs: list[Input] = field(default_factory=list)


def answers_by_theme(dialogue: Dialogue) -> list[ThemeGroup]:
    """The public answers under each theme they carry (in codebook order; one input with two
    themes is under both), then those without a theme. Only themes with a public answer."""
    groups: dict[int, ThemeGroup] = {}
    rest = ThemeGroup(None)
    for item in public_answers(dialogue):
        themes = list(item.themes.all())
        for theme in themes:
            groups.setdefault(theme.pk, ThemeGroup(theme)).inputs.append(item)
        if not themes:
            rest.inputs.append(item)
    ordered = sorted(
        groups.values(), key=lambda g: (g.theme.position, g.theme.pk) if g.theme else (0, 0)
    )
    return ordered + ([rest] if rest.inputs else [])


def public_themes(dialogue: Dialogue) -> list[Theme]:
    return [group.theme for group in answers_by_theme(dialogue) if group.theme is not None]


def publish_summary(dialogue: Dialogue) -> dict[str, int]:
    """For the board, before anything is published: how many answers the public sees, and how
    many are written but wait for "Publish" (drafts the public does not see)."""
    shown = public_inputs(dialogue).exclude(answer="").count()
    waiting = (
        Input.objects.filter(dialogue=dialogue, published=False, duplicate_of__isnull=True)
        .exclude(answer="")
        .count()
    )
    return {"published": shown, "waiting": waiting}


# --- Word clouds ---------------------------------------------------------------------------


def _keys_used_by_enough(
    entries_by_person: dict[Any, list[str]], lang: str, minimum: int, apart=()
):
    """Term keys that at least `minimum` different people used (`apart`: the surface forms
    a facilitator split from their group, each a term of its own)."""
    people: Counter[str] = Counter()
    for entries in entries_by_person.values():
        people.update({term.key for term in analysis.count_terms(entries, lang, apart=apart)})
    return {key for key, n in people.items() if n >= minimum}


def word_cloud(dialogue: Dialogue, top: int = CLOUD_TERMS) -> dict[str, Any]:
    """One cloud of every public input (live, paper, interview and imported alike). A word is
    shown only when at least `min_group()` people used it; `people` is how many wrote."""
    lang = analysis.analysis_language(dialogue.language)
    by_person: dict[Any, list[str]] = defaultdict(list)
    for pk, participant, text in public_inputs(dialogue).values_list("pk", "participant", "text"):
        # An imported or paper input without a phone counts as its own person.
        words = analysis.tokenize(text)
        by_person[("p", participant) if participant else ("i", pk)].extend(words)
    minimum = min_group()
    allowed = _keys_used_by_enough(by_person, lang, minimum)
    every = [word for words in by_person.values() for word in words]
    terms = [t for t in analysis.count_terms(every, lang) if t.key in allowed][:top]
    return {
        "terms": analysis.cloud_rows(terms),
        "people": len(by_person),
        "minimum": minimum,
        "withheld": bool(by_person) and len(by_person) < minimum,
    }


def _public_wordcloud_terms(question, results: dict[str, Any], minimum: int) -> list[dict]:
    """A word-cloud question's terms used by at least `minimum` participants."""
    lang = analysis.analysis_language(question.session.dialogue.language)
    by_person: dict[Any, list[str]] = defaultdict(list)
    for participant, text in shown_responses(question).values_list("participant", "text"):
        by_person[participant].append(text)
    apart = question.terms_apart or ()
    allowed = _keys_used_by_enough(by_person, lang, minimum, apart)
    every = [entry for entries in by_person.values() for entry in entries]
    keys = {term.text: term.key for term in analysis.count_terms(every, lang, apart=apart)}
    return [t for t in results["terms"] if keys.get(t["text"]) in allowed]


# --- Live results --------------------------------------------------------------------------


def session_results(session: LiveSession) -> list[dict[str, Any]]:
    """Each question's public result: as the projector's, but withheld when fewer than the
    session's smallest group answered (`withheld` says so and the template says why)."""
    minimum = min_group(session)
    rows = []
    for row in selectors.session_results(session):
        question = row["question"]
        if question.kind == QuestionKind.QA or question.kind == QuestionKind.OPEN:
            # Free text is never public raw: the counts of what the room saw only.
            row["entries"] = shown_responses(question).count()
        withheld = bool(row["respondents"]) and row["respondents"] < minimum
        row["withheld"] = withheld
        row["minimum"] = minimum
        if withheld:
            row["results"] = {}
        elif row["charted"] and question.kind == QuestionKind.WORDCLOUD:
            terms = _public_wordcloud_terms(question, row["results"], minimum)
            row["results"] = {**row["results"], "terms": terms}
        rows.append(row)
    return rows


def dialogue_results(dialogue: Dialogue) -> list[dict[str, Any]]:
    """The held sessions with their public results, oldest first."""
    return [
        {
            "session": session,
            "participants": session.participants.count(),
            "questions": session_results(session),
        }
        for session in selectors.held_sessions(dialogue)
    ]


# --- Follow-up: actions and decisions ------------------------------------------------------


def public_actions(dialogue: Dialogue) -> list:
    """The action items (from "Lös en farhåga") the coordinator chose to show, by due date."""
    from samrad.concerns.models import Action

    return list(
        Action.objects.filter(dialogue=dialogue, public=True).order_by(
            F("due").asc(nulls_last=True), "id"
        )
    )


def public_decisions(dialogue: Dialogue) -> list:
    """The plan's decisions the coordinator chose to show, oldest first."""
    from samrad.planning.models import Decision

    chosen = Decision.objects.filter(dialogue=dialogue, public=True)
    return list(chosen.order_by("decided_on", "id"))


@dataclass
class TimelineEntry:
    name: str
    starts_on: Any  # date | None
    ends_on: Any
    when: str  # "past", "now", "next" or "" (no dates yet)
    contents: str = ""  # what the phase holds (shown while it is not over)
    outcome: str = ""


def public_timeline(dialogue: Dialogue, *, today=None) -> list[TimelineEntry]:
    """Every phase in order with its dates and whether it is past, now or next; a past phase
    carries what came out of it when the coordinator wrote that (else nothing)."""
    from django.utils import timezone

    from samrad.planning.models import PhasePlan

    today = today or timezone.localdate()
    plans = {plan.phase_id: plan for plan in PhasePlan.objects.filter(phase__dialogue=dialogue)}
    entries = []
    for phase in dialogue.phases.order_by("position", "id"):
        plan = plans.get(phase.pk)
        starts, ends = (plan.starts_on, plan.ends_on) if plan else (None, None)
        if ends and ends < today:
            when = "past"
        elif starts and starts > today:
            when = "next"
        elif starts or ends:
            when = "now"
        else:
            when = ""
        past = when == "past"
        contents = plan.contents if plan and not past else ""
        outcome = plan.outcome if plan and past else ""
        entries.append(TimelineEntry(phase.name, starts, ends, when, contents, outcome))
    return entries

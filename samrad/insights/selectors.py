"""Reads of the input board, always scoped to the user's organisations (others' → 404)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samrad.core.ids import id_or_none
from samrad.dialogues.models import Dialogue
from samrad.dialogues.selectors import dialogues_for_user
from samrad.insights import analysis, learning
from samrad.insights.models import (
    Coding,
    ImportBatch,
    ImportStatus,
    Input,
    InputChannel,
    InputStatus,
    Theme,
)
from samrad.live.models import Choice, InputKind, QuestionKind, QuestionRole, Response

PAGE_SIZE = 50
UNCODED = "none"


def input_for_user_or_404(*, user, pk: int) -> Input:
    return get_object_or_404(
        Input.objects.select_related("dialogue__organisation").filter(
            dialogue__in=dialogues_for_user(user=user)
        ),
        pk=pk,
    )


def theme_for_user_or_404(*, user, pk: int) -> Theme:
    return get_object_or_404(
        Theme.objects.select_related("dialogue__organisation").filter(
            dialogue__in=dialogues_for_user(user=user)
        ),
        pk=pk,
    )


def batch_for_user_or_404(*, user, pk: int) -> ImportBatch:
    return get_object_or_404(
        ImportBatch.objects.select_related("dialogue__organisation").filter(
            dialogue__in=dialogues_for_user(user=user)
        ),
        pk=pk,
    )


# A queued import that no worker has picked up after this many seconds gets a hint on the page.
IMPORT_WAITING_HINT_AFTER = 20


def import_state(batch: ImportBatch, *, now=None) -> str:
    """What the import's progress page says: draft / queued / waiting (no worker has taken it
    for a while) / running / stalled (no row stored for SAMRAD_IMPORT_STALLED_AFTER seconds:
    the worker stopped) / done / failed."""
    if batch.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return str(batch.status)
    idle = ((now or timezone.now()) - (batch.updated_at or batch.created_at)).total_seconds()
    if idle > settings.SAMRAD_IMPORT_STALLED_AFTER:
        return "stalled"
    if batch.status == ImportStatus.QUEUED and idle > IMPORT_WAITING_HINT_AFTER:
        return "waiting"
    return str(batch.status)


def imports_running(dialogue: Dialogue) -> list[ImportBatch]:
    """The dialogue's imports queued or running in the background (the board links them)."""
    return list(
        ImportBatch.objects.filter(
            dialogue=dialogue, status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING)
        ).only("pk", "filename", "status", "rows", "done_rows", "dialogue_id")
    )


# --- Codebook ------------------------------------------------------------------------------


def codebook(dialogue: Dialogue) -> list[Theme]:
    """Themes in codebook order, each top-level theme followed by its sub-themes; each with
    `.depth` and `.count` (inputs coded). The board's number keys follow this order."""
    themes: list[Theme] = list(
        dialogue.themes.annotate(count=Count("codings")).order_by("position", "id")
    )
    children: dict[int | None, list[Theme]] = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme)
    ordered: list[Theme] = []
    seen: set[int] = set()

    def walk(parent_id, depth):
        for theme in children.get(parent_id, []):
            if theme.pk in seen:
                continue
            seen.add(theme.pk)
            theme.depth = depth
            ordered.append(theme)
            walk(theme.pk, depth + 1)

    walk(None, 0)
    for theme in themes:  # a cycle left by hand in the admin: still listed
        if theme.pk not in seen:
            theme.depth = 0
            ordered.append(theme)
    for number, theme in enumerate(ordered, start=1):
        theme.key = str(number) if number <= 9 else ""
    return ordered


# --- Segments ------------------------------------------------------------------------------


def segment_options(dialogue: Dialogue) -> list[dict[str, Any]]:
    """The composition answers of the dialogue's sessions as filter options. The same question
    and label in several sessions (a ready-made poll used at every meeting) is one option,
    named by its first choice's id."""
    choices = (
        Choice.objects.filter(
            question__session__dialogue=dialogue,
            question__role=QuestionRole.COMPOSITION,
            question__kind=QuestionKind.CHOICE,
        )
        .select_related("question")
        .order_by("question__position", "position", "id")
    )
    options: dict[tuple[str, str], dict[str, Any]] = {}
    for choice in choices:
        key = (choice.question.prompt, choice.label)
        if key not in options:
            options[key] = {
                "id": choice.pk,
                "question": choice.question.prompt,
                "label": choice.label,
            }
    return list(options.values())


def segment_participants(dialogue: Dialogue, choice_id: int) -> list[int]:
    """Participants who picked this composition answer (or its twin in another session)."""
    choice = (
        Choice.objects.filter(pk=choice_id, question__session__dialogue=dialogue)
        .select_related("question")
        .first()
    )
    if choice is None:
        return []
    twins = set(
        Choice.objects.filter(
            question__session__dialogue=dialogue,
            question__role=QuestionRole.COMPOSITION,
            question__prompt=choice.question.prompt,
            label=choice.label,
        ).values_list("pk", flat=True)
    )
    rows = Response.objects.filter(
        question__session__dialogue=dialogue,
        question__role=QuestionRole.COMPOSITION,
        question__prompt=choice.question.prompt,
    ).values_list("participant_id", "choices")
    return sorted({pid for pid, picked in rows if twins.intersection(picked or [])})


# --- The board -----------------------------------------------------------------------------


@dataclass
class BoardFilters:
    session: str = ""
    meeting: str = ""
    kind: str = ""
    theme: str = ""
    status: str = ""
    channel: str = ""
    segment: str = ""
    language: str = ""
    published: str = ""
    q: str = ""
    duplicates: str = ""  # "show": merged duplicates listed too

    NAMES = (
        "session",
        "meeting",
        "kind",
        "theme",
        "status",
        "channel",
        "segment",
        "language",
        "published",
        "q",
        "duplicates",
    )

    @classmethod
    def from_query(cls, query) -> BoardFilters:
        return cls(**{name: (query.get(name) or "").strip()[:200] for name in cls.NAMES})

    def as_query(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.NAMES if getattr(self, name)}

    @property
    def active(self) -> bool:
        return bool(self.as_query())


def _int(value: str) -> int | None:
    return id_or_none(value)


def board_inputs(dialogue: Dialogue, filters: BoardFilters) -> QuerySet[Input]:
    """The dialogue's inputs as the filters ask, oldest first, themes prefetched."""
    inputs = Input.objects.filter(dialogue=dialogue)
    if filters.status != InputStatus.DUPLICATE and filters.duplicates != "show":
        inputs = inputs.filter(duplicate_of__isnull=True)
    if (session := _int(filters.session)) is not None:
        inputs = inputs.filter(session_id=session)
    if (meeting := _int(filters.meeting)) is not None:
        inputs = inputs.filter(meeting_id=meeting)
    if filters.kind in InputKind.values:
        inputs = inputs.filter(kind=filters.kind)
    elif filters.kind == UNCODED:
        inputs = inputs.filter(kind="")
    if filters.theme == UNCODED:
        inputs = inputs.filter(codings__isnull=True)
    elif (theme := _int(filters.theme)) is not None:
        # A theme includes its sub-themes.
        ids = [theme, *dialogue.themes.filter(parent_id=theme).values_list("pk", flat=True)]
        inputs = inputs.filter(pk__in=Coding.objects.filter(theme_id__in=ids).values("input_id"))
    if filters.status in InputStatus.values:
        inputs = inputs.filter(status=filters.status)
    if filters.channel in InputChannel.values:
        inputs = inputs.filter(channel=filters.channel)
    if filters.language:
        inputs = inputs.filter(language=filters.language)
    if filters.published == "yes":
        inputs = inputs.filter(published=True)
    elif filters.published == "no":
        inputs = inputs.filter(published=False)
    if (segment := _int(filters.segment)) is not None:
        inputs = inputs.filter(participant_id__in=segment_participants(dialogue, segment))
    if filters.q:
        for word in filters.q.split()[:8]:
            inputs = inputs.filter(Q(text__icontains=word) | Q(answer__icontains=word))
    return inputs.order_by("created_at", "id")


def with_details(inputs: QuerySet[Input]) -> QuerySet[Input]:
    return inputs.select_related("session", "meeting").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "id")),
        Prefetch(
            "duplicates",
            queryset=Input.objects.only("pk", "text", "upvotes", "duplicate_of_id").order_by("id"),
        ),
    )


def total_upvotes(input: Input) -> int:
    """The input's upvotes with those of the duplicates merged into it (prefetched)."""
    return input.upvotes + sum(d.upvotes for d in input.duplicates.all())


@dataclass
class BoardPage:
    inputs: list[Input]
    page: Any
    total: int
    themes: list[Theme]
    suggestions: dict[int, list[tuple[Theme, float]]] = field(default_factory=dict)


def board_page(dialogue: Dialogue, filters: BoardFilters, page_number: Any = 1) -> BoardPage:
    themes = codebook(dialogue)
    paginator = Paginator(with_details(board_inputs(dialogue, filters)), PAGE_SIZE)
    page = paginator.get_page(page_number)
    inputs = list(page.object_list)
    uncoded = [item for item in inputs if not item.themes.all()]
    return BoardPage(
        inputs=inputs,
        page=page,
        total=paginator.count,
        themes=themes,
        suggestions=suggestions(dialogue, uncoded, themes=themes),
    )


def facets(dialogue: Dialogue) -> dict[str, Any]:
    """What the filter menus offer."""
    languages = (
        Input.objects.filter(dialogue=dialogue)
        .exclude(language="")
        .values_list("language", flat=True)
        .distinct()
        .order_by("language")
    )
    return {
        "sessions": list(dialogue.sessions.order_by("created_at", "id")),
        "meetings": list(dialogue.meetings.all()),
        "kinds": InputKind.choices,
        "statuses": InputStatus.choices,
        "channels": InputChannel.choices,
        "segments": segment_options(dialogue),
        "languages": list(languages),
    }


# --- Suggestions ---------------------------------------------------------------------------

MIN_CODED = 5  # fewer coded inputs than this: no suggestions yet
SUGGESTIONS = 3
# A suggestion is the "top suggestion" (the board's `a` key) only from this confidence on.
# Calibrated (bench/suggestion_threshold.py, issue 15.4): the lowest threshold at which the
# best guess is right at least 70 % of the time, out of fold on the first labelled set (sv, nb,
# da; 5 folds and, as on a new board, 8 coded inputs per theme): 0.35 in both (precision 0.71
# and 0.70, 61 % and 44 % of inputs get a top suggestion). See docs/architecture/insights-text.md.
TOP_SUGGESTION_MIN = 0.35


def _codes_stamp(dialogue: Dialogue) -> tuple[int, tuple]:
    """(coded inputs, the themes' identity): what the suggester was trained on."""
    codes = Coding.objects.filter(theme__dialogue=dialogue).aggregate(n=Count("id"))
    themes = dialogue.themes.aggregate(n=Count("id"), changed=Max("updated_at"))
    return codes["n"], (themes["n"], themes["changed"])


def _training_job(dialogue: Dialogue, stamp: tuple) -> learning.Job:
    """The dialogue's coded inputs and its themes' names and descriptions, read now (the
    training thread reads no database)."""
    labels: dict[int, list[str]] = {}
    texts: dict[int, str] = {}
    for input_id, text, theme_id in Coding.objects.filter(theme__dialogue=dialogue).values_list(
        "input_id", "input__text", "theme_id"
    ):
        texts[input_id] = text
        labels.setdefault(input_id, []).append(str(theme_id))
    descriptions = {
        str(pk): f"{name}\n{description}".strip()
        for pk, name, description in dialogue.themes.values_list("pk", "name", "description")
    }
    return learning.Job(
        stamp=stamp,
        lang=analysis.analysis_language(dialogue.language),
        texts=[texts[i] for i in texts],
        labels=[labels[i] for i in texts],
        descriptions=descriptions,
    )


def suggester(dialogue: Dialogue, *, wait_first: bool = True):
    """The dialogue's theme suggester, trained on its coded inputs and kept in this process
    (see `learning`: in the background, never holding up the board). None while fewer than
    MIN_CODED inputs are coded, or while the first model is still learning. After a coding,
    `suggester(dialogue, wait_first=False)` starts learning it and returns at once."""
    stamp = _codes_stamp(dialogue)
    if stamp[0] < MIN_CODED:
        return None
    return learning.model_for(
        dialogue.pk,
        stamp,
        lambda: _training_job(dialogue, stamp),
        background=getattr(settings, "SAMRAD_SUGGESTER_IN_BACKGROUND", True),
        wait_first=wait_first,
    )


def suggestions(
    dialogue: Dialogue, inputs: list[Input], *, themes: list[Theme] | None = None
) -> dict[int, list[tuple[Theme, float]]]:
    """{input id: [(theme, confidence 0..1)] best first} for the given uncoded inputs."""
    if not inputs:
        return {}
    model = suggester(dialogue)
    if model is None:
        return {}
    by_id = {str(t.pk): t for t in (themes if themes is not None else codebook(dialogue))}
    found = model.suggest([item.text for item in inputs], k=SUGGESTIONS)
    result = {}
    for item, ranked in zip(inputs, found, strict=True):
        result[item.pk] = [(by_id[t], c) for t, c in ranked if t in by_id]
    return result


def top_suggestion(suggested: list[tuple[Theme, float]] | None) -> Theme | None:
    """The theme offered as the top suggestion, or None when the best guess is unsure."""
    if suggested and suggested[0][1] >= TOP_SUGGESTION_MIN:
        return suggested[0][0]
    return None


# --- Numbers for other apps ----------------------------------------------------------------


def answered_share(dialogue: Dialogue) -> tuple[int, int]:
    """(answered, total) of the dialogue's inputs, merged duplicates not counted: the goal
    matrix reads "share of inputs answered"."""
    totals = Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True).aggregate(
        total=Count("id"), answered=Count("id", filter=~Q(answer=""))
    )
    return totals["answered"], totals["total"]


@dataclass
class ThemeGroup:
    theme: Theme | None
    inputs: list[Input]


def by_theme(dialogue: Dialogue, inputs: list[Input]) -> list[ThemeGroup]:
    """Inputs under each theme of the codebook they carry (an input with two themes is under
    both), then those without a theme."""
    groups = [ThemeGroup(theme, []) for theme in codebook(dialogue)]
    index = {group.theme.pk: group for group in groups if group.theme}
    rest = ThemeGroup(None, [])
    for item in inputs:
        themes = list(item.themes.all())
        for theme in themes:
            index[theme.pk].inputs.append(item)
        if not themes:
            rest.inputs.append(item)
    return [g for g in groups if g.inputs] + ([rest] if rest.inputs else [])


def theme_counts(dialogue: Dialogue) -> list[dict[str, Any]]:
    """Each theme with how many inputs carry it and how many of those are answered."""
    counts: dict[int, Mapping[str, Any]] = {
        row["theme_id"]: row
        for row in Coding.objects.filter(theme__dialogue=dialogue, input__duplicate_of__isnull=True)
        .values("theme_id")
        .annotate(n=Count("input_id"), answered=Count("input_id", filter=~Q(input__answer="")))
    }
    return [
        {
            "theme": theme,
            "count": counts.get(theme.pk, {}).get("n", 0),
            "answered": counts.get(theme.pk, {}).get("answered", 0),
        }
        for theme in codebook(dialogue)
    ]


# --- Comparing groups ----------------------------------------------------------------------

REST = "rest"
DIMENSIONS = ("theme", "segment", "meeting", "session")


def _group_inputs(dialogue: Dialogue, dimension: str, value: str) -> QuerySet[Input] | None:
    base = Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True)
    key = _int(value)
    if key is None:
        return None
    if dimension == "theme":
        return base.filter(pk__in=Coding.objects.filter(theme_id=key).values("input_id"))
    if dimension == "segment":
        return base.filter(participant_id__in=segment_participants(dialogue, key))
    if dimension == "meeting":
        return base.filter(meeting_id=key)
    if dimension == "session":
        return base.filter(session_id=key)
    return None


def compare_options(dialogue: Dialogue, dimension: str) -> list[tuple[str, str]]:
    if dimension == "theme":
        return [(str(t.pk), t.name) for t in codebook(dialogue)]
    if dimension == "segment":
        return [(str(o["id"]), f"{o['question']}: {o['label']}") for o in segment_options(dialogue)]
    if dimension == "meeting":
        return [(str(m.pk), m.title) for m in dialogue.meetings.all()]
    if dimension == "session":
        return [(str(s.pk), s.title) for s in dialogue.sessions.order_by("created_at", "id")]
    return []


def compare_groups(dialogue: Dialogue, dimension: str, a: str, b: str) -> dict[str, Any] | None:
    """Two groups of inputs side by side (b may be REST: every other input): their counts,
    word clouds and theme counts, and the terms each uses much more than the other."""
    if dimension not in DIMENSIONS:
        return None
    first = _group_inputs(dialogue, dimension, a)
    if first is None:
        return None
    second: QuerySet[Input] | None
    if b == REST:
        second = Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True).exclude(
            pk__in=first.values("pk")
        )
    else:
        second = _group_inputs(dialogue, dimension, b)
        if second is None:
            return None
    lang = analysis.analysis_language(dialogue.language)
    themes = codebook(dialogue)
    sides: list[dict[str, Any]] = []
    for inputs in (first, second):
        texts = list(inputs.values_list("text", flat=True))
        coded = dict(
            Coding.objects.filter(input__in=inputs)
            .values("theme_id")
            .annotate(n=Count("id"))
            .values_list("theme_id", "n")
        )
        sides.append(
            {
                "texts": texts,
                "count": len(texts),
                "cloud": analysis.cloud_rows(analysis.word_cloud(texts, lang, top=30), forms=True),
                "themes": [(t, coded.get(t.pk, 0)) for t in themes if coded.get(t.pk)],
            }
        )
    more_a, more_b = analysis.distinctive_terms(sides[0]["texts"], sides[1]["texts"], lang)
    return {
        "a": sides[0],
        "b": sides[1],
        "more_a": [{"term": t.term, "here": t.count_a, "there": t.count_b} for t in more_a],
        "more_b": [{"term": t.term, "here": t.count_b, "there": t.count_a} for t in more_b],
    }


# --- Duplicates and groups -----------------------------------------------------------------

ANALYSIS_LIMIT = 3000  # inputs at most in one near-duplicate or grouping run


def near_duplicate_groups(dialogue: Dialogue, threshold: float = 0.8) -> list[list[Input]]:
    inputs = list(
        Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True).order_by(
            "created_at", "id"
        )[:ANALYSIS_LIMIT]
    )
    lang = analysis.analysis_language(dialogue.language)
    groups = analysis.near_duplicates([i.text for i in inputs], lang, threshold)
    return [[inputs[index] for index in group] for group in groups if len(group) > 1]


def proposed_groups(dialogue: Dialogue) -> list[dict[str, Any]]:
    """Groups of similar uncoded inputs with a label, for themes made with one click."""
    inputs = list(
        Input.objects.filter(
            dialogue=dialogue, duplicate_of__isnull=True, codings__isnull=True
        ).order_by("created_at", "id")[:ANALYSIS_LIMIT]
    )
    if len(inputs) < 2:
        return []
    lang = analysis.analysis_language(dialogue.language)
    groups = analysis.propose_groups([i.text for i in inputs], lang)
    return [
        {
            "label": group.label,
            "terms": list(group.terms),
            "inputs": [inputs[index] for index in group.members],
        }
        for group in groups
        if group.members
    ]

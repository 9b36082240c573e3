"""Reads about surveys and stories, scoped to the user's organisations; filters by tags and
segments; the stories in a triad's region."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from samrad.core.ids import id_or_none
from samrad.signification import ternary
from samrad.signification.models import Signifier, SignifierAnswer, SignifierKind, Story, Survey


def surveys_for_user(*, user) -> QuerySet[Survey]:
    if not user.is_authenticated:
        return Survey.objects.none()
    return Survey.objects.filter(dialogue__organisation__memberships__user=user).select_related(
        "dialogue__organisation"
    )


def survey_for_user_or_404(*, user, pk: int) -> Survey:
    """Another organisation's survey answers 404, the same as one that does not exist."""
    return get_object_or_404(surveys_for_user(user=user), pk=pk)


def signifier_for_user_or_404(*, user, survey_pk: int, pk: int) -> Signifier:
    survey = survey_for_user_or_404(user=user, pk=survey_pk)
    return get_object_or_404(survey.signifiers, pk=pk)


def survey_by_code(code: str) -> Survey | None:
    return Survey.objects.select_related("dialogue").filter(code=code).first()


def survey_for_peek_or_404(token: str) -> Survey:
    """The survey whose sneak peek is on with this token; otherwise 404 (off = not there)."""
    survey = Survey.objects.select_related("dialogue").filter(peek_token=token).first()
    if survey is None or not survey.peek_enabled:
        raise Http404
    return survey


def story_of(*, survey: Survey, respondent) -> Story | None:
    if respondent is None:
        return None
    return survey.stories.filter(respondent=respondent).prefetch_related("answers").first()


@dataclass
class Filters:
    """Chosen options per tags/segment signifier (a story matches a signifier's filter when it
    chose any of them; all signifiers' filters must match) and optionally one triad region."""

    chosen: dict[int, set[int]] = field(default_factory=dict)
    region: tuple[int, str] | None = None

    @classmethod
    def from_query(cls, query, signifiers: list[Signifier]) -> Filters:
        chosen: dict[int, set[int]] = {}
        for signifier in signifiers:
            if not signifier.is_filter:
                continue
            picked = set()
            for raw in query.getlist(f"f{signifier.pk}"):
                index = id_or_none(raw)
                if index is not None and index < len(signifier.labels):
                    picked.add(index)
            if picked:
                chosen[signifier.pk] = picked
        region = None
        triads = {s.pk for s in signifiers if s.kind == SignifierKind.TRIAD}
        raw_region = query.get("region", "")
        if ":" in raw_region:
            pk, name = raw_region.split(":", 1)
            if id_or_none(pk) in triads and name in ternary.REGIONS:
                region = (int(pk), name)
        return cls(chosen=chosen, region=region)

    @property
    def active(self) -> bool:
        return bool(self.chosen or self.region)

    def query_string(self, *, region: tuple[int, str] | None = None) -> str:
        parts = [
            f"f{pk}={index}"
            for pk, picked in sorted(self.chosen.items())
            for index in sorted(picked)
        ]
        region = region or self.region
        if region:
            parts.append(f"region={region[0]}:{region[1]}")
        return "&".join(parts)


@dataclass
class StoryRow:
    story: Story
    answers: dict[int, SignifierAnswer]
    described: list[tuple[str, str]] = field(default_factory=list)

    def matches(self, filters: Filters, *, with_region: bool = True) -> bool:
        for pk, picked in filters.chosen.items():
            answer = self.answers.get(pk)
            if answer is None or answer.not_applicable or not picked & set(answer.choices):
                return False
        if with_region and filters.region:
            answer = self.answers.get(filters.region[0])
            if answer is None or answer.weights is None:
                return False
            if ternary.region_of(*answer.weights) != filters.region[1]:
                return False
        return True


def story_rows(survey: Survey) -> list[StoryRow]:
    """Every story of the survey with its answers by signifier id, oldest first."""
    stories = list(survey.stories.order_by("created_at", "id"))
    answers: dict[int, dict[int, SignifierAnswer]] = {story.pk: {} for story in stories}
    for answer in SignifierAnswer.objects.filter(story__survey=survey):
        answers[answer.story_id][answer.signifier_id] = answer
    return [StoryRow(story=story, answers=answers[story.pk]) for story in stories]


def filtered(rows: list[StoryRow], filters: Filters, *, with_region: bool = True) -> list[StoryRow]:
    return [row for row in rows if row.matches(filters, with_region=with_region)]

"""Reads of the portfolio mapping: the board (target images with their projects, the projects
not yet placed), its analysis, the placement history, and the citizens' poll to compare with.
Also the context that the mapping step formats give their templates (`formats.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from samrad.workshops.analysis import Analysis, InputCoverage, analyse, input_coverage
from samrad.workshops.models import (
    MAX_PLACEMENTS_PER_PROJECT,
    Placement,
    PlacementLog,
    Project,
    TargetArea,
    TargetImage,
    Workshop,
)


@dataclass
class AreaColumn:
    area: TargetArea
    placements: list[Placement] = field(default_factory=list)


@dataclass
class ImageColumn:
    number: int
    image: TargetImage
    loose: list[Placement] = field(default_factory=list)  # placed without a sub-area
    areas: list[AreaColumn] = field(default_factory=list)
    count: int = 0
    gap: bool = False
    over: bool = False
    share: float = 0.0


@dataclass
class Board:
    workshop: Workshop
    columns: list[ImageColumn]
    projects: list[Project]
    pool: list[Project]
    analysis: Analysis
    on_images: dict[int, list[int]]  # project pk → image pks it sits on

    @property
    def images(self) -> list[TargetImage]:
        return [column.image for column in self.columns]

    @property
    def project_rows(self) -> list[tuple[Project, list[tuple[TargetImage, bool]]]]:
        """Each project with every target image and whether it sits there (phones' buttons)."""
        return [
            (
                project,
                [(c.image, c.image.pk in self.on_images.get(project.pk, [])) for c in self.columns],
            )
            for project in self.projects
        ]


def images_of(workshop: Workshop) -> list[TargetImage]:
    if workshop.framework is None:
        return []
    return list(workshop.framework.images.prefetch_related("areas"))


def board(workshop: Workshop) -> Board:
    images = images_of(workshop)
    projects = list(workshop.projects.all())
    placements = list(
        workshop.placements.select_related("project", "image", "area").order_by(
            "project__position", "project_id"
        )
    )
    analysis = analyse(
        [image.name for image in images],
        [project.code for project in projects],
        [(p.project.code, p.image.name, p.area.name if p.area else None) for p in placements],
        areas={image.name: [area.name for area in image.areas.all()] for image in images},
        max_per_project=MAX_PLACEMENTS_PER_PROJECT,
        over_factor=workshop.over_factor,
    )
    columns = []
    for number, image in enumerate(images, start=1):
        column = ImageColumn(
            number=number,
            image=image,
            areas=[AreaColumn(area) for area in image.areas.all()],
            count=analysis.counts[image.name],
            gap=image.name in analysis.gaps,
            over=image.name in analysis.over_represented,
            share=analysis.share(image.name),
        )
        by_area = {a.area.pk: a for a in column.areas}
        for placement in placements:
            if placement.image_id != image.pk:
                continue
            if placement.area_id in by_area:
                by_area[placement.area_id].placements.append(placement)
            else:
                column.loose.append(placement)
        columns.append(column)
    on_images: dict[int, list[int]] = {}
    for placement in placements:
        on_images.setdefault(placement.project_id, []).append(placement.image_id)
    pool = [project for project in projects if project.pk not in on_images]
    return Board(workshop, columns, projects, pool, analysis, on_images)


def workshop_analysis(workshop: Workshop) -> Analysis:
    return board(workshop).analysis


def history(workshop: Workshop, limit: int = 50) -> list[PlacementLog]:
    return list(
        workshop.placement_log.select_related(
            "project", "image", "from_image", "actor", "participant"
        )[:limit]
    )


def citizens_weights(workshop: Workshop) -> dict[str, int] | None:
    """Answers per target image from the chosen live poll: a choice question whose choices are
    named like the target images (matched case-insensitively). None without a poll."""
    from samrad.live.selectors import question_results
    from samrad.workshops.frameworks import fold

    question = workshop.compare_question
    if question is None:
        return None
    names = {fold(image.name): image.name for image in images_of(workshop)}
    weights = dict.fromkeys(names.values(), 0)
    for row in question_results(question).get("rows", []):
        image_name = names.get(fold(row.get("label") or ""))
        if image_name is not None:
            weights[image_name] += row["count"]
    return weights


def poll_candidates(workshop: Workshop):
    """Choice questions of the dialogue's sessions with a choice named like a target image."""
    from samrad.live.models import Question, QuestionKind
    from samrad.workshops.frameworks import fold

    names = {fold(image.name) for image in images_of(workshop)}
    questions = Question.objects.filter(
        session__dialogue=workshop.dialogue, kind=QuestionKind.CHOICE
    ).prefetch_related("choices")
    return [q for q in questions if names & {fold(c.label) for c in q.choices.all()}]


def theme_images(workshop: Workshop) -> dict[int, TargetImage]:
    """Theme pk → the target image the coordinator mapped it to (themes on none are absent)."""
    return {
        m.theme_id: m.image
        for m in workshop.theme_mappings.select_related("image").filter(
            image__framework_id=workshop.framework_id
        )
    }


def inputs_coverage(workshop: Workshop) -> InputCoverage | None:
    """The citizens' coded inputs per target image through the mapped themes, with how many
    the mapping covers and leaves out; None when the dialogue has no coded input."""
    from samrad.insights.models import Coding

    codings = list(
        Coding.objects.filter(
            input__dialogue=workshop.dialogue, input__duplicate_of__isnull=True
        ).values_list("input_id", "theme_id")
    )
    if not codings:
        return None
    names: dict[object, str] = {pk: image.name for pk, image in theme_images(workshop).items()}
    return input_coverage([image.name for image in images_of(workshop)], codings, names)


def theme_rows(workshop: Workshop) -> list[dict]:
    """The dialogue's codebook (sub-themes after their theme) with coded inputs per theme and
    the target image each is mapped to (None: none), for the mapping page."""
    from samrad.insights.selectors import theme_counts

    mapped = theme_images(workshop)
    return [
        {"theme": row["theme"], "count": row["count"], "image": mapped.get(row["theme"].pk)}
        for row in theme_counts(workshop.dialogue)
    ]

"""The portfolio analysis: how projects spread over the target images. Pure Python, no Django,
shared by the analysis step, the report and `samrad portfolio analyse`.

- counts: placements per target image (a project on two images counts once on each);
- gaps: target images without any project;
- over_represented: images holding more than `over_factor` × an even share of all placements
  (even share = placements / number of images), e.g. with 1.5 and 12 placements on three
  images, more than 6;
- multi_mapped: projects on more than one image; unmapped: projects on none;
- per sub-area (optional) the same counts and the empty sub-areas;
- `input_coverage`: the citizens' coded inputs per target image through the themes the
  coordinator mapped, with how many coded inputs the mapping covers and how many it leaves
  out (an input coded with themes on two images counts once on each, and once as covered).

A project on more images than `max_per_project` or a placement on an image the framework does
not have raises `MappingError` naming the project's code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


class MappingError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class OverLimit(MappingError):
    pass


class UnknownImage(MappingError):
    pass


@dataclass(frozen=True)
class Analysis:
    images: list[str]
    counts: dict[str, int]
    gaps: list[str]
    over_represented: list[str]
    multi_mapped: list[str]
    unmapped: list[str]
    total: int
    even_share: float
    threshold: float
    area_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    area_gaps: list[tuple[str, str]] = field(default_factory=list)
    projects_by_image: dict[str, list[str]] = field(default_factory=dict)

    def summary(self) -> dict:
        """The five keys of `samrad portfolio analyse --json`."""
        return {
            "counts": dict(self.counts),
            "gaps": list(self.gaps),
            "over_represented": list(self.over_represented),
            "multi_mapped": list(self.multi_mapped),
            "unmapped": list(self.unmapped),
        }

    def share(self, image: str) -> float:
        """The image's share of all placements (0–1)."""
        return self.counts[image] / self.total if self.total else 0.0


def analyse(
    images: Sequence[str],
    projects: Sequence[str],
    placements: Iterable[tuple],
    *,
    areas: dict[str, Sequence[str]] | None = None,
    max_per_project: int = 2,
    over_factor: float = 1.5,
) -> Analysis:
    """`placements` are (project code, image name) or (code, image, sub-area or None);
    a repeated (code, image) counts once."""
    areas = areas or {}
    counts = {image: 0 for image in images}
    area_counts = {image: {area: 0 for area in areas.get(image, [])} for image in images}
    by_project: dict[str, list[str]] = {code: [] for code in projects}
    projects_by_image: dict[str, list[str]] = {image: [] for image in images}
    for placement in placements:
        code, image = placement[0], placement[1]
        area = placement[2] if len(placement) > 2 else None
        if image not in counts:
            raise UnknownImage(code, f"{code}: unknown target image {image!r}")
        on = by_project.setdefault(code, [])
        if image in on:
            continue
        on.append(image)
        if len(on) > max_per_project:
            raise OverLimit(
                code, f"{code}: on {len(on)} target images, at most {max_per_project} allowed"
            )
        counts[image] += 1
        projects_by_image[image].append(code)
        if area and area in area_counts[image]:
            area_counts[image][area] += 1
    total = sum(counts.values())
    even_share = total / len(images) if images else 0.0
    threshold = over_factor * even_share
    return Analysis(
        images=list(images),
        counts=counts,
        gaps=[image for image in images if counts[image] == 0],
        over_represented=[image for image in images if total and counts[image] > threshold],
        multi_mapped=[code for code, on in by_project.items() if len(on) > 1],
        unmapped=[code for code, on in by_project.items() if not on],
        total=total,
        even_share=even_share,
        threshold=threshold,
        area_counts=area_counts,
        area_gaps=[
            (image, area) for image in images for area, n in area_counts[image].items() if n == 0
        ],
        projects_by_image=projects_by_image,
    )


@dataclass(frozen=True)
class InputCoverage:
    images: list[str]
    counts: dict[str, int]  # coded inputs reaching each image through a mapped theme
    coded: int  # coded inputs in all
    covered: int  # of which at least one theme is mapped to a target image
    left_out: int  # of which no theme is mapped

    def share(self, image: str) -> int:
        """Whole per cent of all coded inputs (never shown without `counts[image]` of `coded`)."""
        return round(100 * self.counts.get(image, 0) / self.coded) if self.coded else 0


def input_coverage(
    images: Sequence[str],
    codings: Iterable[tuple[object, object]],
    image_of_theme: dict[object, str],
) -> InputCoverage:
    """`codings`: (input, theme) pairs of the coded inputs; `image_of_theme`: theme → the
    target image it is mapped to (themes mapped to none are absent)."""
    themes_of: dict[object, set[object]] = {}
    for input_id, theme_id in codings:
        themes_of.setdefault(input_id, set()).add(theme_id)
    counts = dict.fromkeys(images, 0)
    covered = 0
    for themes in themes_of.values():
        reached = {image_of_theme[t] for t in themes if image_of_theme.get(t) in counts}
        for image in reached:
            counts[image] += 1
        covered += bool(reached)
    coded = len(themes_of)
    return InputCoverage(list(images), counts, coded, covered, coded - covered)

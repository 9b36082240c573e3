"""Writes of the portfolio mapping: target-image frameworks, the workshop's projects (typed or
imported, all-or-nothing) and placements of projects on target images, with their log and undo.

A project sits on at most `workshop.max_per_project` images. The limit holds under concurrent
screens because each placement takes a numbered slot (1 … limit) that is unique per project
(DB constraint `one_placement_per_slot`), and the project's row is locked while its
placements are counted. Every write tells the workshop's screens after commit
(`events.step_changed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.core import audit, editing
from samrad.workshops import events
from samrad.workshops.frameworks import BUILT_IN, LANGUAGES, SMART_FRAMEWORK, text_in
from samrad.workshops.mapping import selectors as mapping_selectors
from samrad.workshops.models import (
    MAX_PLACEMENTS_PER_PROJECT,
    Placement,
    PlacementAction,
    PlacementLog,
    Project,
    TargetArea,
    TargetFramework,
    TargetImage,
    ThemeMapping,
    Workshop,
)


class PlacementRefused(Exception):
    """A placement that would break a rule; `message` says why, in the user's language."""

    def __init__(self, reason: str, message: str, *, project=None, current=()):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.project = project
        self.current = list(current)  # the images the project sits on now (for "replace")


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# --- Frameworks ----------------------------------------------------------------------------


@transaction.atomic
def framework_create_from(
    *, organisation, data: dict = SMART_FRAMEWORK, language: str = "sv"
) -> TargetFramework:
    """A framework of the organisation copied from built-in data, in `language`."""
    language = language if language in LANGUAGES else "sv"
    framework = TargetFramework.objects.create(
        organisation=organisation,
        name=text_in(data["name"], language),
        language=language,
        source=data.get("key", ""),
    )
    for position, image in enumerate(data["images"]):
        created = TargetImage.objects.create(
            framework=framework,
            position=position,
            key=image.get("key", ""),
            name=text_in(image["name"], language),
            description=text_in(image.get("description", {}), language),
        )
        for area_position, area in enumerate(image.get("areas", [])):
            TargetArea.objects.create(image=created, position=area_position, name=area)
    return framework


def framework_default_for(*, organisation, language: str) -> TargetFramework:
    """The organisation's Smarta Samhällen framework in `language`, created on first use."""
    found = (
        organisation.target_frameworks.filter(source=SMART_FRAMEWORK["key"], language=language)
        .order_by("pk")
        .first()
    )
    return found or framework_create_from(
        organisation=organisation, data=BUILT_IN["default"], language=language
    )


@transaction.atomic
def framework_update(
    *, framework: TargetFramework, actor, name: str, images: list[dict]
) -> TargetFramework:
    """Rename the framework and its images, change descriptions and sub-areas, add images.

    `images` is a list of {"pk": id or None, "name", "description", "areas": [names]}; an
    existing image missing from the list stays (images holding projects cannot vanish).
    """
    framework.name = name[:200]
    framework.save(update_fields=["name", "updated_at"])
    last = framework.images.aggregate(last=Max("position"))["last"] or 0
    for entry in images:
        if not entry.get("name"):
            continue
        if entry.get("pk"):
            image = framework.images.get(pk=entry["pk"])
            image.name = entry["name"][:120]
            image.description = entry.get("description", "")
            image.save(update_fields=["name", "description"])
        else:
            last += 1
            image = TargetImage.objects.create(
                framework=framework,
                position=last,
                name=entry["name"][:120],
                description=entry.get("description", ""),
            )
        wanted = [a.strip()[:120] for a in entry.get("areas", []) if a.strip()]
        existing = {area.name: area for area in image.areas.all()}
        for area_name, area in existing.items():
            if area_name not in wanted:
                area.delete()  # its placements keep their image, lose only the sub-area
        for position, area_name in enumerate(wanted):
            if area_name in existing:
                TargetArea.objects.filter(pk=existing[area_name].pk).update(position=position)
            else:
                TargetArea.objects.create(image=image, position=position, name=area_name)
    audit.record(
        actor, "workshops.framework_update", framework, organisation=framework.organisation
    )
    for workshop in framework.workshops.all():
        events.step_changed(workshop)
    return framework


@transaction.atomic
def framework_copy(*, framework: TargetFramework, actor, name: str) -> TargetFramework:
    """A new framework of the same organisation with the same images and sub-areas, to edit
    without changing the workshops that use the original."""
    copy = TargetFramework.objects.create(
        organisation=framework.organisation, name=name[:200], language=framework.language
    )
    for image in framework.images.prefetch_related("areas"):
        new_image = TargetImage.objects.create(
            framework=copy,
            position=image.position,
            key=image.key,
            name=image.name,
            description=image.description,
        )
        for area in image.areas.all():
            TargetArea.objects.create(image=new_image, position=area.position, name=area.name)
    audit.record(actor, "workshops.framework_copy", copy, organisation=framework.organisation)
    return copy


@transaction.atomic
def workshop_settings_update(
    *, workshop: Workshop, actor, framework: TargetFramework, max_per_project: int, over_factor
) -> Workshop:
    """Change the framework, the limit per project and the over-representation factor."""
    if framework.organisation_id != workshop.dialogue.organisation_id:
        raise ValueError("framework of another organisation")
    if framework.pk != workshop.framework_id and workshop.placements.exists():
        raise PlacementRefused(
            "framework_in_use",
            _("Projects are already placed: remove them before choosing other target images."),
        )
    most = max(
        (p.placements.count() for p in workshop.projects.prefetch_related("placements")),
        default=0,
    )
    if max_per_project < most:
        raise PlacementRefused(
            "limit_below_placed",
            ngettext(
                "A project already sits on %(n)d target image; the limit cannot be lower.",
                "A project already sits on %(n)d target images; the limit cannot be lower.",
                most,
            )
            % {"n": most},
        )
    workshop.framework = framework
    workshop.max_per_project = max(1, min(max_per_project, MAX_PLACEMENTS_PER_PROJECT))
    workshop.over_factor = float(over_factor)
    workshop.save(update_fields=["framework", "max_per_project", "over_factor", "updated_at"])
    audit.record(
        actor,
        "workshops.settings_update",
        workshop,
        organisation=workshop.dialogue.organisation,
        summary=f"max {workshop.max_per_project}, factor {workshop.over_factor}",
    )
    events.step_changed(workshop)
    return workshop


# --- Projects ------------------------------------------------------------------------------


def next_codes(workshop: Workshop, count: int, taken: set[str] | None = None) -> list[str]:
    """Free codes P01, P02 … (P100 after P99) that no project of the workshop has."""
    taken = set(taken or ()) | set(workshop.projects.values_list("code", flat=True))
    codes: list[str] = []
    number = 1
    while len(codes) < count:
        code = f"P{number:02d}"
        if code not in taken:
            codes.append(code)
            taken.add(code)
        number += 1
    return codes


def _create_projects(workshop: Workshop, rows: list[dict]) -> list[Project]:
    last = workshop.projects.aggregate(last=Max("position"))["last"]
    position = -1 if last is None else last
    given = {row["code"] for row in rows if row.get("code")}
    free = iter(next_codes(workshop, sum(1 for row in rows if not row.get("code")), given))
    created = []
    for row in rows:
        position += 1
        created.append(
            Project.objects.create(
                workshop=workshop,
                position=position,
                code=(row.get("code") or next(free))[:12],
                name=row["name"][:200],
                department=(row.get("department") or "")[:200],
                year=row.get("year"),
                description=row.get("description") or "",
                contact=(row.get("contact") or "")[:200],
                status=(row.get("status") or "")[:100],
            )
        )
    return created


@transaction.atomic
def project_add(*, workshop: Workshop, actor, **fields) -> Project:
    code = (fields.get("code") or "").strip()
    if code and workshop.projects.filter(code__iexact=code).exists():
        raise ImportRefused([_("The code %(code)s is already taken.") % {"code": code}])
    fields["code"] = code
    (project,) = _create_projects(workshop, [fields])
    audit.record(
        actor,
        "workshops.project_add",
        project,
        organisation=workshop.dialogue.organisation,
        summary=project.code,
    )
    events.step_changed(workshop)
    return project


@transaction.atomic
def project_update(*, project: Project, values: dict, version: str, actor) -> list[dict]:
    """Code, name, department, year, description, contact, status; edited in place
    (core/editing.py). A code another project of the workshop has is refused."""
    workshop = project.workshop
    code = (values.get("code") or project.code).strip()
    if workshop.projects.filter(code__iexact=code).exclude(pk=project.pk).exists():
        raise ValueError(_("The code %(code)s is already taken.") % {"code": code})
    changes = editing.apply(
        obj=project,
        values={**values, "code": code},
        version=version,
        actor=actor,
        action="workshops.project_update",
        organisation=workshop.dialogue.organisation,
    )
    if changes:
        events.step_changed(workshop)
    return changes


@transaction.atomic
def project_delete(*, project: Project, actor) -> None:
    workshop = project.workshop
    audit.record(
        actor,
        "workshops.project_delete",
        project,
        organisation=workshop.dialogue.organisation,
        summary=project.code,
    )
    project.delete()
    events.step_changed(workshop)


@transaction.atomic
def projects_import(*, workshop: Workshop, actor, rows: list[dict]) -> list[Project]:
    """Add every row or none: a code already used in the workshop refuses the whole file."""
    existing = {c.casefold() for c in workshop.projects.values_list("code", flat=True)}
    errors = [
        _("Row %(row)d: the code %(code)s is already taken.")
        % {"row": row.get("line", i + 2), "code": row["code"]}
        for i, row in enumerate(rows)
        if row.get("code") and row["code"].casefold() in existing
    ]
    if errors:
        raise ImportRefused(errors)
    created = _create_projects(workshop, rows)
    audit.record(
        actor,
        "workshops.projects_import",
        workshop,
        organisation=workshop.dialogue.organisation,
        summary=f"{len(created)} projects",
    )
    events.step_changed(workshop)
    return created


# --- Placements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    user: object = None
    participant: object = None

    def fields(self, *, log: bool = False) -> dict:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        if log:
            return {"actor": user, "participant": self.participant}
        return {"placed_by": user, "placed_by_participant": self.participant}


def _locked_project(project: Project) -> Project:
    return Project.objects.select_for_update().select_related("workshop").get(pk=project.pk)


def _check_image(workshop: Workshop, image: TargetImage, area: TargetArea | None) -> None:
    if image.framework_id != workshop.framework_id:
        raise ValueError("target image of another framework")
    if area is not None and area.image_id != image.pk:
        raise ValueError("sub-area of another target image")


def limit_message(project: Project, current: list[TargetImage], limit: int) -> str:
    names = ", ".join(image.name for image in current)
    return ngettext(
        "%(code)s already sits on %(names)s. A project may sit on at most %(n)d target image: "
        "choose which placement to replace, or leave it as it is.",
        "%(code)s already sits on %(names)s. A project may sit on at most %(n)d target images: "
        "choose which placement to replace, or leave it as it is.",
        limit,
    ) % {"code": project.code, "names": names, "n": limit}


@transaction.atomic
def placement_place(
    *,
    project: Project,
    image: TargetImage,
    area: TargetArea | None = None,
    actor=None,
    participant=None,
) -> Placement:
    """Put a project on a target image (or change its sub-area there). A project already on
    `max_per_project` images is refused with a message naming them (nothing changes)."""
    project = _locked_project(project)
    workshop = project.workshop
    _check_image(workshop, image, area)
    actor = Actor(actor, participant)
    placements = list(project.placements.select_related("image"))
    for placement in placements:
        if placement.image_id == image.pk:
            if placement.area_id != (area.pk if area else None):
                _move(placement, image=image, area=area, actor=actor)
            return placement
    if len(placements) >= workshop.max_per_project:
        current = [p.image for p in placements]
        raise PlacementRefused(
            "limit",
            limit_message(project, current, workshop.max_per_project),
            project=project,
            current=current,
        )
    used = {p.slot for p in placements}
    slot = next(n for n in range(1, workshop.max_per_project + 1) if n not in used)
    try:
        with transaction.atomic():
            placement = Placement.objects.create(
                workshop=workshop,
                project=project,
                image=image,
                area=area,
                slot=slot,
                **actor.fields(),
            )
    except IntegrityError:  # another screen took the slot or the image at the same moment
        raise PlacementRefused(
            "conflict",
            _("Someone placed %(code)s at the same moment. Look at the board and try again.")
            % {"code": project.code},
            project=project,
        ) from None
    PlacementLog.objects.create(
        workshop=workshop,
        project=project,
        action=PlacementAction.PLACE,
        image=image,
        area=area,
        **actor.fields(log=True),
    )
    events.step_changed(workshop)
    return placement


@transaction.atomic
def placement_remove(*, project: Project, image: TargetImage, actor=None, participant=None) -> bool:
    project = _locked_project(project)
    placement = project.placements.filter(image=image).first()
    if placement is None:
        return False
    PlacementLog.objects.create(
        workshop=project.workshop,
        project=project,
        action=PlacementAction.REMOVE,
        image=image,
        area=placement.area,
        **Actor(actor, participant).fields(log=True),
    )
    placement.delete()
    events.step_changed(project.workshop)
    return True


@transaction.atomic
def placement_move(
    *,
    project: Project,
    from_image: TargetImage,
    to_image: TargetImage,
    area: TargetArea | None = None,
    actor=None,
    participant=None,
) -> Placement:
    """Move a placement to another image (dragging a card, or 'replace' after a refusal)."""
    project = _locked_project(project)
    workshop = project.workshop
    _check_image(workshop, to_image, area)
    placement = project.placements.filter(image=from_image).first()
    if placement is None:
        return placement_place(
            project=project, image=to_image, area=area, actor=actor, participant=participant
        )
    if from_image.pk == to_image.pk:
        return placement_place(
            project=project, image=to_image, area=area, actor=actor, participant=participant
        )
    if project.placements.filter(image=to_image).exists():
        # Already there too: the move just takes the card off `from_image`.
        placement_remove(project=project, image=from_image, actor=actor, participant=participant)
        return project.placements.get(image=to_image)
    _move(placement, image=to_image, area=area, actor=Actor(actor, participant))
    return placement


def _move(
    placement: Placement, *, image: TargetImage, area: TargetArea | None, actor: Actor
) -> None:
    """Put a placement on `image` / `area`, log the move (undo reads it) and tell the screens."""
    workshop = placement.project.workshop
    from_image, from_area = placement.image, placement.area
    placement.image = image
    placement.area = area
    placement.save(update_fields=["image", "area"])
    PlacementLog.objects.create(
        workshop=workshop,
        project=placement.project,
        action=PlacementAction.MOVE,
        image=image,
        area=area,
        from_image=from_image,
        from_area=from_area,
        **actor.fields(log=True),
    )
    events.step_changed(workshop)


@transaction.atomic
def placement_undo(*, workshop: Workshop, actor) -> PlacementLog | None:
    """Take back the most recent placement, removal or move not yet undone (facilitator)."""
    entry = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins below.
        PlacementLog.objects.select_for_update(of=("self",))
        .filter(workshop=workshop, undone_at__isnull=True)
        .select_related("project", "image", "from_image", "area", "from_area")
        .first()
    )
    if entry is None:
        return None
    project = _locked_project(entry.project)
    if entry.action == PlacementAction.PLACE:
        project.placements.filter(image=entry.image).delete()
    elif entry.action == PlacementAction.REMOVE:
        if not project.placements.filter(image=entry.image).exists():
            used = set(project.placements.values_list("slot", flat=True))
            free = [n for n in range(1, workshop.max_per_project + 1) if n not in used]
            if not free:
                raise PlacementRefused(
                    "limit",
                    limit_message(
                        project,
                        [p.image for p in project.placements.select_related("image")],
                        workshop.max_per_project,
                    ),
                    project=project,
                )
            Placement.objects.create(
                workshop=workshop,
                project=project,
                image=entry.image,
                area=entry.area,
                slot=free[0],
                placed_by=entry.actor,
                placed_by_participant=entry.participant,
            )
    elif entry.action == PlacementAction.MOVE:
        placement = project.placements.filter(image=entry.image).first()
        if placement is not None:
            if (
                entry.from_image_id != entry.image_id
                and project.placements.filter(image=entry.from_image).exists()
            ):
                placement.delete()
            else:
                placement.image = cast(TargetImage, entry.from_image)  # a move logs its origin
                placement.area = entry.from_area
                placement.save(update_fields=["image", "area"])
    entry.undone_at = timezone.now()
    entry.save(update_fields=["undone_at"])
    audit.record(
        actor,
        "workshops.placement_undo",
        workshop,
        organisation=workshop.dialogue.organisation,
        summary=f"{entry.action} {project.code} {entry.image.name}",
    )
    events.step_changed(workshop)
    return entry


@transaction.atomic
def theme_map_set(*, workshop: Workshop, images: dict, actor) -> list[dict]:
    """Map themes of the dialogue's codebook to target images of the workshop (`images`:
    theme → image, or None for no image); themes not in `images` keep their mapping. Each
    change is audited as theme: old image → new image. Another dialogue's theme or a target
    image the workshop does not show is refused whole."""
    own_images = {image.pk: image for image in mapping_selectors.images_of(workshop)}
    for theme, image in images.items():
        if theme.dialogue_id != workshop.dialogue_id:
            raise ValueError("a theme of another dialogue")
        if image is not None and image.pk not in own_images:
            raise ValueError("a target image the workshop does not show")
    current = mapping_selectors.theme_images(workshop)
    changes = []
    for theme, image in images.items():
        before = current.get(theme.pk)
        if (before and before.pk) == (image and image.pk):
            continue
        if image is None:
            workshop.theme_mappings.filter(theme=theme).delete()
        else:
            ThemeMapping.objects.update_or_create(
                workshop=workshop, theme=theme, defaults={"image": image}
            )
        changes.append(
            {
                "field": theme.name,
                "old": before.name if before else "",
                "new": image.name if image else "",
            }
        )
    if changes:
        audit.record(
            actor,
            "workshops.theme_map_set",
            workshop,
            organisation=workshop.dialogue.organisation,
            summary=editing.change_summary(changes),
            changes=changes,
        )
        events.step_changed(workshop)
    return changes


@transaction.atomic
def compare_question_set(*, workshop: Workshop, question, actor) -> Workshop:
    """Choose the live poll whose answers are the citizens' weights (question f)."""
    if question is not None and question.session.dialogue_id != workshop.dialogue_id:
        raise ValueError("question of another dialogue")
    workshop.compare_question = question
    workshop.save(update_fields=["compare_question", "updated_at"])
    audit.record(
        actor,
        "workshops.compare_question_set",
        workshop,
        organisation=workshop.dialogue.organisation,
        summary=question.prompt[:200] if question else "",
    )
    events.step_changed(workshop)
    return workshop

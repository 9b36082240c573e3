"""A dialogue's workshops as a reusable method: `export(dialogue)` gives the workshops with
their steps, speaker notes and settings and the target-image frameworks they use, as plain
JSON-able data; `import_(dialogue, data, actor)` rebuilds them in another dialogue (another
municipality). The portfolio, placements and notes are the dialogue's data, not its method,
and are not exported."""

from __future__ import annotations

from django.db import transaction

from samrad.workshops import services
from samrad.workshops.mapping import services as mapping_services
from samrad.workshops.models import TargetFramework

FORMAT = "samrad.workshops/1"


def _framework_data(framework: TargetFramework) -> dict:
    return {
        "id": framework.pk,
        "name": framework.name,
        "language": framework.language,
        "images": [
            {
                "name": image.name,
                "description": image.description,
                "key": image.key,
                "areas": [area.name for area in image.areas.all()],
            }
            for image in framework.images.prefetch_related("areas")
        ],
    }


def export(dialogue) -> dict:
    workshops = list(dialogue.workshops.select_related("framework").order_by("created_at", "id"))
    frameworks = {w.framework_id: w.framework for w in workshops if w.framework_id}
    return {
        "format": FORMAT,
        "frameworks": [_framework_data(f) for f in frameworks.values()],
        "workshops": [
            {
                "title": w.title,
                "template": w.template,
                "language": w.language,
                "framework": w.framework_id,
                "max_per_project": w.max_per_project,
                "over_factor": w.over_factor,
                "steps": [
                    {
                        "format": s.format,
                        "title": s.title,
                        "body": s.body,
                        "script": s.script,
                        "options": {k: v for k, v in s.options.items() if k != "current"},
                    }
                    for s in w.steps.order_by("position", "id")
                ],
            }
            for w in workshops
        ],
    }


def _check_text(value, where: str, *, required: bool = False, limit: int = 200) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise ValueError(f"{where} must be a text of at most {limit} characters")


def _check_list(value, where: str, *, limit: int = 100) -> list:
    if not isinstance(value, list) or len(value) > limit:
        raise ValueError(f"{where} must be a list of at most {limit} items")
    if not all(isinstance(item, dict) for item in value):
        raise ValueError(f"every item of {where} must be an object")
    return value


def check(data) -> None:
    """Every field `import_` reads has the right type; ValueError naming the field otherwise."""
    if not isinstance(data, dict):
        raise ValueError("workshops must be an object")
    for f, entry in enumerate(_check_list(data.get("frameworks", []), "frameworks"), 1):
        where = f"frameworks[{f}]"
        _check_text(entry.get("name"), f"{where}.name", required=True)
        _check_text(entry.get("language"), f"{where}.language", limit=8)
        for i, image in enumerate(_check_list(entry.get("images", []), f"{where}.images"), 1):
            _check_text(image.get("name"), f"{where}.images[{i}].name", required=True)
            _check_text(image.get("key"), f"{where}.images[{i}].key", limit=40)
            _check_text(image.get("description"), f"{where}.images[{i}].description", limit=5000)
            areas = image.get("areas", [])
            if not isinstance(areas, list) or len(areas) > 20:
                raise ValueError(f"{where}.images[{i}].areas must be a list of names")
            for area in areas:
                _check_text(area, f"{where}.images[{i}].areas", required=True)
    for w, workshop in enumerate(_check_list(data.get("workshops", []), "workshops"), 1):
        where = f"workshops[{w}]"
        _check_text(workshop.get("title"), f"{where}.title")
        _check_text(workshop.get("language"), f"{where}.language", limit=8)
        _check_text(workshop.get("template"), f"{where}.template", limit=40)
        for name in ("max_per_project", "over_factor"):
            value = workshop.get(name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > 1e6
            ):
                raise ValueError(f"{where}.{name} must be a number")
        _check_list(workshop.get("steps", []), f"{where}.steps", limit=50)


@transaction.atomic
def import_(dialogue, data: dict, actor) -> list:
    """Create the exported frameworks (as new ones of this organisation) and workshops."""
    check(data)
    frameworks = {}
    for entry in data.get("frameworks", []):
        built = {
            "key": "",
            "name": {entry.get("language", "sv"): entry.get("name", "")},
            "images": [
                {
                    "key": image.get("key", ""),
                    "name": {entry.get("language", "sv"): image.get("name", "")},
                    "description": {entry.get("language", "sv"): image.get("description", "")},
                    "areas": list(image.get("areas", [])),
                }
                for image in entry.get("images", [])
            ],
        }
        frameworks[entry.get("id")] = mapping_services.framework_create_from(
            organisation=dialogue.organisation,
            data=built,
            language=entry.get("language", dialogue.language),
        )
    return [
        services.workshop_from_method(
            dialogue=dialogue,
            actor=actor,
            data=workshop,
            framework=frameworks.get(workshop.get("framework")),
        )
        for workshop in data.get("workshops", [])
    ]

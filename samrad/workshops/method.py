"""A dialogue's workshops as a reusable method: `export(dialogue)` gives the workshops with
their steps, speaker notes and settings and the target-image frameworks they use, as plain
JSON-able data; `import_(dialogue, data, user)` rebuilds them in another dialogue (another
municipality). The portfolio, placements and notes are the dialogue's data, not its method,
and are not exported."""

from __future__ import annotations

from django.db import transaction

from samrad.workshops import services, services_mapping
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
                        "kind": s.kind,
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


@transaction.atomic
def import_(dialogue, data: dict, user) -> list:
    """Create the exported frameworks (as new ones of this organisation) and workshops."""
    if not isinstance(data, dict) or not isinstance(data.get("workshops", []), list):
        raise ValueError("not a workshop method")
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
        frameworks[entry.get("id")] = services_mapping.framework_create_from(
            organisation=dialogue.organisation,
            data=built,
            language=entry.get("language", dialogue.language),
        )
    return [
        services.workshop_from_method(
            dialogue=dialogue,
            user=user,
            data=workshop,
            framework=frameworks.get(workshop.get("framework")),
        )
        for workshop in data.get("workshops", [])
    ]

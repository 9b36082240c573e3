"""What the workshop engine stores about a phone, for the registry of personal data
(core/personal_data.py): which projects it placed on which target image (the placement
and its log name the phone)."""

from samrad.core import personal_data
from samrad.workshops.models import Placement, PlacementLog


def _placements_export(participant) -> list[dict]:
    placed = Placement.objects.filter(placed_by_participant=participant).values_list(
        "project__name", "image__name", "created_at"
    )
    logged = PlacementLog.objects.filter(participant=participant).values_list(
        "project__name", "image__name", "action", "at"
    )
    return [
        {"project": project, "image": image, "action": "placed", "at": at.isoformat()}
        for project, image, at in placed
    ] + [
        {"project": project, "image": image, "action": action, "at": at.isoformat()}
        for project, image, action, at in logged
    ]


def _placements_erase(participant) -> int:
    """The placements stay (they are the room's map, not the phone's), without the phone."""
    return Placement.objects.filter(placed_by_participant=participant).update(
        placed_by_participant=None
    ) + PlacementLog.objects.filter(participant=participant).update(participant=None)


def register_all() -> None:
    personal_data.register(
        "workshops.placements",
        models=("workshops.Placement", "workshops.PlacementLog"),
        export=_placements_export,
        erase=_placements_erase,
        kept="the placements themselves (projects on target images), no longer tied to the phone",
    )

"""Facilitator API for dialogues: list, read, create. Personal bearer tokens (see docs/api.md)."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from samrad.accounts.api_auth import NO_NUL, SOME_TEXT, FacilitatorToken, require_facilitator
from samrad.accounts.selectors import current_organisation, organisations_for_user
from samrad.api.responses import VIEWER, answers
from samrad.api.schemas import DialogueOut, Id, Whole
from samrad.dialogues import services
from samrad.dialogues.models import Dialogue
from samrad.dialogues.selectors import dialogue_for_user_or_404, dialogues_for_user

router = Router(tags=["dialogues"], auth=FacilitatorToken())

# Another organisation's dialogue answers the same: the API does not say which exists.
NO_DIALOGUE = "No dialogue with that id in the token's user's organisations."
LANGUAGE_PATTERN = "^(" + "|".join(code for code, _name in settings.LANGUAGES) + ")$"


class DialogueIn(Schema):
    title: str = Field(min_length=1, max_length=200, pattern=SOME_TEXT)
    description: str = Field("", max_length=10000, pattern=NO_NUL)
    language: str = Field("sv", pattern=LANGUAGE_PATTERN)
    organisation_id: Whole | None = None


def dialogue_payload(dialogue: Dialogue) -> dict:
    return {
        "id": dialogue.pk,
        "title": dialogue.title,
        "description": dialogue.description,
        "language": dialogue.language,
        "organisation": {"id": dialogue.organisation_id, "name": dialogue.organisation.name},
        "phases": [phase.name for phase in dialogue.phases.all()],
        "created_at": dialogue.created_at,
    }


@router.get("/dialogues", **answers({200: list[DialogueOut]}, reads_input=False))
def dialogue_list(request):
    dialogues = dialogues_for_user(user=request.auth).prefetch_related("phases")
    return [dialogue_payload(d) for d in dialogues]


@router.post(
    "/dialogues",
    **answers(
        {201: DialogueOut},
        {
            403: VIEWER,
            404: "The token's user is a member of no organisation, or not of `organisation_id`'s.",
        },
    ),
)
def dialogue_create(request, payload: DialogueIn):
    user = request.auth
    if payload.organisation_id is None:
        organisation = current_organisation(user=user)
        if organisation is None:
            return Status(404, {"detail": "You are not a member of any organisation."})
    else:
        organisation = get_object_or_404(
            organisations_for_user(user=user), pk=payload.organisation_id
        )
    require_facilitator(user, organisation)
    dialogue = services.dialogue_create(
        organisation=organisation,
        title=payload.title.strip(),
        description=payload.description,
        language=payload.language,
        actor=user,
    )
    return Status(201, dialogue_payload(dialogue))


@router.get("/dialogues/{dialogue_id}", **answers({200: DialogueOut}, {404: NO_DIALOGUE}))
def dialogue_detail(request, dialogue_id: Id):
    return dialogue_payload(dialogue_for_user_or_404(user=request.auth, pk=dialogue_id))

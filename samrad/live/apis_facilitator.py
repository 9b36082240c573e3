"""Facilitator API for live sessions: build, run, read results, export. Bearer tokens.

Every lookup goes through the selectors that scope to the user's organisations (another
organisation's id answers 404); writes also need an owner's or facilitator's role (403).
Endpoints call the same services as the control page, so a script and a person run a session
the same way.
"""

import inspect
import typing
from typing import TYPE_CHECKING, Any, Literal, cast

from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DataError, IntegrityError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import TypeAdapter, create_model
from pydantic.errors import PydanticSchemaGenerationError

from samrad.accounts.api_auth import NO_NUL, SOME_TEXT, FacilitatorToken, require_facilitator
from samrad.api.responses import INVALID, VIEWER, answers
from samrad.api.schemas import (
    DialogueResultsOut,
    Id,
    Number,
    QuestionOut,
    SessionOut,
    SessionResultsOut,
    Whole,
)
from samrad.dialogues.selectors import dialogue_for_user_or_404
from samrad.live import events, exports, selectors, services
from samrad.live.kinds import REGISTRY
from samrad.live.models import Choice, LiveSession, Question, QuestionKind
from samrad.live.views import CONTROL_ACTIONS, join_url
from samrad.live.views_exports import export_download

router = Router(tags=["sessions"], auth=FacilitatorToken())

# Kinds whose options are the answer: they need at least two (or one and "Other").
OPTION_KINDS = {QuestionKind.CHOICE, QuestionKind.RANKING, QuestionKind.POINTS, QuestionKind.QUIZ}
# A file, as an attachment (Content-Disposition); a conference table has no JSON form.
EXPORT_TYPES: dict[str, dict] = {"text/csv": {}, exports.XLSX_TYPE: {}, "application/json": {}}
TABLE_TYPES: dict[str, dict] = {"text/csv": {}, exports.XLSX_TYPE: {}}
# Another organisation's object answers the same: the API does not say which exists.
NO_DIALOGUE = "No dialogue with that id in the token's user's organisations."
NO_SESSION = "No session with that id in the token's user's organisations."


class SessionIn(Schema):
    title: str = Field(min_length=1, max_length=200, pattern=SOME_TEXT)


def _limits(name: str) -> dict[str, Any]:
    """The model's own limits for a question_add parameter named like a Question field."""
    try:
        field = Question._meta.get_field(name)
    except FieldDoesNotExist:
        return {}
    if not field.concrete or field.is_relation:  # e.g. `choices`, the options' relation
        return {}
    limits: dict[str, Any] = {}
    if getattr(field, "max_length", None):
        limits["max_length"] = field.max_length
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            limits["ge"] = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            limits["le"] = validator.limit_value
    return limits


BODY_TYPES = {int: Whole, float: Number, float | None: Number | None, int | None: Whole | None}


def _question_in() -> type[Schema]:
    """The body of "add a question", made from `services.question_add`'s keyword parameters,
    so that the settings of every kind the service accepts are accepted here too."""
    hints = typing.get_type_hints(services.question_add)
    fields: dict[str, Any] = {}
    for name, parameter in inspect.signature(services.question_add).parameters.items():
        # An image is a file: it comes through the session page's form, not a JSON body.
        if name in {"session", "actor", "image", "image_alt"}:
            continue
        if parameter.kind is not parameter.KEYWORD_ONLY:
            continue
        annotation = hints.get(name, Any)
        try:
            TypeAdapter(annotation)
        except PydanticSchemaGenerationError:
            continue  # a model instance, not something a JSON body carries
        default = ... if parameter.default is parameter.empty else parameter.default
        limits = _limits(name)
        # A JSON true is no number, and 1 or "yes" no true (nor "5" a number).
        annotation = BODY_TYPES.get(annotation, annotation)
        if annotation is bool:
            limits["strict"] = True
        if annotation in (Number, Number | None):
            limits["allow_inf_nan"] = False
        if annotation in (str, str | None):
            limits["pattern"] = NO_NUL
        fields[name] = (annotation, Field(default, **limits))
    fields["kind"] = (Literal[tuple(REGISTRY)], Field(...))
    fields["prompt"] = (str, Field(min_length=1, max_length=500, pattern=SOME_TEXT))
    return create_model("QuestionIn", __base__=Schema, **fields)


if TYPE_CHECKING:  # built at run time from the model's fields; a Schema to the type checker
    QuestionIn = Schema
else:
    QuestionIn = _question_in()


def _session_payload(request, session: LiveSession) -> dict[str, Any]:
    return {
        **events.session_payload(session),
        "mode": session.mode,
        "dialogue_id": session.dialogue_id,
        "join_url": join_url(request, session),
        "created_at": session.created_at,
        "question_count": session.questions.count(),
        "current_question": events.question_payload(session.current_question),
    }


def _writable_session(request, session_id: int) -> LiveSession:
    session = selectors.session_for_user_or_404(user=request.auth, pk=session_id)
    require_facilitator(request.auth, session.dialogue)
    return session


def _results(session: LiveSession) -> list[dict[str, Any]]:
    return exports.jsonable(
        [
            {"question": events.question_payload(q), "results": exports.results_of(q)}
            for q in session.questions.prefetch_related("choices").order_by("position", "id")
        ]
    )


def _export(request, target, fmt: str):
    if fmt not in exports.FORMATS:
        raise HttpError(404, _("There is no export in that format."))
    return export_download(request.auth, target, fmt)


# --- Dialogues' sessions -----------------------------------------------------------------------


@router.get(
    "/dialogues/{dialogue_id}/sessions", **answers({200: list[SessionOut]}, {404: NO_DIALOGUE})
)
def dialogue_sessions(request, dialogue_id: Id):
    dialogue = dialogue_for_user_or_404(user=request.auth, pk=dialogue_id)
    sessions = selectors.sessions_for_user(user=request.auth).filter(dialogue=dialogue)
    return [_session_payload(request, s) for s in sessions.order_by("created_at", "id")]


@router.post(
    "/dialogues/{dialogue_id}/sessions",
    **answers(
        {201: SessionOut},
        {
            403: VIEWER,
            404: NO_DIALOGUE,
            503: "Every join code is in use on this server (`no_codes_left`).",
        },
    ),
)
def session_create(request, dialogue_id: Id, payload: SessionIn):
    dialogue = dialogue_for_user_or_404(user=request.auth, pk=dialogue_id)
    require_facilitator(request.auth, dialogue)
    session = services.session_create(
        dialogue=dialogue, title=payload.title.strip(), created_by=request.auth
    )
    return Status(201, _session_payload(request, selectors.session_by_id(session.pk)))


@router.get(
    "/dialogues/{dialogue_id}/results", **answers({200: DialogueResultsOut}, {404: NO_DIALOGUE})
)
def dialogue_results(request, dialogue_id: Id):
    dialogue = dialogue_for_user_or_404(user=request.auth, pk=dialogue_id)
    return {
        "dialogue_id": dialogue.pk,
        "sessions": [
            {"session": _session_payload(request, s), "questions": _results(s)}
            for s in selectors.sessions_for_user(user=request.auth)
            .filter(dialogue=dialogue)
            .order_by("created_at", "id")
        ],
    }


@router.get(
    "/dialogues/{dialogue_id}/export.{fmt}",
    **answers({200: None}, {404: NO_DIALOGUE}, ok_content=EXPORT_TYPES),
    summary="Dialogue export: csv, xlsx or json",
)
def dialogue_export(request, dialogue_id: Id, fmt: Literal["csv", "xlsx", "json"]):
    return _export(request, dialogue_for_user_or_404(user=request.auth, pk=dialogue_id), fmt)


@router.get(
    "/dialogues/{dialogue_id}/local.csv",
    **answers({200: None}, {404: NO_DIALOGUE}, ok_content={"text/csv": {}}),
    summary="Dialogue responses as a CSV in the dialogue's language and convention",
)
def dialogue_local_csv(request, dialogue_id: Id):
    dialogue = dialogue_for_user_or_404(user=request.auth, pk=dialogue_id)
    return _export(request, dialogue, "local.csv")


@router.get(
    "/dialogues/{dialogue_id}/conference.{fmt}",
    **answers({200: None}, {404: NO_DIALOGUE}, ok_content=TABLE_TYPES),
    summary="Dialogue inputs table (text, type, answer, theme): csv or xlsx",
)
def dialogue_conference(request, dialogue_id: Id, fmt: Literal["csv", "xlsx"]):
    dialogue = dialogue_for_user_or_404(user=request.auth, pk=dialogue_id)
    return _export(request, dialogue, f"conference.{fmt}")


# --- Sessions ------------------------------------------------------------------------------------


@router.get("/sessions/{session_id}", **answers({200: SessionOut}, {404: NO_SESSION}))
def session_detail(request, session_id: Id):
    session = selectors.session_for_user_or_404(user=request.auth, pk=session_id)
    return _session_payload(request, session)


@router.get(
    "/sessions/{session_id}/questions", **answers({200: list[QuestionOut]}, {404: NO_SESSION})
)
def question_list(request, session_id: Id):
    session = selectors.session_for_user_or_404(user=request.auth, pk=session_id)
    questions = session.questions.prefetch_related("choices").order_by("position", "id")
    return [events.question_payload(q) for q in questions]


@router.post(
    "/sessions/{session_id}/questions",
    **answers(
        {201: QuestionOut},
        {
            403: VIEWER,
            404: NO_SESSION,
            422: INVALID + " Also: an option over its length, fewer than two options for a "
            "kind that needs them, or settings the question's kind refuses.",
        },
    ),
)
def question_create(request, session_id: Id, payload: QuestionIn):
    session = _writable_session(request, session_id)
    fields = payload.dict(exclude_unset=True)
    options = [label.strip() for label in fields.get("choices") or [] if label.strip()]
    limit = cast(int, Choice._meta.get_field("label").max_length)
    if any(len(label) > limit or "\x00" in label for label in options):
        raise HttpError(422, _("An option may be at most %(limit)s characters.") % {"limit": limit})
    too_few = len(options) < 2 and not (options and fields.get("allow_other"))
    if fields["kind"] in OPTION_KINDS and too_few:
        raise HttpError(422, _("A question of this type needs at least two options."))
    try:
        question = services.question_add(session=session, actor=request.auth, **fields)
    except (ValueError, TypeError, DataError, IntegrityError) as error:
        reason = _("The question could not be added: %(reason)s") % {"reason": error}
        raise HttpError(422, reason) from None
    return Status(201, events.question_payload(question))


@router.post(
    "/sessions/{session_id}/control/{action}",
    **answers(
        {200: SessionOut},
        {
            403: VIEWER,
            404: NO_SESSION + " Also: no such command, or `question_id` names no question of "
            "this session.",
            409: "The command acts on the current question and there is none.",
            422: INVALID + " Also: `goto` without `question_id`.",
        },
    ),
    summary="Run the session: open, close, next, previous, goto, accept, stop, show, hide, reset",
)
def session_control(request, session_id: Id, action: str, question_id: Id | None = None):
    """The control page's commands, without a body. `goto` takes `?question_id=…`; accept,
    stop, show, hide and reset act on the current question (409 when there is none)."""
    session = _writable_session(request, session_id)
    result: Any = None
    if action == "goto":
        if question_id is None:
            raise HttpError(422, _("Say which question: ?question_id=…"))
        question = get_object_or_404(Question, pk=question_id, session=session)
        services.session_go_to(session=session, question=question)
    elif action in CONTROL_ACTIONS:
        if action not in {"open", "close", "next", "previous"} and not session.current_question:
            raise HttpError(409, _("The session has no current question."))
        result = CONTROL_ACTIONS[action](session, session.current_question, request.auth)
    else:
        raise HttpError(404, _("There is no such command."))
    body = _session_payload(request, selectors.session_by_id(session.pk))
    if action == "reset":
        body["deleted"] = result
    return body


@router.get(
    "/sessions/{session_id}/results", **answers({200: SessionResultsOut}, {404: NO_SESSION})
)
def session_results(request, session_id: Id):
    session = selectors.session_for_user_or_404(user=request.auth, pk=session_id)
    return {"session": _session_payload(request, session), "questions": _results(session)}


@router.get(
    "/sessions/{session_id}/export.{fmt}",
    **answers({200: None}, {404: NO_SESSION}, ok_content=EXPORT_TYPES),
    summary="Session export: csv, xlsx or json",
)
def session_export(request, session_id: Id, fmt: Literal["csv", "xlsx", "json"]):
    return _export(
        request, selectors.session_for_user_or_404(user=request.auth, pk=session_id), fmt
    )


@router.get(
    "/sessions/{session_id}/local.csv",
    **answers({200: None}, {404: NO_SESSION}, ok_content={"text/csv": {}}),
    summary="Session responses as a CSV in the dialogue's language and convention",
)
def session_local_csv(request, session_id: Id):
    session = selectors.session_for_user_or_404(user=request.auth, pk=session_id)
    return _export(request, session, "local.csv")


@router.get(
    "/sessions/{session_id}/conference.{fmt}",
    **answers({200: None}, {404: NO_SESSION}, ok_content=TABLE_TYPES),
    summary="Session inputs table (text, type, answer, theme): csv or xlsx",
)
def session_conference(request, session_id: Id, fmt: Literal["csv", "xlsx"]):
    session = selectors.session_for_user_or_404(user=request.auth, pk=session_id)
    return _export(request, session, f"conference.{fmt}")

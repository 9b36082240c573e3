"""Participant endpoints of the API: the contract that phones, load tests and kiosks use."""

import uuid
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import APIKeyHeader
from pydantic import StrictFloat, StrictInt, StrictStr

from samrad.api.responses import answers
from samrad.api.schemas import Id, JoinOut, StateOut, Whole
from samrad.live import events, privacy, selectors, services, writer
from samrad.live.devices import device_of
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import InputKind, Question, QuestionKind, Response, SessionStatus
from samrad.live.pipeline import Pending
from samrad.live.tokens import participant_from_token, participant_token


class ParticipantToken(APIKeyHeader):
    param_name = "X-Participant-Token"

    def authenticate(self, request, key):
        return participant_from_token(key)


router = Router(tags=["participate"])


class JoinIn(Schema):
    code: str
    language: str = ""


class ResponseIn(Schema):
    choices: list[Whole] | None = None
    other: str | None = None
    words: list[str] | None = None
    text: str | None = None
    kind: InputKind | None = None
    # Scale and number: {"value": 4} (a number; a string such as "3,5" is read as typed).
    value: StrictInt | StrictFloat | StrictStr | None = None
    # Ranking: every option's id, first place first.
    ranking: list[StrictInt] | None = None
    # Points to spend: {"<option id>": points}, adding up to the question's budget.
    points: dict[str, StrictInt | StrictFloat | StrictStr | None] | None = None
    client_id: uuid.UUID | None = None


class ResponseOut(Schema):
    id: int
    question_id: int


@router.post(
    "/join",
    auth=None,
    **answers(
        {200: JoinOut},
        {
            404: "No open session has that code (`unknown_code`); a session that has ended "
            "answers the same.",
            409: "The session ended while joining (`session_closed`).",
            429: "Too many wrong codes from this device or address (`guess_wait`, "
            "`too_many_attempts`), or this device joined this session too often today "
            "(`rejoin_limit`).",
        },
        token=False,
        participant=True,
    ),
)
def join(request, payload: JoinIn):
    """Join by code. The same limits as the phone page when the client sends the device
    cookie (it waits after wrong codes and joins a session at most SAMRAD_JOINS_PER_DEVICE
    times a day); the API sets no cookie, so a client without it is counted by address."""
    device = device_of(request)
    try:
        session = services.session_for_join(
            code=payload.code, address=device.address, device_id="" if device.new else device.id
        )
    except Refused as refused:
        # The contract: an unknown or closed code is 404 (too many wrong codes stays 429).
        raise Refused(
            "unknown_code" if refused.code == "session_closed" else refused.code,
            **refused.params,
        ) from None
    participant = services.participant_join(
        session=session, language=payload.language, device_id="" if device.new else device.id
    )
    return {
        "participant_token": participant_token(participant),
        "session": events.session_payload(session),
        "current_question": events.state_event(session)["question"],
    }


@router.get(
    "/current",
    auth=ParticipantToken(),
    **answers(
        {200: StateOut},
        {409: "The session has ended (`session_closed`)."},
        reads_input=False,
        participant=True,
    ),
)
def current(request):
    session = selectors.session_by_id(request.auth.session_id)
    if session.status == SessionStatus.CLOSED:
        raise Refused("session_closed")
    return events.state_event(session)


def answer_from_payload(payload: ResponseIn) -> Answer:
    """The API's JSON answer (also sent over a phone's WebSocket) as the kinds read it."""
    # Several words in one request are one entry: "one entry = one slot" stays simple.
    return Answer(
        choices=payload.choices or [],
        ranking=payload.ranking or [],  # set (not None): read by the question's kind
        words=" ".join(payload.words) if payload.words else None,
        text=payload.text,
        other=payload.other or "",
        kind=payload.kind.value if payload.kind else None,
        value=payload.value,
        points=payload.points or {},
    )


@router.post(
    "/questions/{question_id}/responses",
    auth=ParticipantToken(),
    **answers(
        {201: ResponseOut},
        {
            404: "No such question in this participant's session.",
            409: "The question takes no answer now: the session has not started or has ended, "
            "the question is no longer on screen, closed, out of time, or this participant "
            "has sent as many answers as it takes (`code` says which).",
            422: "The body is not valid, or the answer does not fit the question (an option "
            "that is not one of its options, a value out of range, too long …; `code` says "
            "which).",
            429: "This participant is sending very fast (`too_fast`).",
            503: "Very many answers are arriving at this moment (`busy`); try again.",
        },
        participant=True,
    ),
)
def respond(request, question_id: Id, payload: ResponseIn):
    participant = request.auth
    answer = answer_from_payload(payload)
    try:
        response = writer.submit_from_thread(
            Pending(
                question_id=question_id,
                participant=participant,
                answer=answer,
                client_id=payload.client_id,
            )
        )
    except Question.DoesNotExist:
        raise Http404 from None
    return Status(201, {"id": response.pk, "question_id": question_id})


# --- Q&A: the list of posts and upvotes (posting is `respond` above with {"text": ...}) ------


class QaPostOut(Schema):
    id: int
    text: str
    upvotes: int
    answered: bool
    reply: str
    pinned: bool
    pending: bool
    own: bool
    upvoted: bool


class QaListOut(Schema):
    question_id: int
    sort: str
    posts: list[QaPostOut]


class UpvoteOut(Schema):
    id: int
    upvotes: int
    upvoted: bool


@router.get(
    "/questions/{question_id}/qa",
    auth=ParticipantToken(),
    **answers(
        {200: QaListOut},
        {
            404: "No Q&A question with that id in this participant's session.",
            409: "The session has ended (`session_closed`).",
        },
        participant=True,
    ),
)
def qa_list(request, question_id: Id, sort: Literal["popular", "newest"] = "popular"):
    """The posts this participant sees: shown ones and their own waiting for approval."""
    participant = request.auth
    question = get_object_or_404(
        Question, pk=question_id, session_id=participant.session_id, kind=QuestionKind.QA
    )
    if not selectors.session_by_id(participant.session_id).is_open:
        raise Refused("session_closed")
    posts = selectors.qa_posts(question=question, participant=participant, sort=sort)
    return {"question_id": question.pk, "sort": sort, "posts": posts}


UPVOTE_ANSWERS = answers(
    {200: UpvoteOut},
    {
        404: "No Q&A post with that id shown in this participant's session.",
        409: "The session has ended, or the post cannot take upvotes now (`code` says which).",
    },
    participant=True,
)


def _qa_post(participant, response_id: int) -> Response:
    return get_object_or_404(
        Response.objects.select_related("question"),
        pk=response_id,
        question__session_id=participant.session_id,
        question__kind=QuestionKind.QA,
    )


@router.post(
    "/responses/{response_id}/upvote",
    auth=ParticipantToken(),
    **UPVOTE_ANSWERS,
)
def upvote(request, response_id: Id):
    """Upvote a shown post; a second upvote counts once. Returns the new count."""
    post = _qa_post(request.auth, response_id)
    count = services.qa_upvote(response=post, participant=request.auth)
    return {"id": post.pk, "upvotes": count, "upvoted": True}


@router.delete(
    "/responses/{response_id}/upvote",
    auth=ParticipantToken(),
    **UPVOTE_ANSWERS,
)
def unvote(request, response_id: Id):
    """Withdraw one's upvote (also when there was none). Returns the new count."""
    post = _qa_post(request.auth, response_id)
    count = services.qa_unvote(response=post, participant=request.auth)
    return {"id": post.pk, "upvotes": count, "upvoted": False}


# --- Personal data: everything stored about this participant, and its erasure ------------


class ErasedOut(Schema):
    deleted: dict[str, int]


@router.get(
    "/data", auth=ParticipantToken(), **answers({200: dict}, reads_input=False, participant=True)
)
def data_export(request):
    """Everything stored about the participant whose token this is (also after the session
    has ended): the participant, then every app's registered kind of data under its name
    (answers and Q&A posts, upvotes, segments, workshop ideas, dots, placements …)."""
    return privacy.participant_export(request.auth)


@router.delete(
    "/data",
    auth=ParticipantToken(),
    **answers({200: ErasedOut}, reads_input=False, participant=True),
)
def data_erase(request):
    """Erase every app's registered data of the participant, and the participant; the token
    stops working. Results update for everyone at once. `deleted`: how many of each kind."""
    return {"deleted": privacy.participant_erase(participant=request.auth)}

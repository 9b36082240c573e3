"""What the API's successful answers contain, for the OpenAPI document and schemathesis.

The payloads are built where they always were (samrad/live/events.py, the routers); these
schemas only describe them (`responses.answers` puts them in the OpenAPI document and lets
the payload through as it is, not through Pydantic): a field added to a payload is passed on,
and the document lists what a client can rely on. Every one is open (`extra="allow"`:
`additionalProperties`), so such a field breaks no client and no check.
"""

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field

# Ids in paths and queries: what a database key can hold. A larger number is not valid
# (422) rather than an overflow in the database.
Id = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


def _a_json_number(value):
    """A number in a body is a JSON number: true/false or a string is not one (lax Pydantic
    would read true as 1 and "5" as 5, which the OpenAPI document does not promise)."""
    if isinstance(value, bool | str):
        raise ValueError("must be a number")
    return value


# A whole number, or any number, in a body (3.0 is a whole number, as in JSON Schema).
Whole = Annotated[int, BeforeValidator(_a_json_number)]
Number = Annotated[float, BeforeValidator(_a_json_number)]


class Open(Schema):
    model_config = ConfigDict(extra="allow")


class OptionOut(Open):
    id: int
    label: str


class QuestionOut(Open):
    """A question as phones, the projector and the API show it (events.question_payload)."""

    id: int
    kind: str
    prompt: str
    position: int
    accepting: bool
    results_visible: bool
    results_after_close: bool
    results_on_phones: bool
    countdown_remaining: int | float | None
    countdown: int | None
    allow_multiple: bool
    allow_other: bool
    max_entries: int
    max_words: int
    max_length: int
    scale_min: int
    scale_max: int
    label_low: str
    label_high: str
    number_min: int | float | None
    number_max: int | float | None
    points_budget: int
    choices: list[OptionOut]


class SessionBrief(Open):
    """A session as phones see it (events.session_payload)."""

    id: int
    title: str
    code: str
    status: str
    mode: str
    language: str


class StateOut(Open):
    """What a phone shows now (events.state_event): no question before the session opens."""

    type: str
    session: SessionBrief
    question: QuestionOut | None
    key: str
    touched: int | None


class SessionOut(SessionBrief):
    """A session as facilitators see it; after `control/reset` also `deleted` (a count)."""

    dialogue_id: int
    join_url: str
    created_at: datetime
    question_count: int
    current_question: QuestionOut | None


class OrganisationOut(Open):
    id: int
    name: str


class DialogueOut(Open):
    id: int
    title: str
    description: str
    language: str
    organisation: OrganisationOut
    phases: list[str]
    created_at: datetime


class QuestionResults(Open):
    """A question and its aggregate; the aggregate's fields depend on the question's kind."""

    question: QuestionOut
    results: dict


class SessionResultsOut(Open):
    session: SessionOut
    questions: list[QuestionResults]


class DialogueSessionResults(Open):
    session: SessionOut
    questions: list[QuestionResults]


class DialogueResultsOut(Open):
    dialogue_id: int
    sessions: list[DialogueSessionResults]


class JoinOut(Open):
    participant_token: str
    session: SessionBrief
    current_question: QuestionOut | None

"""API fuzzing: schemathesis generates requests from /api/v1/openapi.json and runs all its
default checks on every answer (issue 18, item 5): no server error, every status code
documented for its operation, the body conforming to the documented schema, the documented
content type, valid data not refused, invalid data not accepted, a missing or wrong token
refused with 401, and the rest of schemathesis's defaults.

Requests carry real tokens, as a client's would: a facilitator's API token (an owner of the
session's organisation) for facilitator operations, and for participant operations the token
of a participant who has just joined the session (a fresh one for every request, so that one
example's erasure or answer limit does not decide the next one's answer). Schemathesis still
removes or spoils them where it checks that authentication is enforced. Every other example's
path ids point at objects that exist, so that generated bodies reach the services rather than
stop at 404.

Bounded and not flaky: EXAMPLES_PER_OPERATION examples per operation, derandomized (the same
examples on every run); the whole module runs in well under a minute on two cores.
"""

import re

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from samrad.accounts.models import Role
from samrad.accounts.services import apitoken_create
from samrad.live.models import Moderation, QuestionKind, Response
from samrad.live.tokens import participant_token
from tests.factories import (
    ChoiceQuestionFactory,
    MembershipFactory,
    OpenSessionFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
)

EXAMPLES_PER_OPERATION = 8

# What the running test has made: its session, ids and facilitator token (see `known`).
KNOWN: dict = {}


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request; inside a test
    transaction (PostgreSQL) that would end the test's data. Django's test client
    disconnects the same signal handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known(db):
    session = OpenSessionFactory()
    question = ChoiceQuestionFactory(session=session)
    session.current_question = question
    session.save()
    qa = QuestionFactory(session=session, kind=QuestionKind.QA)
    post = Response.objects.create(
        question=qa,
        participant=ParticipantFactory(session=session),
        text="När öppnar simhallen?",
        moderation=Moderation.APPROVED,
    )
    user = UserFactory()
    MembershipFactory(user=user, organisation=session.dialogue.organisation, role=Role.OWNER)
    _token, secret = apitoken_create(user=user)
    KNOWN.clear()
    KNOWN.update(
        session=session,
        bearer=secret,
        ids={
            "question_id": question.pk,
            "session_id": session.pk,
            "dialogue_id": session.dialogue_id,
            "response_id": post.pk,
        },
        qa_question_id=qa.pk,
    )
    yield KNOWN
    KNOWN.clear()


# Loading the schema touches no table, so it can happen at collection time.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.auth(refresh_interval=None)
class RealTokens:
    """The operation's own kind of token: a new participant's, or the facilitator's.
    Explicit examples get theirs when the schema is loaded, before any test has data: a
    placeholder, which the test replaces (`real_tokens`)."""

    def get(self, case, context):
        if not KNOWN:
            return (_token_header(case), PLACEHOLDER)
        if _token_header(case) == "X-Participant-Token":
            participant = ParticipantFactory(session=KNOWN["session"])
            return ("X-Participant-Token", participant_token(participant))
        return ("Authorization", f"Bearer {KNOWN['bearer']}")

    def set(self, case, data, context):
        name, value = data
        case.headers = {**(case.headers or {}), name: value}


PLACEHOLDER = "set-by-the-test"


def _token_header(case) -> str:
    if case.operation.path.startswith("/api/v1/participate/"):
        return "X-Participant-Token"
    return "Authorization"


def real_tokens(case) -> None:
    if (case.headers or {}).get(_token_header(case)) == PLACEHOLDER:
        tokens = RealTokens()
        tokens.set(case, tokens.get(case, None), None)


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_passes_all_default_checks(case, known):
    for name in list(case.path_parameters or {}):
        # Every other example aims at objects that exist; the rest keep the generated ids.
        if name in known["ids"] and _even(case):
            value = known["ids"][name]
            if name == "question_id" and case.operation.path.endswith("/qa"):
                value = known["qa_question_id"]
            case.path_parameters[name] = value
    real_tokens(case)
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_data_accepted_or_refused_by_a_rule],
    )


# Operations whose bodies carry meaning no schema can state: an answer must fit its question
# (an option of *that* question, a value on *its* scale), a question's settings must agree
# (a scale's minimum below its maximum, two options for a choice). A schema-valid body may be
# refused there, with 422 and the rule in words, never as not valid (`errors`).
RULES_BEYOND_THE_SCHEMA = {
    "POST /api/v1/participate/questions/{question_id}/responses",
    "POST /api/v1/sessions/{session_id}/questions",
    "POST /api/v1/sessions/{session_id}/control/{action}",
}


def valid_data_accepted_or_refused_by_a_rule(ctx, response, case):
    """Schemathesis's positive_data_acceptance, except that where a rule beyond the schema
    applies, a 422 that names the rule (no `errors`: not a refusal of the body's shape)
    counts as an answer to valid data."""
    rule = (
        case.operation.label in RULES_BEYOND_THE_SCHEMA
        and response.status_code == 422
        and "errors" not in response.json()
    )
    if rule:
        return True
    return positive_data_acceptance(ctx, response, case)


def _even(case) -> bool:
    return len(re.sub(r"\s", "", repr(case.body))) % 2 == 0

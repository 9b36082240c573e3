"""Forged, expired, foreign and garbage participant tokens are refused cleanly: the API
answers 401 with a translated message, pages treat the phone as not joined (never a 500),
WebSockets close. See samrad/live/tokens.py."""

import json
import time
from unittest import mock

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core import signing
from django.urls import reverse

from config.asgi import application
from samrad.live.models import Response
from samrad.live.tokens import cookie_name, participant_from_token, participant_token
from tests.factories import ParticipantFactory, QuestionFactory, put_on_screen

pytestmark = pytest.mark.django_db

DAY = 86400


def _tampered(token: str) -> str:
    value, signature = token.rsplit(":", 1)
    return f"{value}:{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"


def _other_key(token: str) -> str:
    """The same signature on another participant key: the signature no longer matches."""
    key, rest = token.split(":", 1)
    return f"{key[:-1]}{'0' if key[-1] != '0' else '1'}:{rest}"


def _expired(participant) -> str:
    """A token signed 31 days ago (SAMRAD_PARTICIPANT_COOKIE_DAYS is 30)."""
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 31 * DAY):
        return participant_token(participant)


GARBAGE = [
    "",
    "x",
    ":",
    "::::",
    "not-a-uuid:abc:def",
    "%00%ff",
    "ö" * 50,
    "A" * 10_000,
    '"><script>alert(1)</script>',
]


@pytest.fixture
def phone():
    question = put_on_screen(QuestionFactory(kind="open"))
    return question, ParticipantFactory(session=question.session)


def bad_tokens(participant):
    good = participant_token(participant)
    foreign = participant_token(ParticipantFactory())  # a phone of another session
    return {
        "tampered signature": _tampered(good),
        "other key": _other_key(good),
        "other salt": signing.TimestampSigner(salt="something.else").sign(str(participant.key)),
        "expired": _expired(participant),
        **{f"garbage {i}": value for i, value in enumerate(GARBAGE)},
    }, foreign


def test_the_good_token_works(phone, client):
    """The control case: the same requests with the real token succeed."""
    question, participant = phone
    token = participant_token(participant)
    assert participant_from_token(token, session_id=question.session_id) == participant
    response = client.post(
        f"/api/v1/participate/questions/{question.pk}/responses",
        json.dumps({"text": "Fler cykelbanor", "kind": "input"}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=token,
    )
    assert response.status_code == 201


def test_bad_tokens_are_refused_by_the_api_with_a_clear_401(phone, client):
    question, participant = phone
    tokens, _foreign = bad_tokens(participant)
    for label, token in tokens.items():
        for method, url, body in [
            ("get", "/api/v1/participate/current", None),
            ("post", f"/api/v1/participate/questions/{question.pk}/responses", {"text": "hej"}),
            ("get", "/api/v1/participate/data", None),
            ("delete", "/api/v1/participate/data", None),
        ]:
            kwargs = {"HTTP_X_PARTICIPANT_TOKEN": token}
            if body is not None:
                kwargs.update(data=json.dumps(body), content_type="application/json")
            response = getattr(client, method)(url, **kwargs)
            assert response.status_code == 401, (label, url, response.status_code)
            assert "not valid or has expired" in response.json()["detail"], label
    assert Response.objects.count() == 0
    participant.refresh_from_db()  # not erased by a forged DELETE


def test_the_401_carries_a_code_for_programs(phone, client):
    _question, participant = phone
    response = client.get(
        "/api/v1/participate/current",
        HTTP_X_PARTICIPANT_TOKEN=_tampered(participant_token(participant)),
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_another_sessions_token_reaches_nothing_of_this_session(phone, client):
    question, participant = phone
    _tokens, foreign = bad_tokens(participant)
    response = client.post(
        f"/api/v1/participate/questions/{question.pk}/responses",
        json.dumps({"text": "hej"}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=foreign,
    )
    assert response.status_code == 404
    # As this session's cookie, another session's token names nobody here.
    client.cookies[cookie_name(question.session_id)] = foreign
    page = client.post(
        reverse("live:participant_respond", args=[question.session.code, question.pk]),
        {"text": "hej"},
    )
    assert page.status_code == 302  # back to the join page: not joined
    assert Response.objects.count() == 0


def test_pages_treat_bad_cookies_as_not_joined(phone, client):
    question, participant = phone
    tokens, foreign = bad_tokens(participant)
    session = question.session
    for label, token in {**tokens, "foreign": foreign}.items():
        client.cookies[cookie_name(session.pk)] = token
        respond = client.post(
            reverse("live:participant_respond", args=[session.code, question.pk]), {"text": "x"}
        )
        assert respond.status_code == 302, label
        fragment = client.get(reverse("live:participant_question", args=[session.code]))
        assert fragment.status_code == 204 and fragment["HX-Redirect"], label
        my_data = client.get(reverse("live:my_data", args=[session.code]))
        assert my_data.status_code == 200, label
        assert "Nothing is stored about this phone" in my_data.content.decode(), label
        assert client.get(reverse("live:my_data_download", args=[session.code])).status_code == 404
    assert Response.objects.count() == 0


def test_an_expired_cookie_joins_afresh_instead_of_reusing_the_old_identity(phone, client):
    question, participant = phone
    client.cookies[cookie_name(question.session_id)] = _expired(participant)
    page = client.get(reverse("live:join_code", args=[question.session.code]))
    assert page.status_code == 200
    new_token = page.cookies[cookie_name(question.session_id)].value
    assert participant_from_token(new_token) != participant


@pytest.mark.django_db(transaction=True)
async def test_websockets_with_bad_tokens_close():
    question = await database_sync_to_async(lambda: put_on_screen(QuestionFactory()))()
    participant = await database_sync_to_async(ParticipantFactory)(session=question.session)
    tokens, foreign = await database_sync_to_async(bad_tokens)(participant)
    code = await database_sync_to_async(lambda: question.session.code)()
    origin = (b"origin", b"http://testserver")
    for label, token in {**tokens, "foreign": foreign}.items():
        if token.isascii() and len(token) < 2000:
            for path, headers in [
                (f"/ws/live/{code}/?token={token}", [origin]),
                (
                    f"/ws/live/{code}/",
                    [origin, (b"cookie", f"{cookie_name(question.session_id)}={token}".encode())],
                ),
            ]:
                communicator = WebsocketCommunicator(application, path, headers=headers)
                connected, close_code = await communicator.connect()
                assert not connected, label
                assert close_code == 4404, label
                await communicator.disconnect()

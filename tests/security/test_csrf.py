"""CSRF: every form a logged-in facilitator posts, and the phone's forms, refuse a request
without the CSRF token. The participant API needs no CSRF token: it is authenticated only by
the `X-Participant-Token` header, which a page of another site cannot send (a custom header
makes the browser ask first, and we answer no CORS), and it ignores the participant cookie.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from samrad.live.models import Response, SessionStatus
from samrad.live.tokens import cookie_name, participant_token
from tests.security.conftest import World

pytestmark = pytest.mark.django_db


def facilitator_posts(w: World) -> list[tuple[str, dict]]:
    """A form of each facilitator page, with data that would be accepted."""
    return [
        (reverse("dialogues:create"), {"title": "Ny", "language": "sv"}),
        (
            reverse("dialogues:detail", args=[w.dialogue.pk]),
            {"save_meeting": "1", "meeting-title": "M", "meeting-kind": "open"},
        ),
        (reverse("live:session_create", args=[w.dialogue.pk]), {"title": "Nytt möte"}),
        (reverse("live:session_edit", args=[w.session.pk]), {"kind": "open", "prompt": "Vad?"}),
        (reverse("live:session_command", args=[w.session.pk, "close"]), {}),
        (reverse("live:question_action", args=[w.session.pk, w.question.pk, "delete"]), {}),
        (
            reverse(
                "live:qa_post_action", args=[w.session.pk, w.qa_question.pk, w.post.pk, "hide"]
            ),
            {},
        ),
        (reverse("live:entry_list", args=[w.session.pk]), {"channel": "paper"}),
        (reverse("accounts:logout"), {}),
    ]


def test_facilitator_forms_refuse_posts_without_the_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    for url, data in facilitator_posts(world):
        assert client.post(url, data).status_code == 403, url
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.OPEN  # "close" did not happen
    assert world.question.__class__.objects.filter(pk=world.question.pk).exists()


def test_facilitator_forms_accept_posts_with_the_token(world):
    """The control case: with the token from the page, the same posts go through."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    client.get(reverse("dialogues:list"))
    token = client.cookies["csrftoken"].value
    for url, data in facilitator_posts(world):
        response = client.post(url, data, HTTP_X_CSRFTOKEN=token)
        assert response.status_code in (200, 302), (url, response.status_code)


def test_phone_forms_refuse_posts_without_the_token(world):
    client = Client(enforce_csrf_checks=True)
    session = world.session
    client.cookies[cookie_name(session.pk)] = participant_token(world.participant)
    answers = Response.objects.count()
    respond = reverse("live:participant_respond", args=[session.code, world.qa_question.pk])
    assert client.post(respond, {"text": "Forged"}).status_code == 403
    erase = reverse("live:my_data", args=[session.code])
    assert client.post(erase, {"confirm": "yes"}).status_code == 403
    upvote = reverse("live:participant_upvote", args=[session.code, world.post.pk])
    assert client.post(upvote, {"upvote": "1"}).status_code == 403
    assert Response.objects.count() == answers
    world.participant.refresh_from_db()  # still there


def test_participant_api_takes_the_header_not_the_cookie(world):
    client = Client(enforce_csrf_checks=True)
    session, question = world.session, world.qa_question
    url = f"/api/v1/participate/questions/{question.pk}/responses"
    body = json.dumps({"text": "Hur går det med simhallen?"})
    # What a forged cross-site request could carry: the participant's cookie, no header.
    client.cookies[cookie_name(session.pk)] = participant_token(world.participant)
    assert client.post(url, body, content_type="application/json").status_code == 401
    # An API client with the header needs no CSRF token.
    token = participant_token(world.participant)
    response = client.post(
        url, body, content_type="application/json", HTTP_X_PARTICIPANT_TOKEN=token
    )
    assert response.status_code == 201
    assert "Access-Control-Allow-Origin" not in response

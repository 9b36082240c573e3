"""Helpers for the per-kind tests (tests/live/test_kinds_*.py): answer, render, refuse."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from samrad.live import selectors, services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Response
from tests.factories import ParticipantFactory


def answer(question, participant=None, **fields) -> Response:
    """One participant's answer through the service, as the phone page and the API send it."""
    return services.response_submit(
        question=question,
        participant=participant or ParticipantFactory(session=question.session),
        answer=Answer(**fields),
    )


def refusal(question, **fields) -> Refused:
    with pytest.raises(Refused) as refused:
        answer(question, **fields)
    assert not Response.objects.filter(question=question).exists()
    return refused.value


def stage_html(question) -> str:
    """The projector's stage for the question, as the presenter renders it."""
    return render_to_string("live/_stage.html", selectors.stage_context(question.session))


def phone(client, question):
    """A phone that has joined the question's session; returns a function that POSTs answers."""
    client.get(reverse("live:join_code", args=[question.session.code]))
    url = reverse("live:participant_respond", args=[question.session.code, question.pk])

    def post(data):
        return client.post(url, data, HTTP_HX_REQUEST="true").content.decode()

    return post

"""Info slide: text (and an image) on phone and projector; no answer is taken."""

import pytest
from django.urls import reverse

from tests.factories import QuestionFactory, put_on_screen
from tests.live.kind_helpers import phone, refusal, stage_html

pytestmark = pytest.mark.django_db


def info(**fields):
    return put_on_screen(QuestionFactory(kind="info", prompt="Kvällens program", **fields))


def test_an_answer_is_refused():
    refused = refusal(info(), text="hej")
    assert refused.code == "no_answer"
    assert refused.message == "No answer needed: this is information for you."


def test_the_phone_says_no_answer_is_needed_and_shows_no_form(client):
    question = info()
    post = phone(client, question)
    html = client.get(reverse("live:participant_question", args=[question.session.code])).content
    html = html.decode()
    assert "Kvällens program" in html
    assert "No answer needed" in html
    assert "<form" not in html.split("reactions")[0]
    assert "No answer needed" in post({"text": "hej"})


def test_the_projector_shows_the_text_without_answer_counts_or_hidden_results():
    html = stage_html(info())
    assert "Kvällens program" in html
    assert 'data-testid="responses"' not in html
    assert "Closed for answers" not in html
    assert "Results are" not in html

"""The page a new phone gets is rendered once per state and language (samrad/live/phone_page.py):
each phone still gets its own CSRF token and client_id, its language, and what is on screen now."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from samrad.live import phone_page, services
from samrad.live.editing import QuestionChanges, question_update
from samrad.live.models import Response
from tests.factories import ChoiceQuestionFactory, QuestionFactory, put_on_screen

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CLIENT_ID = re.compile(r'name="client_id" value="([^"]+)"')
HX_TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def _join(code: str, language: str = "sv") -> tuple[Client, str]:
    phone = Client(enforce_csrf_checks=True)
    page = phone.get(reverse("live:join_code", args=[code]), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return phone, page.content.decode()


def _without_secrets(page: str) -> str:
    for pattern in (TOKEN, CLIENT_ID, HX_TOKEN):
        page = pattern.sub(lambda m: m.group(0).replace(m.group(1), "…"), page)
    return page


def test_new_phones_share_the_page_but_not_their_token_nor_client_id():
    phone_page.clear()
    question = put_on_screen(ChoiceQuestionFactory())
    code = question.session.code
    first, first_page = _join(code)
    second, second_page = _join(code)
    # The same page as a full render (the phone's second visit is not a new phone's page).
    again = first.get(reverse("live:join_code", args=[code]), HTTP_ACCEPT_LANGUAGE="sv")
    assert _without_secrets(first_page) == _without_secrets(again.content.decode())
    assert _without_secrets(first_page) == _without_secrets(second_page)
    assert TOKEN.findall(first_page) != TOKEN.findall(second_page)
    assert CLIENT_ID.findall(first_page) != CLIENT_ID.findall(second_page)
    assert "csrfplaceholder" not in second_page
    # Each phone's token is its own and valid: the answer form posts with it.
    url = reverse("live:participant_respond", args=[code, question.pk])
    for phone, page in ((first, first_page), (second, second_page)):
        picked = question.choices.first().pk
        data = {
            "choice": [picked],
            "client_id": CLIENT_ID.findall(page)[0],
            "csrfmiddlewaretoken": TOKEN.findall(page)[0],
        }
        assert phone.post(url, data).status_code == 200
    assert Response.objects.filter(question=question).count() == 2
    # A token from the other phone's page is refused (its cookie holds another secret).
    forged = {"csrfmiddlewaretoken": TOKEN.findall(first_page)[0], "choice": [picked]}
    fresh = Client(enforce_csrf_checks=True)
    assert fresh.post(url, forged).status_code == 403


def test_a_new_phone_gets_its_own_language():
    phone_page.clear()
    question = put_on_screen(QuestionFactory(kind="wordcloud"))
    _phone, swedish = _join(question.session.code, "sv")
    _phone, norwegian = _join(question.session.code, "nb")
    _phone, english = _join(question.session.code, "en")
    assert '<html lang="sv">' in swedish
    assert '<html lang="nb">' in norwegian
    assert '<html lang="en">' in english
    assert "Language" in english and "Language" not in swedish


def test_a_new_phone_sees_the_question_as_it_is_now():
    phone_page.clear()
    question = put_on_screen(ChoiceQuestionFactory(prompt="Before the edit"))
    session = question.session
    assert "Before the edit" in _join(session.code)[1]
    option = question.choices.first()
    changes = QuestionChanges(
        prompt="After the edit",
        labels={option.pk: "A renamed option"},
        settings={"allow_multiple": question.allow_multiple, "allow_other": question.allow_other},
    )
    question_update(question=question, changes=changes)
    page = _join(session.code)[1]
    assert "After the edit" in page and "Before the edit" not in page
    assert "A renamed option" in page

    services.question_set_accepting(question=question, accepting=False)
    closed = _join(session.code)[1]
    assert 'class="notice"' in closed and 'class="notice"' not in page  # "closed", not a form

    other = ChoiceQuestionFactory(session=session, prompt="The next one")
    services.session_go_to(session=session, question=other)
    assert "The next one" in _join(session.code)[1]

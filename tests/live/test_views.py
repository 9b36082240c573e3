"""Phone, presenter and control pages: joining, answering, refusals, and who may see what."""

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.live.models import Participant, Response, SessionStatus
from samrad.live.tokens import cookie_name
from tests.factories import (
    ChoiceQuestionFactory,
    FacilitatorFactory,
    QuestionFactory,
    member_of,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


def test_join_form_redirects_to_the_session(client):
    question = put_on_screen(QuestionFactory())
    code = question.session.code
    response = client.post(reverse("live:join"), {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302
    assert response["Location"] == reverse("live:join_code", args=[code])


def test_wrong_or_expired_code_shows_message_and_form(client):
    question = put_on_screen(QuestionFactory())
    question.session.status = SessionStatus.CLOSED
    question.session.save()
    for response in [
        client.post(reverse("live:join"), {"code": "999999"}),
        client.get(reverse("live:join_code", args=[question.session.code])),
    ]:
        assert response.status_code == 404
        page = response.content.decode()
        assert 'role="alert"' in page
        assert 'name="code"' in page


def test_a_draft_session_shows_the_lobby_not_the_question(client):
    question = put_on_screen(QuestionFactory())
    question.session.status = SessionStatus.DRAFT
    question.session.save()
    response = client.get(reverse("live:join_code", args=[question.session.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "start soon" in page
    assert question.session.dialogue.title in page
    assert question.prompt not in page
    assert "This session has ended" not in page


def test_first_visit_joins_and_sets_cookie_second_visit_keeps_identity(client):
    question = put_on_screen(QuestionFactory(kind="wordcloud"))
    url = reverse("live:join_code", args=[question.session.code])
    first = client.get(url)
    assert first.status_code == 200
    assert cookie_name(question.session.pk) in first.cookies
    client.get(url)
    assert Participant.objects.count() == 1
    assert question.prompt in first.content.decode()


def test_a_new_phone_joins_with_the_session_read_once(client, django_assert_max_num_queries):
    """A room joins at once (issue 14): the join page reads the session once (not again for the
    join limits, nor for the question's rules), and a new participant has no answers to look
    up. Queries: session, BEGIN, INSERT, COMMIT, workshop?, choices."""
    question = put_on_screen(ChoiceQuestionFactory())
    url = reverse("live:join_code", args=[question.session.code])
    with django_assert_max_num_queries(6):
        first = client.get(url)
    assert first.status_code == 200
    assert question.prompt in first.content.decode()
    assert Participant.objects.count() == 1


def respond(client, question, data, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("live:participant_respond", args=[question.session.code, question.pk])
    return client.post(url, data, **headers)


def test_phone_answers_each_type_and_sees_its_answers(client):
    question = put_on_screen(QuestionFactory(kind="wordcloud"))
    client.get(reverse("live:join_code", args=[question.session.code]))
    page = respond(client, question, {"words": "Skola"}).content.decode()
    assert "Skola" in page
    assert Response.objects.get().text == "Skola"

    choice = put_on_screen(ChoiceQuestionFactory(session=question.session))
    picked = choice.choices.last()
    respond(client, choice, {"choice": [picked.pk]})
    respond(client, choice, {"choice": [picked.pk]})
    assert Response.objects.filter(question=choice).count() == 1

    open_q = put_on_screen(QuestionFactory(session=question.session, kind="open"))
    page = respond(client, open_q, {"text": "<script>alert(1)</script>", "kind": "question"})
    body = page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)</script>" not in body


def test_closed_question_says_so_and_keeps_what_was_typed(client):
    question = put_on_screen(QuestionFactory(kind="open", accepting=False))
    client.get(reverse("live:join_code", args=[question.session.code]))
    page = respond(client, question, {"text": "Mitt inspel", "kind": "input"}).content.decode()
    assert "closed" in page.lower() or "stängd" in page.lower()
    assert not Response.objects.exists()


def test_too_long_text_is_refused_and_kept_in_the_form(client, settings):
    settings.SAMRAD_MAX_TEXT_LENGTH = 10
    question = put_on_screen(QuestionFactory(kind="open"))
    client.get(reverse("live:join_code", args=[question.session.code]))
    page = respond(client, question, {"text": "x" * 11, "kind": "input"}).content.decode()
    assert 'role="alert"' in page
    assert "x" * 11 in page
    assert not Response.objects.exists()


def test_answer_without_joining_redirects_to_join(client):
    question = put_on_screen(QuestionFactory(kind="open"))
    response = respond(client, question, {"text": "hej", "kind": "input"}, htmx=False)
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_facilitator_pages_need_login(client):
    question = put_on_screen(QuestionFactory())
    session = question.session
    for url in [
        reverse("dialogues:list"),
        reverse("dialogues:detail", args=[session.dialogue.pk]),
        reverse("live:session_edit", args=[session.pk]),
        reverse("live:session_control", args=[session.pk]),
        reverse("live:presenter", args=[session.code]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_another_organisation_sees_404(client):
    question = put_on_screen(QuestionFactory())
    session = question.session
    client.force_login(FacilitatorFactory())
    for url in [
        reverse("dialogues:detail", args=[session.dialogue.pk]),
        reverse("live:session_edit", args=[session.pk]),
        reverse("live:session_control", args=[session.pk]),
        reverse("live:presenter", args=[session.code]),
    ]:
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("live:session_command", args=[session.pk, "next"])).status_code == 404
    )


def test_viewer_can_look_but_not_control(client):
    question = put_on_screen(QuestionFactory())
    session = question.session
    client.force_login(member_of(session.dialogue.organisation, Role.VIEWER))
    assert client.get(reverse("live:session_control", args=[session.pk])).status_code == 200
    assert client.get(reverse("live:presenter", args=[session.code])).status_code == 200
    assert (
        client.post(reverse("live:session_command", args=[session.pk, "close"])).status_code == 403
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN


def test_facilitator_builds_and_runs_a_session(client):
    question = put_on_screen(QuestionFactory())
    dialogue = question.session.dialogue
    client.force_login(member_of(question.session.dialogue.organisation))
    response = client.post(reverse("live:session_create", args=[dialogue.pk]), {"title": "Kväll"})
    session = dialogue.sessions.get(title="Kväll")
    assert response["Location"] == reverse("live:session_edit", args=[session.pk])
    edit = reverse("live:session_edit", args=[session.pk])
    base = {"max_entries": 3, "max_words": 3}
    bad = client.post(edit, {**base, "kind": "choice", "prompt": "Vad?", "choices": "Bara en"})
    assert "at least two options" in bad.content.decode() or bad.status_code == 200
    assert session.questions.count() == 0
    client.post(edit, {**base, "kind": "choice", "prompt": "Vad?", "choices": "A\nB"})
    client.post(edit, {**base, "kind": "wordcloud", "prompt": "Ord?"})
    assert session.questions.count() == 2
    command = lambda action: client.post(  # noqa: E731
        reverse("live:session_command", args=[session.pk, action])
    )
    command("open")
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert session.current_question.prompt == "Vad?"
    command("next")
    session.refresh_from_db()
    assert session.current_question.prompt == "Ord?"
    command("stop")
    command("hide")
    session.current_question.refresh_from_db()
    assert not session.current_question.accepting
    assert not session.current_question.results_visible
    command("close")
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert client.get(reverse("live:presenter", args=[session.code])).status_code == 200
    assert client.get(reverse("live:qr", args=[session.code]))["Content-Type"] == "image/svg+xml"


def test_an_answer_says_in_a_header_whether_it_was_counted(client):
    question = put_on_screen(QuestionFactory(kind="wordcloud"))
    code = question.session.code
    client.get(reverse("live:join_code", args=[code]))
    url = reverse("live:participant_respond", args=[code, question.pk])
    received = client.post(url, {"words": "skola"}, HTTP_HX_REQUEST="true")
    assert received.status_code == 200
    assert received["X-Samrad-Answer"] == "received"
    question.accepting = False
    question.save()
    refused = client.post(url, {"words": "park"}, HTTP_HX_REQUEST="true")
    assert refused["X-Samrad-Answer"] == "refused"

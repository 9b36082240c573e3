"""The presenter link: its own secret, no login, view only, revocable (open screens leave);
the join screen before the first question; "Present" on the dialogue page."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from config.asgi import application
from samrad.accounts.models import Role
from samrad.live import services
from tests.factories import ChoiceQuestionFactory, member_of, put_on_screen

ORIGIN = (b"origin", b"http://testserver")


@pytest.mark.django_db
def test_link_shows_the_projector_without_login_and_nothing_else(client):
    question = put_on_screen(ChoiceQuestionFactory())
    session = question.session
    secret = services.presenter_link_create(session=session)
    assert len(secret) >= 32
    page = client.get(reverse("live:presenter_link", args=[secret]))
    assert page.status_code == 200
    html = page.content.decode()
    assert question.prompt in html and f'data-socket="/ws/show/{secret}/"' in html
    assert "data-shortcut" not in html  # view only: no clicker forms
    assert page["Referrer-Policy"] == "no-referrer"
    # The login presenter page is still behind the login.
    assert client.get(reverse("live:presenter", args=[session.code])).status_code == 302


@pytest.mark.django_db
def test_a_revoked_or_replaced_link_stops_working(client):
    session = put_on_screen(ChoiceQuestionFactory()).session
    first = services.presenter_link_create(session=session)
    second = services.presenter_link_create(session=session)
    assert client.get(reverse("live:presenter_link", args=[first])).status_code == 404
    assert client.get(reverse("live:presenter_link", args=[second])).status_code == 200
    services.presenter_link_revoke(session=session)
    services.presenter_link_revoke(session=session)  # twice: nothing more happens
    assert client.get(reverse("live:presenter_link", args=[second])).status_code == 404
    assert client.get(reverse("live:presenter_link", args=["x" * 32])).status_code == 404


@pytest.mark.django_db
def test_only_facilitators_make_links_and_the_control_page_shows_it(client):
    session = put_on_screen(ChoiceQuestionFactory()).session
    url = reverse("live:session_command", args=[session.pk, "presenter_link"])
    client.force_login(member_of(session.dialogue.organisation, role=Role.VIEWER))
    assert client.post(url).status_code == 403
    client.force_login(member_of(session.dialogue.organisation))
    client.post(url)
    session.refresh_from_db()
    assert session.presenter_secret
    page = client.get(reverse("live:session_control", args=[session.pk])).content.decode()
    assert f"/show/{session.presenter_secret}/" in page


@pytest.mark.django_db
def test_join_screen_before_the_first_question_and_on_demand(client):
    question = put_on_screen(ChoiceQuestionFactory())
    session = question.session
    client.force_login(member_of(session.dialogue.organisation))
    presenter = reverse("live:presenter", args=[session.code])
    assert 'class="projector"' in client.get(presenter).content.decode()
    client.post(reverse("live:session_command", args=[session.pk, "join_screen"]))
    session.refresh_from_db()
    assert session.current_question is None
    page = client.get(presenter).content.decode()
    assert 'class="projector joining"' in page and "join-screen-code" in page


@pytest.mark.django_db
def test_dialogue_page_has_one_click_present_for_the_running_session(client):
    session = put_on_screen(ChoiceQuestionFactory()).session
    client.force_login(member_of(session.dialogue.organisation))
    page = client.get(reverse("dialogues:detail", args=[session.dialogue.pk])).content.decode()
    assert f'href="{reverse("live:presenter", args=[session.code])}"' in page
    assert f"Present: {session.title}" in page


@pytest.mark.django_db(transaction=True)
async def test_link_socket_needs_the_secret_and_closes_on_revoke():
    def make():
        session = put_on_screen(ChoiceQuestionFactory()).session
        return session, services.presenter_link_create(session=session)

    session, secret = await database_sync_to_async(make)()
    wrong = WebsocketCommunicator(application, "/ws/show/nothing/", headers=[ORIGIN])
    assert not (await wrong.connect())[0]
    screen = WebsocketCommunicator(application, f"/ws/show/{secret}/", headers=[ORIGIN])
    assert (await screen.connect())[0]
    assert (await screen.receive_json_from(timeout=3))["type"] == "stage"
    await database_sync_to_async(services.presenter_link_revoke)(session=session)
    closed = await screen.receive_output(timeout=3)
    assert closed == {"type": "websocket.close", "code": 4403}

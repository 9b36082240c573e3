"""Issue 13: a workshop's live session is listed once on the dialogue page (under the
workshop, not again among the live sessions) and closes and reopens with its workshop."""

from django.urls import reverse

from samrad.live import services as live
from samrad.live.models import SessionStatus


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_a_workshops_session_is_listed_once(client, dialogue, runner, workshop):
    own = live.session_create(dialogue=dialogue, title="Stormöte i aulan", created_by=runner)
    client.force_login(runner)
    html = client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    sessions = _section(html, "sessions-heading")
    assert own.code in sessions and "Stormöte i aulan" in sessions
    assert workshop.session.code not in sessions
    assert html.count(f">{workshop.session.code}<") == 1  # under Workshops, with its code
    assert workshop.session.code in _section(html, "workshops-heading")


def test_the_workshops_session_closes_and_reopens_with_the_workshop(client, runner, workshop):
    client.force_login(runner)
    run = reverse("workshops:run", args=[workshop.pk])
    assert workshop.session.status == SessionStatus.OPEN
    page = client.get(run).content.decode()
    close = reverse("workshops:command", args=[workshop.pk, "close"])
    assert f'action="{close}"' in page
    assert client.post(close).status_code == 302
    workshop.session.refresh_from_db()
    assert workshop.session.status == SessionStatus.CLOSED
    page = client.get(run).content.decode()
    assert "The session is closed: phones cannot join." in page
    dialogue_page = client.get(reverse("dialogues:detail", args=[workshop.dialogue.pk]))
    assert "Closed" in _section(dialogue_page.content.decode(), "workshops-heading")
    client.post(reverse("workshops:command", args=[workshop.pk, "open"]))
    workshop.session.refresh_from_db()
    assert workshop.session.status == SessionStatus.OPEN


def test_a_viewer_cannot_close_a_workshop(client, viewer, workshop):
    client.force_login(viewer)
    response = client.post(reverse("workshops:command", args=[workshop.pk, "close"]))
    assert response.status_code in (403, 404)
    workshop.session.refresh_from_db()
    assert workshop.session.status == SessionStatus.OPEN

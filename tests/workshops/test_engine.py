"""The workshop engine: create from a template, run page, projector, phones, permissions."""

import pytest
from django.urls import reverse

from samrad.core.models import AuditEntry
from samrad.live.models import SessionStatus
from samrad.live.tokens import cookie_name
from samrad.workshops import services
from samrad.workshops.models import Workshop
from tests.workshops.conftest import SCRIPT

pytestmark = pytest.mark.django_db


def test_create_from_template_makes_steps_and_an_open_session(dialogue, runner, three_steps):
    workshop = services.workshop_create(dialogue, three_steps, runner, title="Kväll i Storby")
    assert workshop.title == "Kväll i Storby"
    assert workshop.session.status == SessionStatus.OPEN
    assert workshop.session.dialogue == dialogue
    assert [s.title for s in workshop.steps.all()] == ["Välkommen", "Steg två", "Slut"]
    assert workshop.current_step.title == "Välkommen"
    assert workshop.language == dialogue.language
    assert AuditEntry.objects.filter(action="workshops.create", actor=runner).exists()


def test_an_unknown_template_creates_nothing(dialogue, runner):
    with pytest.raises(services.UnknownTemplate):
        services.workshop_create(dialogue, "no-such-template", runner)
    assert not Workshop.objects.exists()


def test_template_list_creates_with_one_click(client, dialogue, runner, three_steps):
    client.force_login(runner)
    url = reverse("workshops:template_list", args=[dialogue.pk])
    page = client.get(url)
    assert b"Three steps" in page.content
    response = client.post(url, {"template": three_steps, "title": "", "language": "en"})
    workshop = Workshop.objects.get()
    assert response.url == reverse("workshops:run", args=[workshop.pk])
    assert workshop.title == "Three steps" and workshop.language == "en"


def test_next_and_previous_stay_within_the_steps(client, workshop, runner):
    client.force_login(runner)
    for _ in range(4):
        client.post(reverse("workshops:command", args=[workshop.pk, "next"]))
    workshop.refresh_from_db()
    assert workshop.current_step.title == "Slut"
    client.post(reverse("workshops:command", args=[workshop.pk, "previous"]))
    workshop.refresh_from_db()
    assert workshop.current_step.title == "Steg två"
    first = workshop.steps.first()
    client.post(reverse("workshops:command", args=[workshop.pk, "goto"]), {"step": first.pk})
    workshop.refresh_from_db()
    assert workshop.current_step == first


def test_speaker_note_only_on_the_facilitators_screen(client, workshop, runner):
    client.force_login(runner)
    run = client.get(reverse("workshops:run", args=[workshop.pk]))
    assert SCRIPT in run.content.decode()
    projector = client.get(reverse("workshops:projector", args=[workshop.pk]))
    assert projector.status_code == 200
    assert "Välkommen" in projector.content.decode()
    assert SCRIPT not in projector.content.decode()
    phone = client.__class__()
    phone.get(reverse("live:join_code", args=[workshop.session.code]))
    page = phone.get(reverse("workshops:phone", args=[workshop.session.code]))
    assert "Välkommen" in page.content.decode()
    assert SCRIPT not in page.content.decode()


def test_joining_the_session_code_leads_the_phone_to_the_workshop(client, workshop):
    code = workshop.session.code
    response = client.get(reverse("live:join_code", args=[code]))
    assert response.status_code == 302
    assert response.url == reverse("workshops:phone", args=[code])
    assert cookie_name(workshop.session_id) in response.cookies
    fragment = client.get(reverse("workshops:phone_step", args=[code]))
    assert "Välkommen" in fragment.content.decode()


def test_a_phone_without_the_cookie_is_sent_to_join_first(client, workshop):
    response = client.get(reverse("workshops:phone", args=[workshop.session.code]))
    assert response.url == reverse("live:join_code", args=[workshop.session.code])


def test_another_organisation_gets_404(client, workshop, stranger):
    client.force_login(stranger)
    for name in ("workshops:run", "workshops:projector", "workshops:run_step"):
        assert client.get(reverse(name, args=[workshop.pk])).status_code == 404
    assert client.post(reverse("workshops:command", args=[workshop.pk, "next"])).status_code == 404


def test_viewer_follows_but_cannot_move_or_edit(client, workshop, viewer):
    client.force_login(viewer)
    page = client.get(reverse("workshops:run", args=[workshop.pk]))
    assert page.status_code == 200
    assert b"viewer" in page.content
    assert client.post(reverse("workshops:command", args=[workshop.pk, "next"])).status_code == 403
    step = workshop.steps.first()
    edit = reverse("workshops:step_edit", args=[workshop.pk, step.pk])
    assert client.post(edit, {"title": "Hacked"}).status_code == 403
    workshop.refresh_from_db()
    assert workshop.current_step.title == "Välkommen"


def test_editing_a_step_changes_its_note(client, workshop, runner):
    client.force_login(runner)
    step = workshop.steps.first()
    edit = reverse("workshops:step_edit", args=[workshop.pk, step.pk])
    client.post(edit, {"title": "Hej", "body": "Ny text", "script": "Nytt manus"})
    step.refresh_from_db()
    assert (step.title, step.body, step.script) == ("Hej", "Ny text", "Nytt manus")

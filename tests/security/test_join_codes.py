"""Join codes are never given twice, and running out of them is a clear refusal (issue 19,
item 8): a code once given to any session — a live session, a workshop's, an imported
template's — is not given again after that session is deleted, so an old code, link or QR
code never leads into somebody else's session; when no code is left, every page, the API and
the commands that create a session say so in the user's language instead of a 500 or an
endless loop."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from samrad.dialogues.models import Dialogue
from samrad.feedback import method_template
from samrad.live import services as live_services
from samrad.live.errors import NoCodesLeft
from samrad.live.models import JoinCode, LiveSession
from samrad.workshops import services as workshop_services
from samrad.workshops.models import Workshop
from tests.factories import DialogueFactory, OpenSessionFactory
from tests.security.conftest import World, bearer
from tests.security.test_concurrency import at_once, concurrent_db  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

SV_NO_CODE = "Det finns ingen ny deltagarkod kvar på den här servern"
EN_NO_CODE = "No new join code is left on this server"


@pytest.fixture
def three_codes(monkeypatch):
    """A server with three codes only (far from the factories' codes)."""
    monkeypatch.setattr(live_services, "CODE_RANGE", (987650, 987652))
    return {"987650", "987651", "987652"}


@pytest.fixture
def no_code_left(monkeypatch):
    """A server whose only code was given to a session that has been deleted since."""
    monkeypatch.setattr(live_services, "CODE_RANGE", (987650, 987650))
    OpenSessionFactory(code="987650").delete()


def test_a_deleted_sessions_code_is_never_given_again(three_codes):
    dialogue = DialogueFactory()
    first = live_services.session_create(dialogue=dialogue, title="Stormöte")
    code = first.code
    first.delete()
    later = {live_services.session_create(dialogue=dialogue, title=f"S{n}").code for n in (1, 2)}
    assert code not in later and later | {code} == three_codes
    LiveSession.objects.all().delete()
    with pytest.raises(NoCodesLeft):  # all three given once: none is given twice
        live_services.session_create(dialogue=dialogue, title="En till")
    assert set(JoinCode.objects.values_list("code", flat=True)) == three_codes


def test_codes_of_workshops_and_imported_templates_are_not_given_again(world: World, monkeypatch):
    """Sessions made inside a workshop and by a method-template import count as given too,
    also when their whole dialogue is deleted."""
    monkeypatch.setattr(live_services, "CODE_RANGE", (987650, 987659))
    every = {str(n) for n in range(987650, 987660)}
    dialogue = DialogueFactory(organisation=world.dialogue.organisation)
    workshop_services.workshop_create(dialogue, "concerns", world.owner, title="Oro")
    live_services.session_create(dialogue=dialogue, title="Stormöte")
    imported = method_template.import_(
        organisation=dialogue.organisation, actor=world.owner, data=method_template.export(dialogue)
    )
    assert imported.workshops.exists() and imported.sessions.count() == 2
    given = set(
        LiveSession.objects.filter(dialogue__in=[dialogue, imported]).values_list("code", flat=True)
    )
    assert given <= every
    Workshop.objects.filter(dialogue__in=[dialogue, imported]).delete()
    Dialogue.objects.filter(pk__in=[dialogue.pk, imported.pk]).delete()
    assert not LiveSession.objects.filter(code__in=given).exists()
    later = set()
    with pytest.raises(NoCodesLeft):
        for n in range(len(every) + 1):
            later.add(live_services.session_create(dialogue=world.dialogue, title=f"S{n}").code)
    assert not later & given and later | given == every


def test_the_last_free_code_is_found_without_guessing(monkeypatch):
    """When random tries keep hitting given codes, the one code left is still found."""
    monkeypatch.setattr(live_services, "CODE_RANGE", (100000, 100999))
    monkeypatch.setattr(live_services, "CODE_TRIES", 1)
    JoinCode.objects.bulk_create(
        [JoinCode(code=str(n)) for n in range(100000, 101000) if n != 100617]
    )
    JoinCode.objects.create(code="ABC123")  # anything odd in the table is skipped
    assert live_services._new_code() == "100617"
    with pytest.raises(NoCodesLeft):
        live_services._new_code()


def test_no_code_left_is_a_refusal_with_a_message():
    refused = NoCodesLeft()
    assert refused.code == "no_codes_left" and refused.status == 503
    assert refused.message.startswith(EN_NO_CODE)


def _facilitator(world: World) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.force_login(world.owner)
    return client


def test_session_page_says_no_code_is_left(world: World, no_code_left):
    client = _facilitator(world)
    before = LiveSession.objects.count()
    page = client.post(
        reverse("live:session_create", args=[world.dialogue.pk]), {"title": "Kvällsmöte"}
    )
    assert page.status_code == 503
    html = page.content.decode()
    assert SV_NO_CODE in html and 'value="Kvällsmöte"' in html  # the title is kept
    assert LiveSession.objects.count() == before


def test_workshop_page_says_no_code_is_left(world: World, no_code_left):
    client = _facilitator(world)
    before = Workshop.objects.count()
    page = client.post(
        reverse("workshops:template_list", args=[world.dialogue.pk]),
        {"template": "concerns", "title": "Oro i centrum", "language": "sv"},
    )
    assert page.status_code == 503
    assert SV_NO_CODE in page.content.decode()
    assert Workshop.objects.count() == before


def test_method_import_says_no_code_is_left(world: World, no_code_left):
    client = _facilitator(world)
    data = method_template.dumps(method_template.export(world.dialogue))
    before = Dialogue.objects.count()
    page = client.post(
        reverse("feedback:import"),
        {"file": SimpleUploadedFile("metod.json", data), "title": "Importerad"},
    )
    assert page.status_code == 503
    assert SV_NO_CODE in page.content.decode()
    assert Dialogue.objects.count() == before  # nothing half-imported


def test_process_evaluation_says_no_code_is_left(world: World, no_code_left):
    client = _facilitator(world)
    before = LiveSession.objects.count()
    page = client.post(
        reverse("planning:evaluation", args=[world.dialogue.pk]),
        {"action": "questionnaire"},
        follow=True,
    )
    assert page.status_code == 200
    assert SV_NO_CODE in page.content.decode()
    assert LiveSession.objects.count() == before


def test_api_says_no_code_is_left(world: World, no_code_left):
    response = Client().post(
        f"/api/v1/dialogues/{world.dialogue.pk}/sessions",
        json.dumps({"title": "Via API"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="sv",
        **bearer(world.owner),
    )
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "no_codes_left" and body["detail"].startswith(SV_NO_CODE)
    schema = Client().get("/api/v1/openapi.json").json()
    documented = schema["paths"]["/api/v1/dialogues/{dialogue_id}/sessions"]["post"]
    assert "503" in documented["responses"]


def test_demo_command_says_no_code_is_left(no_code_left):
    with pytest.raises(CommandError) as error:
        call_command("demo")
    assert str(error.value).startswith(EN_NO_CODE)
    assert not LiveSession.objects.exists()


@pytest.mark.usefixtures("concurrent_db")
def test_sessions_created_at_once_never_share_a_code(monkeypatch):
    """30 facilitators at once on a server with 20 codes: 20 sessions with 20 different codes,
    and 10 clear refusals — no error, no code twice (the code's row settles each race)."""
    monkeypatch.setattr(live_services, "CODE_RANGE", (987650, 987669))
    dialogue = DialogueFactory()
    results = at_once(30, lambda i: live_services.session_create(dialogue=dialogue, title=f"{i}"))
    sessions = [r for r in results if isinstance(r, LiveSession)]
    refused = [r for r in results if isinstance(r, NoCodesLeft)]
    assert len(sessions) == 20 and len(refused) == 10, [
        r for r in results if not isinstance(r, (LiveSession, NoCodesLeft))
    ]
    assert len({s.code for s in sessions}) == 20
    assert JoinCode.objects.filter(code__startswith="9876").count() == 20

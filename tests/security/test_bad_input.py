"""The probe's cases of issue 19, item 3 (and the open redirect of item 8): each answered 500
or let a request go somewhere else. Now each is a 4xx or the page with a message that names
what is wrong, and nothing is stored.
"""

import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samrad.dialogues.models import Dialogue
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import ParticipantFactory
from tests.security.conftest import World, build_world, worlds_per_module

pytestmark = pytest.mark.django_db

PROBE_IDS = ["²", "abc", "9" * 30, "١٢"]

# Built once for the module; each test's writes are rolled back after it (worlds_per_module).
module_worlds_built, module_worlds = worlds_per_module(lambda: build_world(apps=True))


@pytest.fixture
def apps_world(module_worlds) -> World:
    return module_worlds[0]


def _owner(w: World) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(w.owner)
    return client


def _phone(w: World, session) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[cookie_name(session.pk)] = participant_token(ParticipantFactory(session=session))
    return client


@pytest.mark.slow
def test_probe_ids_in_facilitator_forms_and_filters(apps_world):
    """Slow: four probe ids through every filter and form of five apps."""
    w, client = apps_world, _owner(apps_world)
    d, workshop = w.dialogue.pk, w.apps["workshop"]
    survey, step = w.apps["survey"], w.apps["workshop_step"]
    triad = survey.signifiers.filter(kind="triad").first()
    region_pk = triad.pk if triad else 1
    for bad in PROBE_IDS:
        gets = [
            (reverse("insights:board", args=[d]), {"theme": bad, "session": bad, "segment": bad}),
            (reverse("insights:compare", args=[d]), {"by": "theme", "a": bad, "b": bad}),
            (reverse("signification:results", args=[survey.pk]), {"region": f"{bad}:top"}),
            (reverse("signification:results", args=[survey.pk]), {"region": f"{region_pk}:x"}),
            (reverse("signification:results", args=[survey.pk]), {f"f{region_pk}": bad}),
        ]
        for url, query in gets:
            status = client.get(url, query).status_code
            assert status < 500, (url, query, status)
        posts = [
            (reverse("insights:bulk", args=[d]), {"ids": [bad], "action": "theme", "value": bad}),
            (reverse("insights:groups", args=[d]), {"label": "Ny", "ids": [bad]}),
            (reverse("insights:duplicates", args=[d]), {"keep": bad, "ids": [bad]}),
            (reverse("insights:input_code", args=[w.apps["input"].pk]), {"theme": bad}),
            (reverse("workshops:place", args=[workshop.pk]), {"project": bad, "image": bad}),
            (reverse("workshops:command", args=[workshop.pk, "goto"]), {"step": bad}),
            (reverse("workshops:discussion_show", args=[workshop.pk, step.pk]), {"index": bad}),
            (reverse("workshops:portfolio", args=[workshop.pk]), {"delete_project": bad}),
            (reverse("planning:plan", args=[d]), {"action": "delete_decision", "decision": bad}),
            (reverse("planning:goals", args=[d]), {"action": "delete_goal", "goal": bad}),
            (reverse("planning:goals", args=[d]), {"action": "delete_purpose", "purpose": bad}),
            (reverse("planning:reach", args=[d]), {"action": "delete_group", "group": bad}),
            (reverse("concerns:list", args=[d]), {"delete": bad}),
        ]
        for url, body in posts:
            status = client.post(url, body).status_code
            assert status < 500, (url, body, status)
    month = client.get(reverse("planning:reach", args=[d]), {"month": "9" * 30 + "-1"})
    assert month.status_code == 200


def test_probe_ids_from_phones(apps_world):
    w = apps_world
    mapping, concerns = w.apps["workshop"], w.apps["concerns_workshop"]
    step = w.apps["concerns_step"]
    mapping_phone, concerns_phone = _phone(w, mapping.session), _phone(w, concerns.session)
    for bad in PROBE_IDS:
        place = reverse("workshops:phone_place", args=[mapping.session.code])
        status = mapping_phone.post(place, {"project": bad, "image": bad}).status_code
        assert status < 500, (place, bad, status)
        for command in ("group", "dot", "undot"):
            url = reverse("concerns:phone_command", args=[concerns.pk, step.pk, command])
            body = {"group": bad, "idea": bad}
            status = concerns_phone.post(url, body).status_code
            assert status < 500, (url, bad, status)


# --- Method template import ------------------------------------------------------------------


def _template(**changes) -> dict:
    data = {
        "format": "samrad-method",
        "version": 1,
        "dialogue": {"title": "Mall", "description": "", "language": "sv"},
    }
    data.update(changes)
    return data


def _import(client: Client, data) -> tuple[int, str]:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    upload = SimpleUploadedFile("method.json", raw, content_type="application/json")
    response = client.post(reverse("feedback:import"), {"file": upload})
    return response.status_code, response.content.decode()


def test_method_import_refuses_broken_templates_with_the_field_named(world):
    from samrad.feedback import method_template

    client = _owner(world)
    assert _template()["format"] == method_template.FORMAT
    before = Dialogue.objects.count()
    deep = b'{"format": "samrad-method", "version": 1, "dialogue": ' + b"[" * 50_000
    deep += b"]" * 50_000 + b"}"
    cases = [
        (deep, "JSON"),
        (_template(dialogue={"title": "Mall", "language": ["sv", "en"]}), "language"),
        (_template(dialogue={"title": None, "language": "sv"}), "dialogue.title"),
        (_template(phases=[None]), "phases"),
        (
            _template(
                apps={
                    "workshops": {
                        "frameworks": [{"id": 1, "name": None, "language": "sv", "images": []}],
                        "workshops": [],
                    }
                }
            ),
            "name",
        ),
        (
            _template(
                apps={
                    "workshops": {
                        "frameworks": [
                            {"id": 1, "name": "R", "language": ["sv"], "images": [{"name": None}]}
                        ],
                        "workshops": [],
                    }
                }
            ),
            "language",
        ),
        (
            _template(
                apps={
                    "workshops": {
                        "frameworks": [
                            {"id": 1, "name": "R", "language": "sv", "images": [{"name": None}]}
                        ],
                        "workshops": [],
                    }
                }
            ),
            "name",
        ),
        (
            _template(apps={"workshops": {"workshops": [{"title": None, "language": ["x"]}]}}),
            "language",
        ),
        (_template(apps={"planning": {"version": 1, "purposes": [{"title": None}]}}), "title"),
    ]
    for data, field in cases:
        status, page = _import(client, data)
        assert status == 400, (data if isinstance(data, dict) else "deep", status)
        assert field in page, (field, data if isinstance(data, dict) else "deep")
    assert Dialogue.objects.count() == before


# --- Mail subject, next -----------------------------------------------------------------------


def test_mail_subject_with_line_breaks_is_refused(apps_world, settings):
    w, client = apps_world, _owner(apps_world)
    from samrad.feedback.models import FeedbackMailing

    before = FeedbackMailing.objects.count()
    url = reverse("feedback:manage", args=[w.dialogue.pk])
    for subject in ("Tack\r\nBcc: all@example.org", "Tack\nX", "Tack\rX"):
        response = client.post(url, {"write_mailing": "1", "subject": subject, "body": "Hej"})
        assert response.status_code < 500
        assert FeedbackMailing.objects.count() == before, subject
    # one stored before the check (the conftest's world) can still be sent without a 500
    FeedbackMailing.objects.filter(pk=w.apps["mailing"].pk).update(subject="Tack\r\nBcc: x@y.z")
    mailing_url = reverse("feedback:mailing", args=[w.apps["mailing"].pk])
    response = client.post(mailing_url, {"send": "1"})
    assert response.status_code < 500
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject


def test_next_never_leaves_the_site(apps_world):
    w, client = apps_world, _owner(apps_world)
    workshop, step = w.apps["concerns_workshop"], w.apps["concerns_step"]
    url = reverse("concerns:step_command", args=[workshop.pk, step.pk, "close"])
    bad = ("https://evil.example/", "//evil.example/x", "javascript:alert(1)", "\\\\e.x", "abc")
    for target in bad:
        response = client.post(url, {"next": target})
        assert response.status_code == 302, (target, response.status_code)
        assert response.url.startswith("/") and not response.url.startswith(("//", "/\\")), (
            target,
            response.url,
        )
    inside = reverse("concerns:list", args=[w.dialogue.pk]) + "#top"
    assert client.post(url, {"next": inside}).url == inside
    login = Client(raise_request_exception=False).get(
        reverse("accounts:login"), {"next": "javascript:alert(1)"}
    )
    assert login.status_code == 200 and b"javascript:" not in login.content

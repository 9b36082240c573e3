"""The method template: export, import into another organisation, refusals that create
nothing, the contributed parts, and the upload page."""

import json
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samrad.core import plugins
from samrad.dialogues.models import Dialogue
from samrad.dialogues.services import phases_set
from samrad.feedback import method_template, services
from samrad.feedback.models import GuideNotes
from samrad.live import services as live
from samrad.live.models import LiveSession, Question, QuestionRole, SessionStatus
from tests.factories import OrganisationFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(held, owner):
    dialogue = held.dialogue
    phases_set(dialogue=dialogue, names=["Intervjuer", "Workshop", "Resultat"])
    live.poll_add(session=held, key="evaluation")
    services.notes_save(actor=owner, dialogue=dialogue, lessons="Börja tidigt.")
    return dialogue


@pytest.fixture
def app_parts(monkeypatch):
    """A fake workshops/method.py: exports its part, records what import_ receives."""
    received = []

    def import_(dialogue, data, user):
        if data.get("broken"):
            raise ValueError("broken part")
        received.append((dialogue, data, user))

    fake = SimpleNamespace(export=lambda dialogue: {"templates": ["portfolio"]}, import_=import_)
    parts = plugins.Point("method_parts")
    parts.register("workshops", fake)
    monkeypatch.setattr(plugins, "METHOD_PARTS", parts)
    return received


def counts():
    return Dialogue.objects.count(), LiveSession.objects.count(), Question.objects.count()


def test_round_trip_into_another_organisation(source, held, app_parts):
    data = method_template.export(source)
    assert data["format"] == "samrad-method" and data["version"] == 1
    assert data["apps"] == {"workshops": {"templates": ["portfolio"]}}
    raw = method_template.dumps(data)
    assert b"anna" not in raw and b"onerror" not in raw  # answers never travel

    other = OrganisationFactory()
    user = member_of(other)
    copy = method_template.import_(organisation=other, actor=user, data=method_template.parse(raw))
    assert copy.organisation == other and copy.pk != source.pk
    assert (copy.title, copy.description, copy.language) == (
        source.title,
        source.description,
        source.language,
    )
    assert [p.name for p in copy.phases.all()] == ["Intervjuer", "Workshop", "Resultat"]
    (session,) = copy.sessions.all()
    assert session.status == SessionStatus.CLOSED and session.code != held.code
    old = list(held.questions.all())
    new = list(session.questions.all())
    assert [(q.kind, q.prompt, q.role, q.template_key, q.scale_max) for q in new] == [
        (q.kind, q.prompt, q.role, q.template_key, q.scale_max) for q in old
    ]
    assert [c.label for c in new[1].choices.all()] == ["Trygghet", "Kollektivitet", "Smidighet"]
    assert any(q.role == QuestionRole.EVALUATION for q in new)
    assert not session.participants.exists()
    assert GuideNotes.objects.get(dialogue=copy).lessons == "Börja tidigt."
    assert app_parts == [(copy, {"templates": ["portfolio"]}, user)]
    # exporting the copy gives the same method
    again = method_template.export(copy)
    for key in ("dialogue", "phases", "sessions", "lessons", "apps"):
        assert again[key] == data[key]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b"[1, 2]", "not a Samr"),
        (json.dumps({"format": "other", "version": 1}).encode(), "not a Samr"),
        (json.dumps({"format": "samrad-method", "version": 2}).encode(), "version 2"),
        (b" " * (method_template.MAX_BYTES + 1), "too large"),
    ],
)
def test_broken_files_are_refused_with_a_message(raw, message):
    with pytest.raises(method_template.MethodImportError) as refused:
        method_template.parse(raw)
    assert message in refused.value.message


def valid(source):
    return json.loads(method_template.dumps(method_template.export(source)))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["sessions"][0]["questions"][0].update(kind="telepathy"),
        lambda d: d["sessions"][0]["questions"][0].update(prompt=""),
        lambda d: d["sessions"][0]["questions"][0].update(prompt="x" * 501),
        lambda d: d["sessions"][0]["questions"][0].update(max_entries="many"),
        lambda d: d["dialogue"].update(language="fr"),
        lambda d: d.update(phases="Intervjuer"),
        lambda d: d["sessions"].append("not a session"),
        # valid types but refused by the live service: caught after the first rows exist
        lambda d: d["sessions"][0]["questions"][-1].update(kind="scale", scale_min=5, scale_max=2),
    ],
)
def test_broken_templates_create_nothing(source, breakage):
    data = valid(source)
    breakage(data)
    other = OrganisationFactory()
    before = counts()
    with pytest.raises(method_template.MethodImportError):
        method_template.import_(organisation=other, actor=member_of(other), data=data)
    assert counts() == before


def test_a_failing_app_part_undoes_the_whole_import(source, app_parts):
    data = valid(source)
    data["apps"]["workshops"] = {"broken": True}
    other = OrganisationFactory()
    before = counts()
    with pytest.raises(method_template.MethodImportError) as refused:
        method_template.import_(organisation=other, actor=member_of(other), data=data)
    assert "workshops" in refused.value.message
    assert counts() == before


def test_upload_page_imports_and_refuses(client, source, owner):
    other = OrganisationFactory()
    user = member_of(other)
    client.force_login(user)
    url = reverse("feedback:import")
    assert client.get(url).status_code == 200
    before = counts()
    bad = client.post(url, {"file": SimpleUploadedFile("m.json", b"{oops")})
    assert bad.status_code == 400 and "not valid JSON" in bad.content.decode()
    assert counts() == before
    good = SimpleUploadedFile("m.json", method_template.dumps(method_template.export(source)))
    response = client.post(url, {"file": good, "title": "Lillby 2030"})
    assert response.status_code == 302
    created = Dialogue.objects.get(title="Lillby 2030")
    assert created.organisation == other
    assert response["Location"] == reverse("dialogues:detail", args=[created.pk])


def test_viewers_cannot_import_and_export_is_scoped(client, source):
    viewer = member_of(source.organisation, role="viewer")
    client.force_login(viewer)
    assert client.get(reverse("feedback:import")).status_code == 403
    exported = client.get(reverse("feedback:method", args=[source.pk]))
    assert exported.status_code == 200
    assert json.loads(exported.content)["format"] == "samrad-method"


def _comparable(data: dict) -> dict:
    """A template without what differs between two exports of equal methods."""
    data = json.loads(json.dumps(data))
    data.pop("exported_at", None)
    data.pop("source", None)
    for framework in data.get("apps", {}).get("workshops", {}).get("frameworks", []):
        framework.pop("id", None)
    for workshop in data.get("apps", {}).get("workshops", {}).get("workshops", []):
        workshop.pop("framework", None)
    return data


def test_a_workshop_travels_once_closed_and_export_import_export_is_equal(source, owner):
    from samrad.workshops import services as workshops

    workshops.workshop_create(source, "mapping", owner, title="Kartlägg projekten")
    first = method_template.export(source)
    titles = [s["title"] for s in first["sessions"]]
    assert "Kartlägg projekten" not in titles  # the workshop travels as a workshop only
    other = OrganisationFactory()
    copy = method_template.import_(
        organisation=other, actor=member_of(other), data=json.loads(method_template.dumps(first))
    )
    sessions = list(copy.sessions.order_by("id"))
    assert [s.title for s in sessions].count("Kartlägg projekten") == 1
    assert len(sessions) == len(first["sessions"]) + 1
    assert {s.status for s in sessions} == {SessionStatus.CLOSED}
    assert copy.workshops.count() == 1
    assert _comparable(method_template.export(copy)) == _comparable(first)

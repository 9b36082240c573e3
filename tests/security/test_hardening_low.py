"""The low-severity findings of issue 19, item 8 (the rest of it is elsewhere): join codes when
they run out, the API docs page without a CDN, no working placeholder SECRET_KEY in the
documented compose files, and a facilitator API body that is not an object."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from samrad.dialogues.models import Dialogue
from samrad.live.errors import Refused
from tests.security.conftest import World, bearer

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_new_code_gives_up_with_a_message_when_every_code_is_taken(monkeypatch):
    from samrad.live import services as live_services

    monkeypatch.setattr(live_services, "CODE_RANGE", (100000, 100004))
    taken = []
    for _ in range(5):
        taken.append(live_services._new_code())
        from tests.factories import OpenSessionFactory

        OpenSessionFactory(code=taken[-1])
    assert sorted(taken) == ["100000", "100001", "100002", "100003", "100004"]
    with pytest.raises(Refused) as refused:
        live_services._new_code()  # returns instead of looping for ever
    assert refused.value.code == "no_codes_left"
    assert "code" in refused.value.message


def test_api_docs_load_nothing_from_another_site(world: World):
    client = Client()
    client.force_login(world.owner)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle" in source for source in sources)
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []
    assert "cdn" not in html.lower()


def test_documented_compose_files_hold_no_working_secret_key():
    """Each SECRET_KEY in a compose file of the docs must come from the environment and stop
    the start when it is missing (`${VAR:?message}`), never a value to copy."""
    found = 0
    for path in [*ROOT.glob("docs/**/*.yml"), *ROOT.glob("docs/**/*.md"), ROOT / "README.md"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*-?\s*SECRET_KEY\s*[:=]\s*(\S.*)$", line)
            if not match or "…" in line:
                continue
            found += 1
            assert re.fullmatch(r"\"?\$\{\w+:\?[^}]+\}\"?", match.group(1).strip()), (path, line)
    assert found >= 2


def test_a_json_string_body_creates_no_dialogue(world: World):
    client = Client()
    before = Dialogue.objects.count()
    for body in ('"AAA"', "[]", "1", "null", '["title"]'):
        response = client.post(
            "/api/v1/dialogues", body, content_type="application/json", **bearer(world.owner)
        )
        assert response.status_code in (400, 422), (body, response.status_code)
    assert Dialogue.objects.count() == before
    ok = client.post(
        "/api/v1/dialogues",
        json.dumps({"title": "Ny dialog"}),
        content_type="application/json",
        **bearer(world.owner),
    )
    assert ok.status_code == 201

"""The facilitator API: personal bearer tokens, dialogues, sessions, questions, control,
results and exports — and who may do what."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from samrad.accounts.models import ApiToken, Role
from samrad.accounts.services import apitoken_create
from samrad.live import services
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession, Question, Response, SessionStatus
from tests.factories import (
    ChoiceQuestionFactory,
    DialogueFactory,
    FacilitatorFactory,
    QuestionFactory,
    SessionFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, secret = apitoken_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


class Api:
    """A test client that sends the token and JSON bodies."""

    def __init__(self, client, user):
        self.client = client
        self.headers = bearer(user)

    def get(self, url):
        return self.client.get(f"/api/v1{url}", **self.headers)

    def post(self, url, body=None, raw=None):
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(
            f"/api/v1{url}", data, content_type="application/json", **self.headers
        )


@pytest.fixture
def session():
    session = SessionFactory()
    ChoiceQuestionFactory(session=session, prompt="Vad är viktigast?", position=1)
    QuestionFactory(session=session, kind="open", prompt="Dina inspel", position=2)
    return session


@pytest.fixture
def organisation(session):
    return session.dialogue.organisation


@pytest.fixture
def api(client, organisation):
    return Api(client, member_of(organisation))


@pytest.fixture
def viewer_api(client, organisation):
    return Api(client, member_of(organisation, Role.VIEWER))


@pytest.fixture
def stranger_api(client):
    return Api(client, FacilitatorFactory())


# --- Tokens ------------------------------------------------------------------------------------


def test_create_command_prints_a_working_token_once(client, organisation, capsys):
    user = member_of(organisation)
    call_command("apitoken", "create", user.username, "--name", "Power BI")
    out, err = capsys.readouterr()
    secret = out.strip()
    assert secret.startswith("samrad_") and "\n" not in secret
    assert "not shown again" in err
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (user, "Power BI")
    assert secret not in token.token_hash and token.prefix == secret[: len(token.prefix)]
    response = client.get("/api/v1/dialogues", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    call_command("apitoken", "list", user.username)
    listing = capsys.readouterr().out
    assert "Power BI" in listing and token.prefix in listing and secret not in listing


def test_create_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="no user"):
        call_command("apitoken", "create", "nobody")


def test_revoked_forged_and_missing_tokens_are_401(client, organisation, capsys):
    user = member_of(organisation)
    token, secret = apitoken_create(user=user, name="old")
    url = "/api/v1/dialogues"
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    call_command("apitoken", "revoke", str(token.pk))
    assert "Revoked" in capsys.readouterr().out
    for headers in [
        {"HTTP_AUTHORIZATION": f"Bearer {secret}"},
        {"HTTP_AUTHORIZATION": f"Bearer {secret[:-1]}x"},
        {"HTTP_AUTHORIZATION": "Bearer samrad_forged"},
        {"HTTP_AUTHORIZATION": "Bearer "},
        {"HTTP_AUTHORIZATION": f"Basic {secret}"},
        {"HTTP_X_PARTICIPANT_TOKEN": secret},
        {},
    ]:
        response = client.get(url, **headers)
        assert response.status_code == 401, headers
        assert response.json()["detail"]


def test_revoke_by_prefix_and_inactive_users(client, organisation, capsys):
    user = member_of(organisation)
    token, secret = apitoken_create(user=user, name="laptop")
    other, other_secret = apitoken_create(user=user, name="server")
    call_command("apitoken", "revoke", token.prefix)
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    with pytest.raises(CommandError):
        call_command("apitoken", "revoke", "samrad_nothing")
    user.is_active = False
    user.save()
    response = client.get("/api/v1/dialogues", HTTP_AUTHORIZATION=f"Bearer {other_secret}")
    assert response.status_code == 401


# --- Dialogues ---------------------------------------------------------------------------------


def test_dialogues_list_detail_and_create(api, viewer_api, session):
    body = api.get("/dialogues").json()
    assert [d["id"] for d in body] == [session.dialogue_id]
    assert body[0]["organisation"]["id"] == session.dialogue.organisation_id
    detail = api.get(f"/dialogues/{session.dialogue_id}").json()
    assert detail["title"] == session.dialogue.title

    created = api.post("/dialogues", {"title": "Skolvägar", "language": "nb"})
    assert created.status_code == 201, created.content
    assert created.json()["phases"][1] == "Verksted"
    assert created.json()["organisation"]["id"] == session.dialogue.organisation_id

    refused = viewer_api.post("/dialogues", {"title": "Nej"})
    assert refused.status_code == 403 and refused.json()["detail"]


def test_dialogue_sessions_list_and_create(api, viewer_api, session):
    listed = api.get(f"/dialogues/{session.dialogue_id}/sessions").json()
    assert [s["id"] for s in listed] == [session.pk]
    assert listed[0]["question_count"] == 2
    assert listed[0]["join_url"].endswith(f"/j/{session.code}/")
    created = api.post(f"/dialogues/{session.dialogue_id}/sessions", {"title": "Kväll 2"})
    assert created.status_code == 201
    assert LiveSession.objects.get(pk=created.json()["id"]).title == "Kväll 2"
    refused = viewer_api.post(f"/dialogues/{session.dialogue_id}/sessions", {"title": "X"})
    assert refused.status_code == 403


# --- Sessions and questions -----------------------------------------------------------------


def test_session_detail_and_questions(api, viewer_api, session):
    detail = viewer_api.get(f"/sessions/{session.pk}")
    assert detail.status_code == 200
    assert detail.json()["code"] == session.code
    questions = viewer_api.get(f"/sessions/{session.pk}/questions").json()
    assert [q["prompt"] for q in questions] == ["Vad är viktigast?", "Dina inspel"]
    assert [c["label"] for c in questions[0]["choices"]] == [
        "Trygghet",
        "Kollektivitet",
        "Smidighet",
    ]


def test_add_questions_of_several_kinds(api, session):
    url = f"/sessions/{session.pk}/questions"
    choice = api.post(
        url,
        {
            "kind": "choice",
            "prompt": "Hur kom du hit?",
            "choices": ["Buss", "Cykel", " "],
            "allow_multiple": True,
        },
    )
    assert choice.status_code == 201, choice.content
    assert [c["label"] for c in choice.json()["choices"]] == ["Buss", "Cykel"]
    assert choice.json()["allow_multiple"] is True
    cloud = api.post(url, {"kind": "wordcloud", "prompt": "Ett ord?", "max_entries": 2})
    assert cloud.status_code == 201
    assert Question.objects.get(pk=cloud.json()["id"]).max_entries == 2
    scale = api.post(
        url, {"kind": "scale", "prompt": "Hur nöjd?", "scale_max": 7, "label_low": "Inte alls"}
    )
    assert scale.status_code == 201, scale.content
    stored = Question.objects.get(pk=scale.json()["id"])
    assert (stored.scale_min, stored.scale_max, stored.label_low) == (1, 7, "Inte alls")
    assert list(session.questions.values_list("kind", flat=True)) == [
        "choice",
        "open",
        "choice",
        "wordcloud",
        "scale",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "{",
        "[]",
        "null",
        '"text"',
        "{}",
        '{"kind": "choice"}',
        '{"kind": "nonsense", "prompt": "x"}',
        '{"kind": "open", "prompt": ""}',
        '{"kind": "open", "prompt": "   "}',
        '{"kind": "open", "prompt": "' + "x" * 501 + '"}',
        '{"kind": "open", "prompt": 5}',
        '{"kind": "choice", "prompt": "Only one", "choices": ["A"]}',
        '{"kind": "choice", "prompt": "Long", "choices": ["' + "x" * 201 + '", "B"]}',
        '{"kind": "choice", "prompt": "Bad", "choices": "A,B"}',
        '{"kind": "wordcloud", "prompt": "x", "max_entries": "many"}',
        '{"kind": "wordcloud", "prompt": "x", "max_entries": -1}',
        '{"kind": "open", "prompt": "x", "allow_multiple": "perhaps"}',
        '{"kind": "scale", "prompt": "x", "label_low": "' + "x" * 81 + '"}',
        '{"kind": "numeric", "prompt": "x", "number_min": "lots"}',
        '{"kind": "numeric", "prompt": "x", "number_max": Infinity}',
        '{"kind": "numeric", "prompt": "x", "number_max": NaN}',
        '{"kind": "open", "prompt": "nul \\u0000 byte"}',
        '{"kind": "choice", "prompt": "Nul", "choices": ["A\\u0000", "B"]}',
    ],
)
def test_malformed_question_bodies_are_4xx_with_detail(api, session, raw):
    response = api.post(f"/sessions/{session.pk}/questions", raw=raw)
    assert 400 <= response.status_code < 500, response.content
    assert "detail" in response.json()
    assert session.questions.count() == 2


def test_malformed_bodies_elsewhere_are_4xx(api, session):
    for url, raw in [
        ("/dialogues", "{"),
        ("/dialogues", '{"title": ""}'),
        ("/dialogues", '{"title": "x", "language": "fr"}'),
        ("/dialogues", '{"title": "x", "organisation_id": "abc"}'),
        ("/dialogues", '{"title": "nul \\u0000 byte"}'),
        ("/dialogues", '{"title": "x", "description": "\\u0000"}'),
        (f"/dialogues/{session.dialogue_id}/sessions", '{"title": "\\u0000"}'),
        (f"/dialogues/{session.dialogue_id}/sessions", '{"title": 3}'),
        (f"/dialogues/{session.dialogue_id}/sessions", "[1]"),
    ]:
        response = api.post(url, raw=raw)
        assert 400 <= response.status_code < 500, (url, raw, response.content)
        assert "detail" in response.json()
    for url in ["/sessions/abc", "/dialogues/1.5", "/sessions/99999999999999999999999"]:
        response = api.get(url)
        assert response.status_code in (404, 422), (url, response.content)
        assert "detail" in response.json()


def test_viewer_reads_but_cannot_write(viewer_api, session):
    assert viewer_api.get(f"/sessions/{session.pk}/results").status_code == 200
    for url, body in [
        (f"/sessions/{session.pk}/questions", {"kind": "open", "prompt": "Nej"}),
        (f"/sessions/{session.pk}/control/open", None),
        (f"/dialogues/{session.dialogue_id}/sessions", {"title": "Nej"}),
    ]:
        response = viewer_api.post(url, body)
        assert response.status_code == 403, url
        assert response.json()["detail"]
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT
    assert session.questions.count() == 2


def test_another_organisation_gets_404_everywhere(stranger_api, session):
    dialogue_id = session.dialogue_id
    for url in [
        f"/dialogues/{dialogue_id}",
        f"/dialogues/{dialogue_id}/sessions",
        f"/dialogues/{dialogue_id}/results",
        f"/dialogues/{dialogue_id}/export.csv",
        f"/dialogues/{dialogue_id}/conference.xlsx",
        f"/sessions/{session.pk}",
        f"/sessions/{session.pk}/questions",
        f"/sessions/{session.pk}/results",
        f"/sessions/{session.pk}/export.json",
        f"/sessions/{session.pk}/conference.csv",
    ]:
        response = stranger_api.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"]
    for url, body in [
        (f"/sessions/{session.pk}/questions", {"kind": "open", "prompt": "x"}),
        (f"/sessions/{session.pk}/control/open", None),
        (f"/dialogues/{dialogue_id}/sessions", {"title": "x"}),
        ("/dialogues", {"title": "x", "organisation_id": session.dialogue.organisation_id}),
    ]:
        assert stranger_api.post(url, body).status_code == 404, url
    assert stranger_api.get("/dialogues").json() == []


# --- Running a session --------------------------------------------------------------------------


def test_control_runs_the_session_like_the_control_page(api, session):
    first, second = session.questions.order_by("position")
    url = f"/sessions/{session.pk}/control"

    opened = api.post(f"{url}/open")
    assert opened.status_code == 200
    assert opened.json()["status"] == "open"
    assert opened.json()["current_question"]["id"] == first.pk

    assert api.post(f"{url}/next").json()["current_question"]["id"] == second.pk
    assert api.post(f"{url}/previous").json()["current_question"]["id"] == first.pk
    moved = api.post(f"{url}/goto?question_id={second.pk}")
    assert moved.json()["current_question"]["id"] == second.pk

    assert api.post(f"{url}/stop").json()["current_question"]["accepting"] is False
    assert api.post(f"{url}/accept").json()["current_question"]["accepting"] is True
    assert api.post(f"{url}/hide").json()["current_question"]["results_visible"] is False
    assert api.post(f"{url}/show").json()["current_question"]["results_visible"] is True

    session.refresh_from_db()
    participant = services.participant_join(session=session)
    services.response_submit(
        question=second, participant=participant, answer=Answer(text="Mer grönt", kind="input")
    )
    reset = api.post(f"{url}/reset")
    assert reset.json()["deleted"] == 1
    assert not Response.objects.exists()

    assert api.post(f"{url}/close").json()["status"] == "closed"


def test_control_refusals(api, session):
    url = f"/sessions/{session.pk}/control"
    assert api.post(f"{url}/explode").status_code == 404
    assert api.post(f"{url}/stop").status_code == 409  # no current question yet
    assert api.post(f"{url}/goto").status_code == 422
    assert api.post(f"{url}/goto?question_id=abc").status_code == 422
    other = QuestionFactory()
    assert api.post(f"{url}/goto?question_id={other.pk}").status_code == 404
    for response in [api.post(f"{url}/explode"), api.post(f"{url}/goto")]:
        assert response.json()["detail"]


def test_results_of_a_session_and_a_dialogue(api, session):
    choice = session.questions.get(kind="choice")
    services.session_open(session=session)
    participant = services.participant_join(session=session)
    services.response_submit(
        question=choice,
        participant=participant,
        answer=Answer(choices=[choice.choices.get(label="Trygghet").pk]),
    )
    body = api.get(f"/sessions/{session.pk}/results").json()
    assert body["session"]["id"] == session.pk
    first = body["questions"][0]
    assert first["question"]["id"] == choice.pk
    rows = {row["label"]: row["count"] for row in first["results"]["rows"]}
    assert rows == {"Trygghet": 1, "Kollektivitet": 0, "Smidighet": 0}
    dialogue = api.get(f"/dialogues/{session.dialogue_id}/results").json()
    assert dialogue["sessions"][0]["questions"] == body["questions"]


# --- Exports --------------------------------------------------------------------------------


def test_export_endpoints_return_the_files(viewer_api, session):
    open_question = session.questions.get(kind="open")
    services.session_open(session=session)
    services.session_go_to(session=session, question=open_question)
    participant = services.participant_join(session=session)
    services.response_submit(
        question=open_question,
        participant=participant,
        answer=Answer(text="=1+1 fler bänkar", kind="suggestion"),
    )
    for owner in [f"/sessions/{session.pk}", f"/dialogues/{session.dialogue_id}"]:
        csv_file = viewer_api.get(f"{owner}/export.csv")
        assert csv_file.status_code == 200
        assert csv_file["Content-Type"].startswith("text/csv")
        assert "attachment" in csv_file["Content-Disposition"]
        assert "'=1+1 fler bänkar" in csv_file.content.decode("utf-8-sig")

        xlsx = viewer_api.get(f"{owner}/export.xlsx")
        assert xlsx.status_code == 200
        with translation.override(session.dialogue.language):  # sheet names: dialogue's language
            responses_sheet = gettext("Responses")
        assert load_workbook(io.BytesIO(xlsx.content)).sheetnames[0] == responses_sheet

        data = json.loads(viewer_api.get(f"{owner}/export.json").content)
        assert data["sessions"][0]["id"] == session.pk

        table = viewer_api.get(f"{owner}/conference.csv").content.decode("utf-8-sig")
        assert table.splitlines() == ["text,type,answer,theme", "'=1+1 fler bänkar,Förslag,,"]
        sheet = load_workbook(io.BytesIO(viewer_api.get(f"{owner}/conference.xlsx").content))
        assert sheet.worksheets[0]["B2"].value == "Förslag"

        for wrong in ["export.pdf", "export.conference", "conference.json"]:
            response = viewer_api.get(f"{owner}/{wrong}")
            assert response.status_code in (404, 422)
            assert response.json()["detail"]


# --- OpenAPI --------------------------------------------------------------------------------


def test_openapi_lists_the_facilitator_endpoints_with_bearer_security(client):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    expected = {
        "/api/v1/dialogues",
        "/api/v1/dialogues/{dialogue_id}",
        "/api/v1/dialogues/{dialogue_id}/sessions",
        "/api/v1/dialogues/{dialogue_id}/results",
        "/api/v1/dialogues/{dialogue_id}/export.{fmt}",
        "/api/v1/dialogues/{dialogue_id}/conference.{fmt}",
        "/api/v1/sessions/{session_id}",
        "/api/v1/sessions/{session_id}/questions",
        "/api/v1/sessions/{session_id}/control/{action}",
        "/api/v1/sessions/{session_id}/results",
        "/api/v1/sessions/{session_id}/export.{fmt}",
        "/api/v1/sessions/{session_id}/conference.{fmt}",
    }
    assert expected <= set(paths)
    schemes = document["components"]["securitySchemes"]
    bearer_names = [
        name
        for name, scheme in schemes.items()
        if scheme.get("type") == "http" and scheme.get("scheme") == "bearer"
    ]
    assert bearer_names
    for path in expected:
        for operation in paths[path].values():
            assert any(name in item for item in operation["security"] for name in bearer_names)
    question_body = paths["/api/v1/sessions/{session_id}/questions"]["post"]["requestBody"]
    assert question_body["content"]["application/json"]["schema"]


def test_dialogue_endpoint_sees_only_own_dialogues(api, session):
    DialogueFactory()  # another organisation's
    assert [d["id"] for d in api.get("/dialogues").json()] == [session.dialogue_id]

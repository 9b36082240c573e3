"""Speaker notes (issue 12, item 11): written where questions are set up, shown on the
control page only — never on phones, the projector, a presenter link, the participant API,
the facilitator's exports or the realtime events."""

import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from samrad.live import events, exports, selectors, services
from samrad.live.models import QuestionKind
from tests.factories import OpenSessionFactory, member_of

pytestmark = pytest.mark.django_db

NOTES = "HEMLIGANTECKNING: nämn budgeten innan resultaten visas"


@pytest.fixture
def noted(client):
    session = OpenSessionFactory()
    client.force_login(member_of(session.dialogue.organisation))
    client.post(
        reverse("live:session_edit", args=[session.pk]),
        {
            "kind": "quiz",
            "prompt": "Vilken är Sveriges huvudstad?",
            "choices": "Malmö\n* Stockholm",
            "max_entries": 3,
            "max_words": 3,
            "quiz_seconds": 20,
            "speaker_notes": NOTES,
        },
    )
    question = session.questions.get()
    assert question.speaker_notes == NOTES and question.kind == QuestionKind.QUIZ
    services.session_go_to(session=session, question=question)
    session.refresh_from_db()
    return session


def test_the_control_page_and_the_setup_list_show_the_notes(client, noted):
    control = client.get(reverse("live:session_control", args=[noted.pk])).content.decode()
    assert NOTES in control
    # ...outside the preview of what the room sees
    assert NOTES not in control.split('id="stage"', 1)[1].split('id="connection"', 1)[0]
    assert NOTES[:40] in client.get(reverse("live:session_edit", args=[noted.pk])).content.decode()


def test_nothing_the_room_or_an_export_gets_carries_the_notes(client, noted):
    presenter = client.get(reverse("live:presenter", args=[noted.code])).content.decode()
    stage = client.get(reverse("live:presenter_stage", args=[noted.code])).content.decode()
    secret = services.presenter_link_create(session=noted)
    client.logout()
    link = client.get(reverse("live:presenter_link", args=[secret])).content.decode()
    phone = client.get(reverse("live:join_code", args=[noted.code])).content.decode()
    fragment = client.get(reverse("live:participant_question", args=[noted.code])).content.decode()
    surfaces = {
        "presenter": presenter,
        "stage": stage,
        "presenter link": link,
        "phone page": phone,
        "phone fragment": fragment,
        "stage pushed on the socket": render_to_string(
            "live/_stage.html", selectors.stage_context(noted)
        ),
        "state event": json.dumps(events.state_event(noted), default=str),
        "responses CSV": exports.responses_csv(noted).decode("utf-8-sig"),
        "JSON export": exports.export_json(noted).decode(),
        "conference table": exports.conference_csv(noted).decode("utf-8-sig"),
    }
    assert "Vilken är Sveriges huvudstad?" in phone  # the question itself is there
    for where, text in surfaces.items():
        assert "HEMLIGANTECKNING" not in text, f"speaker notes leaked into the {where}"
    xlsx = exports.responses_xlsx(noted)
    assert b"HEMLIGANTECKNING" not in xlsx  # (compressed, so also check the sheets' text)
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(xlsx))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert not any("HEMLIGANTECKNING" in c for c in cells)

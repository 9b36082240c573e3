"""Formula injection through control characters (issue 19, item 1): a spreadsheet drops
control characters, so "\\x01=HYPERLINK(…)" became a formula cell when the escaping ran
before they were stripped. Every CSV/XLSX export is read back here, cell by cell, the way a
spreadsheet would read it (control characters gone, leading spaces ignored): none may start a
formula unless it carries the leading '.

The texts reach the exports through the doors that do not clean them on the way in: a table
import on the input board, the facilitator API's question prompt and options, an action's text
and a story, stored as sent.
"""

import csv
import io
import json
import re
import uuid

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from samrad.live import exports
from tests.security.conftest import World, bearer, build_world

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '\x01=HYPERLINK("http://evil.example","klick")',
    "\x00=1+1",
    "\x1f\x1f+SUM(1)",
    "\x7f@SUM(1+1)",
    "\x0b-1+2",
    "\x85=1+1",
    "\u200b=1+1",
    "\ufeff=1+1",
    " \x02=1+1",
    "\x03\t=1+1",
    "＝1+1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# What a spreadsheet program ignores in front of a formula: control characters (C0 but tab,
# line feed and carriage return; DEL; C1), invisible format characters and spaces.
IGNORED = re.compile(r"^[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff ]+")


def runs_as_formula(cell: str) -> bool:
    return IGNORED.sub("", cell).startswith(FORMULA_STARTS)


def cells_of(content: bytes, fmt: str) -> list[str]:
    if fmt.endswith("csv"):
        text = content.decode("utf-8-sig")
        return [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


def assert_no_formula(content: bytes, fmt: str, where: str, payload: str, *, shown=True) -> None:
    cells = cells_of(content, fmt)
    running = [cell for cell in cells if runs_as_formula(cell)]
    assert running == [], (where, payload)
    if shown:  # the text is in the export, escaped
        assert [cell for cell in cells if cell.startswith("'")], (where, payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_spreadsheet_builders_strip_then_escape(payload):
    header, rows = ["text"], [[payload], [payload + payload]]
    assert_no_formula(exports.csv_bytes(header, rows), "csv", "csv_bytes", payload)
    assert_no_formula(exports.xlsx_bytes([("s", [header, *rows])]), "xlsx", "xlsx", payload)


def test_spreadsheet_cell_keeps_ordinary_text_and_numbers():
    assert exports.spreadsheet_cell("Bra\x01 park") == "Bra park"
    assert exports.spreadsheet_cell("rad ett\nrad två") == "rad ett\nrad två"
    assert exports.spreadsheet_cell(3) == 3
    assert exports.spreadsheet_cell(None) is None


def _store_everywhere(w: World, payload: str) -> None:
    """The payload, as sent, in the texts every export carries. PostgreSQL text cannot hold
    NUL at all, so there it is stored without (SQLite keeps it and the exports must cope)."""
    from django.db import connection
    from django.utils import timezone

    if connection.vendor != "sqlite":
        payload = payload.replace("\x00", "")

    from samrad.concerns import services as concerns
    from samrad.insights.models import Input, InputChannel
    from samrad.signification import services as signification

    Input.objects.create(
        dialogue=w.dialogue, text=payload, channel=InputChannel.IMPORT, created_at=timezone.now()
    )
    action = concerns.action_create(dialogue=w.dialogue, what="Åtgärd", actor=w.owner)
    type(action).objects.filter(pk=action.pk).update(what=payload, owner_name=payload)
    survey = signification.survey_create(
        dialogue=w.dialogue, actor=w.owner, title="Berättelser", prompt="Berätta"
    )
    signification.signifier_add(
        survey=survey, actor=w.owner, kind="tags", prompt="Var?", labels=["Parken", "Torget"]
    )
    signification.survey_set_status(survey=survey, actor=w.owner, status="open")
    story, *_ = signification.story_submit(
        survey=survey, respondent=uuid.uuid4(), data={"text": "Berättelse", "title": "Titel"}
    )
    type(story).objects.filter(pk=story.pk).update(text=payload, title=payload)


def _api_question(client: Client, w: World, payload: str, auth: dict) -> None:
    """The facilitator API: a question whose prompt and options are the payload, answered."""
    from samrad.live import services
    from samrad.live.kinds import Answer
    from samrad.live.models import Question

    url = f"/api/v1/sessions/{w.session.pk}/questions"
    text = payload.replace("\x00", "")  # the API refuses NUL
    body = {"kind": "choice", "prompt": text, "choices": [text, "Nej"]}
    response = client.post(url, json.dumps(body), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    question = Question.objects.get(pk=response.json()["id"])
    services.session_go_to(session=w.session, question=question)
    choice = question.choices.order_by("position", "id").first()
    services.response_submit(
        question=question, participant=w.participant, answer=Answer(choices=[choice.pk])
    )


@pytest.mark.parametrize("payload", PAYLOADS[:3], ids=repr)
def test_every_export_is_safe_from_control_character_formulas(payload, settings):
    settings.SAMRAD_ANSWERS_PER_MINUTE = 10_000
    w = build_world()
    client = Client()
    client.force_login(w.owner)
    auth = bearer(w.owner)
    _api_question(client, w, payload, auth)
    _store_everywhere(w, payload)
    survey = w.dialogue.surveys.get()
    downloads = [
        (reverse("live:session_export", args=[w.session.pk, fmt]), fmt)
        for fmt in ("csv", "xlsx", "conference.csv", "conference.xlsx")
    ]
    downloads += [
        (reverse("live:dialogue_export", args=[w.dialogue.pk, fmt]), fmt)
        for fmt in ("csv", "xlsx", "conference.csv", "conference.xlsx")
    ]
    downloads += [(f"/api/v1/sessions/{w.session.pk}/export.{fmt}", fmt) for fmt in ("csv", "xlsx")]
    downloads += [
        (f"/api/v1/dialogues/{w.dialogue.pk}/export.{fmt}", fmt) for fmt in ("csv", "xlsx")
    ]
    downloads += [
        (reverse("insights:export", args=[w.dialogue.pk, fmt]), fmt)
        for fmt in ("conference.csv", "conference.xlsx")
    ]
    downloads += [
        (reverse("concerns:actions", args=[w.dialogue.pk]) + f"?format={fmt}", fmt)
        for fmt in ("csv", "xlsx")
    ]
    downloads += [
        (reverse("signification:export", args=[survey.pk, fmt]), fmt) for fmt in ("csv", "xlsx")
    ]
    for url, fmt in downloads:
        response = client.get(url, **auth) if url.startswith("/api/") else client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        # the live conference tables hold open inputs and Q&A posts only: none here
        shown = not (url.startswith(("/sessions", "/dialogues")) and "conference" in fmt)
        assert_no_formula(content, fmt, url, payload, shown=shown)

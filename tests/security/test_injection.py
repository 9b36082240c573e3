"""HTML, script and spreadsheet formulas in every text field stay inert: escaped in pages
(no script or event handler reaches the DOM), escaped in CSV/XLSX (a leading ' before
= + - @ tab CR) and literal in reports (PDF source HTML escaped, DOCX text as typed).

The test is a table: PAYLOADS × ENTRY_POINTS (pages and reports read for the payloads with
markup characters, spreadsheets for the payloads that start like a formula). An entry point
stores a payload the way a person would (a service call, the same one the pages and the API
make) and returns the pages that show it, each as (who looks, URL). To cover a new app's text
fields after a merge, add one function to ENTRY_POINTS:

    def workshop_note(w, payload):
        note = workshops.services.note_add(..., text=payload)
        return [("facilitator", reverse("workshops:board", args=[...]))]

Return None when the app refuses the payload as input (that is safe too); every entry point
must accept at least one payload. Exports of the entry point's session are checked whatever
it returns.
"""

import csv
import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from samrad.core import reporting
from samrad.dialogues import services as dialogue_services
from samrad.live import exports, services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Choice, Question
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import QuestionFactory, put_on_screen
from tests.security.conftest import World

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "</textarea><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    '=HYPERLINK("http://evil.example","klick")',
    "+1+2",
    "-1+2 cmd",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# --- Entry points: where a person types text ---------------------------------------------------


def _show(question: Question) -> Question:
    return put_on_screen(question)


def open_input(w: World, payload):
    question = _show(QuestionFactory(session=w.session, kind="open"))
    services.response_submit(
        question=question, participant=w.participant, answer=Answer(text=payload, kind="input")
    )
    code = w.session.code
    return [
        ("facilitator", reverse("live:presenter_stage", args=[code])),
        ("facilitator", reverse("live:session_control", args=[w.session.pk])),
        ("phone", reverse("live:join_code", args=[code])),
        ("phone", reverse("live:my_data", args=[code])),
    ]


def qa_post(w: World, payload):
    _show(w.qa_question)
    post = services.response_submit(
        question=w.qa_question, participant=w.participant, answer=Answer(text=payload)
    )
    services.qa_reply(response=post, text=payload)  # the facilitator's reply, same text
    code = w.session.code
    return [
        ("facilitator", reverse("live:presenter_stage", args=[code])),
        ("facilitator", reverse("live:qa_moderation", args=[w.session.pk, w.qa_question.pk])),
        ("phone", reverse("live:participant_qa", args=[code, w.qa_question.pk])),
        ("phone", reverse("live:join_code", args=[code])),
    ]


def wordcloud_entry(w: World, payload):
    question = _show(QuestionFactory(session=w.session, kind="wordcloud"))
    try:
        services.response_submit(
            question=question, participant=w.participant, answer=Answer(words=payload)
        )
    except Refused:  # more than three words, or none: refused as input
        return None
    return [
        ("facilitator", reverse("live:presenter_stage", args=[w.session.code])),
        ("phone", reverse("live:join_code", args=[w.session.code])),
    ]


def other_text(w: World, payload):
    question = _show(QuestionFactory(session=w.session, kind="choice", allow_other=True))
    Choice.objects.create(question=question, label="Ja")
    services.response_submit(
        question=question, participant=w.participant, answer=Answer(text=payload)
    )
    return [
        ("facilitator", reverse("live:presenter_stage", args=[w.session.code])),
        ("phone", reverse("live:my_data", args=[w.session.code])),
    ]


def session_and_question_names(w: World, payload):
    services.session_update(session=w.session, title=payload, mode="live")
    question = services.question_add(
        session=w.session, kind="choice", prompt=payload, choices=[payload, "Nej"]
    )
    _show(question)
    return [
        ("facilitator", reverse("live:session_edit", args=[w.session.pk])),
        ("facilitator", reverse("live:presenter", args=[w.session.code])),
        ("facilitator", reverse("live:session_control", args=[w.session.pk])),
        ("facilitator", reverse("dialogues:detail", args=[w.dialogue.pk])),
        ("phone", reverse("live:join_code", args=[w.session.code])),
    ]


def dialogue_and_meeting_names(w: World, payload):
    dialogue_services.dialogue_update(
        dialogue=w.dialogue, title=payload, description=payload, language="sv"
    )
    dialogue_services.meeting_create(dialogue=w.dialogue, title=payload, place=payload)
    dialogue_services.phases_set(dialogue=w.dialogue, names=[payload])
    return [
        ("facilitator", reverse("dialogues:list")),
        ("facilitator", reverse("dialogues:detail", args=[w.dialogue.pk])),
    ]


# --- The newer apps (input board, workshops, concerns, planning, feedback, signification) -----


def board_texts(w: World, payload):
    """Input board: an imported text, the facilitator's answer to it, a theme's name."""
    from django.utils import timezone

    from samrad.insights import services as insights
    from samrad.insights.models import Input, InputChannel

    item = Input.objects.create(
        dialogue=w.dialogue, text=payload, channel=InputChannel.IMPORT, created_at=timezone.now()
    )
    theme = insights.theme_create(dialogue=w.dialogue, name=payload, actor=w.owner)
    insights.input_code(input=item, theme=theme, on=True, actor=w.owner)
    insights.input_answer(input=item, answer=payload, actor=w.owner)
    insights.input_publish(input=item, published=True, actor=w.owner)
    pk = w.dialogue.pk
    return [
        ("facilitator", reverse("insights:board", args=[pk])),
        ("facilitator", reverse("insights:codebook", args=[pk])),
        ("facilitator", reverse("insights:public_preview", args=[pk])),
        ("facilitator", reverse("insights:input_row", args=[item.pk])),
    ]


def mapping_workshop(w: World, payload):
    """Workshops: the workshop's title, a project's name and description."""
    from samrad.workshops import services as workshops
    from samrad.workshops.mapping import services as mapping_services

    workshop = workshops.workshop_create(w.dialogue, "mapping", w.owner, title=payload)
    mapping_services.project_add(
        workshop=workshop, actor=w.owner, name=payload, description=payload
    )
    return [
        ("facilitator", reverse("workshops:run", args=[workshop.pk])),
        ("facilitator", reverse("workshops:portfolio", args=[workshop.pk])),
        ("facilitator", reverse("workshops:board", args=[workshop.pk])),
        ("facilitator", reverse("workshops:projector", args=[workshop.pk])),
        ("docx", reverse("workshops:report", args=[workshop.pk, "docx"])),
    ]


def concerns_texts(w: World, payload):
    """Concerns: a concern, an idea about it, the action made of it."""
    from samrad.concerns import services as concerns
    from samrad.workshops import services as workshops

    workshop = workshops.workshop_create(w.dialogue, "concerns", w.owner)
    concern = concerns.concern_add(dialogue=w.dialogue, text=payload, actor=w.owner)
    group = workshop.concern_groups.first()
    concerns.group_update(group=group, name=group.name, concern=concern, actor=w.owner)
    step = workshop.steps.get(format="concerns.ideas")
    concerns.idea_add(workshop=workshop, group=group, text=payload, step=step, actor=w.owner)
    action = concerns.action_create(dialogue=w.dialogue, what=payload, actor=w.owner)
    return [
        ("facilitator", reverse("concerns:list", args=[w.dialogue.pk])),
        ("facilitator", reverse("concerns:actions", args=[w.dialogue.pk])),
        ("facilitator", reverse("concerns:action_edit", args=[action.pk])),
        (
            "facilitator",
            reverse("concerns:step_screen", args=[workshop.pk, step.pk, "facilitator"]),
        ),
    ]


def plan_texts(w: World, payload):
    """Planning: a purpose, a goal and a measure's names, a decision."""
    import datetime

    from samrad.planning import services as planning

    purpose = planning.purpose_create(dialogue=w.dialogue, title=payload, actor=w.owner)
    goal = planning.goal_create(purpose=purpose, title=payload, actor=w.owner)
    planning.measure_create(goal=goal, actor=w.owner, title=payload, method=payload, target=10)
    planning.decision_create(
        dialogue=w.dialogue,
        decided_on=datetime.date.today(),
        body=payload,
        decision=payload,
        consequence=payload,
        actor=w.owner,
    )
    pk = w.dialogue.pk
    return [
        ("facilitator", reverse("planning:plan", args=[pk])),
        ("facilitator", reverse("planning:goals", args=[pk])),
        ("facilitator", reverse("planning:evaluation", args=[pk])),
    ]


def feedback_texts(w: World, payload):
    """Feedback: the public page's texts, an e-mail's subject and body."""
    from samrad.feedback import services as feedback

    page = feedback.page_save(
        actor=w.owner,
        dialogue=w.dialogue,
        slug=f"dialog-{w.dialogue.pk}",
        intro=payload,
        next_steps=payload,
        contact=payload,
    )
    feedback.page_publish(actor=w.owner, page=page, published=True)
    mailing = feedback.mailing_create(
        actor=w.owner, dialogue=w.dialogue, subject=payload, body=payload
    )
    pk = w.dialogue.pk
    return [
        ("anonymous", reverse("feedback:public", args=[page.slug])),
        ("facilitator", reverse("feedback:manage", args=[pk])),
        ("facilitator", reverse("feedback:preview", args=[pk])),
        ("facilitator", reverse("feedback:mailing", args=[mailing.pk])),
    ]


def survey_texts(w: World, payload):
    """Signification: the survey's title, a signifier's labels, a story's text and title."""
    import uuid

    from samrad.signification import services as signification

    survey = signification.survey_create(
        dialogue=w.dialogue, actor=w.owner, title=payload, prompt=payload
    )
    signification.signifier_add(
        survey=survey, actor=w.owner, kind="tags", prompt=payload, labels=[payload, "Parken"]
    )
    signification.survey_set_status(survey=survey, actor=w.owner, status="open")
    signification.peek_update(survey=survey, actor=w.owner, enabled=True, shows_stories=True)
    signification.story_submit(
        survey=survey, respondent=uuid.uuid4(), data={"text": payload, "title": payload}
    )
    return [
        ("facilitator", reverse("signification:detail", args=[survey.pk])),
        ("facilitator", reverse("signification:results", args=[survey.pk])),
        ("anonymous", reverse("signification:public", args=[survey.code])),
        ("anonymous", reverse("signification:peek", args=[survey.peek_token])),
    ]


def app_spreadsheet_cells(w: World) -> list[str]:
    """Every text cell of the newer apps' CSV/XLSX exports of the world's dialogue."""
    from samrad.insights import exports as board_exports
    from samrad.signification import exports as survey_exports

    cells = []
    csv_bodies = [board_exports.build(w.dialogue, "conference.csv").content]
    xlsx_bodies = [board_exports.build(w.dialogue, "conference.xlsx").content]
    for survey in w.dialogue.surveys.all():
        csv_bodies.append(survey_exports.stories_csv(survey))
        xlsx_bodies.append(survey_exports.stories_xlsx(survey))
    for body in csv_bodies:
        content = body.decode("utf-8-sig")
        cells += [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    for body in xlsx_bodies:
        book = openpyxl.load_workbook(io.BytesIO(body))
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells += [cell for cell in row if isinstance(cell, str)]
    return cells


ENTRY_POINTS = [
    open_input,
    qa_post,
    wordcloud_entry,
    other_text,
    session_and_question_names,
    dialogue_and_meeting_names,
    board_texts,
    mapping_workshop,
    concerns_texts,
    plan_texts,
    feedback_texts,
    survey_texts,
]

# Entry points whose text the session's CSV/XLSX carry, and those whose text the newer apps'
# exports carry (input board, stories): there a formula must come out with its leading '.
SESSION_ENTRY_POINTS = {
    open_input,
    qa_post,
    wordcloud_entry,
    other_text,
    session_and_question_names,
}
APP_EXPORT_ENTRY_POINTS = {board_texts, survey_texts}

# --- Checks ----------------------------------------------------------------------------------


class DomCollector(HTMLParser):
    """The elements a browser would build: tags with their attributes, inline script text,
    and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def assert_inert(html: str, payload: str, where: str) -> bool:
    """No injected element or handler; returns whether the payload shows as text."""
    dom = DomCollector()
    dom.feed(html)
    for tag, attrs in dom.elements:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"{where}: <{tag} {handlers}>"
        assert tag not in {"img", "svg"} or attrs.get("src") != "x", f"{where}: <{tag}>"
        if tag == "script":
            assert attrs.get("src"), f"{where}: an inline <script>"
    assert not any("alert" in script for script in dom.scripts), where
    return payload.strip() in "".join(dom.text)


def spreadsheet_cells(target) -> list[str]:
    cells = []
    for fmt in ("csv", "conference.csv"):
        content = exports.build(target, fmt).content.decode("utf-8-sig")
        cells += [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    for fmt in ("xlsx", "conference.xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(exports.build(target, fmt).content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells += [cell for cell in row if isinstance(cell, str)]
    return cells


def docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    return "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )


def _client(kind: str, w: World) -> Client:
    client = Client()
    if kind in ("facilitator", "docx"):
        client.force_login(w.owner)
    elif kind == "phone":
        client.cookies[cookie_name(w.session.pk)] = participant_token(w.participant)
    return client


@pytest.mark.parametrize("entry_point", ENTRY_POINTS, ids=lambda f: f.__name__)
def test_text_stays_inert_in_pages_and_exports(entry_point, settings):
    from tests.security.conftest import build_world

    settings.SAMRAD_ANSWERS_PER_MINUTE = 10_000
    accepted = 0
    for payload in PAYLOADS:
        w = build_world()
        pages = entry_point(w, payload)
        if pages is None:
            continue
        accepted += 1
        seen = False
        # Pages and reports for payloads that markup could take for its own; spreadsheets
        # for payloads that a spreadsheet could take for a formula (the HYPERLINK is both).
        markup = any(char in payload for char in "<>\"'&")
        formula = payload.strip().startswith(FORMULA_STARTS)
        for kind, url in pages if markup else ():
            response = _client(kind, w).get(url)
            assert response.status_code == 200, (url, response.status_code)
            if kind == "docx":  # a Word report writes the text as typed
                assert payload.strip() in docx_text(response.content), (url, payload)
                continue
            seen |= assert_inert(response.content.decode(), payload, f"{url} {payload!r}")
        if "<" in payload:
            assert seen, f"{entry_point.__name__}: {payload!r} shown on none of its pages"
        if not formula:
            continue
        for target in (w.session, w.dialogue):
            cells = spreadsheet_cells(target)
            for cell in cells:
                assert not cell.startswith(FORMULA_STARTS), (entry_point.__name__, cell)
            assert (
                any(cell == "'" + payload.strip() for cell in cells)
                or entry_point not in SESSION_ENTRY_POINTS
            ), payload
        app_cells = app_spreadsheet_cells(w)
        for cell in app_cells:
            assert not cell.startswith(FORMULA_STARTS), (entry_point.__name__, cell)
        if entry_point in APP_EXPORT_ENTRY_POINTS:
            assert "'" + payload.strip() in app_cells, (entry_point.__name__, payload)
    assert accepted, f"{entry_point.__name__} accepted none of the payloads"


# --- Reports (PDF, DOCX) through samrad/core/reporting.py --------------------------------------

REPORT_BLOCKS = [
    lambda p: reporting.Heading(p),
    lambda p: reporting.Paragraph(p),
    lambda p: reporting.Bullets([p, "ok"]),
    lambda p: reporting.Table(headers=[p, "n"], rows=[[p, 3]], caption=p),
]


def report_of(payloads) -> reporting.Document:
    doc = reporting.Document(title=payloads[0], subtitle=payloads[1])
    for payload in payloads:
        for block in REPORT_BLOCKS:
            doc.add(block(payload))
    return doc


def test_reports_keep_participants_text_literal():
    import docx

    payloads = [*PAYLOADS, "kontroll\x0btecken\x00"]
    doc = report_of(payloads)
    html = reporting.render_html(doc)
    dom = DomCollector()
    dom.feed(html)
    assert [tag for tag, _ in dom.elements if tag in {"script", "img", "svg"}] == []
    assert not [a for _tag, attrs in dom.elements for a in attrs if a.startswith("on")]
    text = "".join(dom.text)
    for payload in PAYLOADS:
        assert payload in text
    # DOCX: the same text, literally, in paragraphs and table cells (control characters that
    # XML cannot carry are dropped instead of failing the whole report).
    document = docx.Document(io.BytesIO(reporting.render_docx(doc)))
    written = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    for payload in PAYLOADS:  # Word keeps a carriage return as a line break
        assert payload.replace("\r", "\n") in written, payload
    assert "kontrolltecken" in written
    pdf = reporting.render_pdf(doc)
    assert pdf.startswith(b"%PDF") and b"/JavaScript" not in pdf and b"/JS " not in pdf

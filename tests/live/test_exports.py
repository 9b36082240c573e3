"""Exports of a session and a dialogue: CSV, XLSX, JSON and the conference table; formula
escaping, empty sessions, who may download, and LibreOffice opening what we write."""

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from samrad.accounts.models import Role
from samrad.dialogues.services import dialogue_create
from samrad.live import exports, services
from samrad.live.kinds import REGISTRY, Answer
from samrad.live.models import Question, QuestionRole
from samrad.live.tokens import participant_token
from tests.factories import FacilitatorFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+1", "@SUM(A1:A2)", "-2", "+3"]
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def as_dicts(content: bytes) -> list[dict[str, str]]:
    header, *rows = read_csv(content)
    return [dict(zip(header, row, strict=True)) for row in rows]


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content))


def sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def add(session, kind, prompt, **settings):
    return services.question_add(session=session, kind=kind, prompt=prompt, **settings)


def answer(question, participant, **fields):
    services.session_go_to(session=question.session, question=question)
    return services.response_submit(
        question=question, participant=participant, answer=Answer(**fields)
    )


def options(question) -> dict[str, int]:
    return {c.label: c.pk for c in question.choices.all()}


class Built:
    """A session with a composition question and an answer to every kind."""

    def __init__(self, language="en", title="Town hall"):
        self.organisation = OrganisationFactory()
        self.dialogue = dialogue_create(
            organisation=self.organisation, title="Storby 2030", language=language
        )
        session = services.session_create(dialogue=self.dialogue, title=title)
        self.session = session
        q = {}
        q["age"] = add(session, "choice", "Age", choices=["Under 30", "30 or older"])
        Question.objects.filter(pk=q["age"].pk).update(role=QuestionRole.COMPOSITION)
        q["cloud"] = add(session, "wordcloud", "First reflections?")
        q["choice"] = add(
            session,
            "choice",
            "What matters?",
            choices=["Safety", "Community", "Ease"],
            allow_multiple=True,
            allow_other=True,
        )
        q["open"] = add(session, "open", "Your inputs")
        q["qa"] = add(session, "qa", "Ask the panel")
        q["scale"] = add(session, "scale", "How satisfied?")
        q["ranking"] = add(session, "ranking", "Rank these", choices=["Bus", "Bike", "Car"])
        q["numeric"] = add(session, "numeric", "How many years here?")
        q["points"] = add(session, "points", "Spend 100 points", choices=["Park", "School"])
        q["statements"] = add(session, "statements", "Where do you stand?", choices=["Trees"])
        q["info"] = add(session, "info", "Tonight's programme")  # no answers: an info slide
        q["quiz"] = add(
            session, "quiz", "Capital of Norway?", choices=["Oslo", "Bergen"], correct=[0]
        )
        self.q = q
        services.session_open(session=session)
        p1 = services.participant_join(session=session)
        p2 = services.participant_join(session=session)
        self.participants = [p1, p2]
        age = options(q["age"])
        answer(q["age"], p1, choices=[age["Under 30"]])
        answer(q["age"], p2, choices=[age["30 or older"]])
        answer(q["cloud"], p1, words="Spennende prosjekt")
        picked = options(q["choice"])
        answer(q["choice"], p1, choices=[picked["Ease"], picked["Safety"]], text="Trees")
        answer(q["open"], p1, text="Build more bike lanes", kind="suggestion")
        answer(q["open"], p2, text="When does building start?", kind="question")
        post = answer(q["qa"], p2, text="Who decides?")
        services.qa_reply(response=post, text="The council")
        services.qa_upvote(response=post, participant=p1)
        services.qa_moderate(response=post, action="answered")
        answer(q["scale"], p1, value="4")
        ranked = options(q["ranking"])
        answer(q["ranking"], p1, choices=[ranked["Car"], ranked["Bus"], ranked["Bike"]])
        answer(q["numeric"], p2, value="3.5")
        spent = options(q["points"])
        answer(q["points"], p1, points={str(spent["School"]): "40", str(spent["Park"]): "60"})
        # Statements' votes are not Responses: the Pol.is export (opinions) carries them.
        answer(q["statements"], p2, choices=[q["statements"].statements.get().pk], value="1")
        answer(q["quiz"], p2, choices=[options(q["quiz"])["Oslo"]])


@pytest.fixture
def built():
    return Built()


def test_every_registered_kind_is_answered_by_the_fixture(built):
    assert {q.kind for q in built.q.values()} == set(REGISTRY)


def test_csv_has_one_row_per_response_with_answers_as_text(built):
    content = exports.responses_csv(built.session)
    header, *_rows = read_csv(content)
    assert header == exports.RESPONSE_COLUMNS + ["Age"]
    rows = as_dicts(content)
    assert len(rows) == 12
    by_question = {}
    for row in rows:
        by_question.setdefault(row["question"], []).append(row)
    assert by_question["What matters?"][0]["answer"] == "Safety; Ease; Trees"
    assert by_question["Rank these"][0]["answer"] == "Car; Bus; Bike"
    assert by_question["Spend 100 points"][0]["answer"] == "Park: 60; School: 40"
    assert by_question["How satisfied?"][0]["answer"] == "4"
    assert by_question["How many years here?"][0]["answer"] == "3.5"
    quiz = by_question["Capital of Norway?"][0]
    assert (quiz["answer"], quiz["correct"]) == ("Oslo", "true")
    assert 950 <= int(quiz["quiz_points"]) <= 1000
    assert by_question["How many years here?"][0]["correct"] == ""
    assert by_question["First reflections?"][0]["answer"] == "Spennende prosjekt"
    inputs = {r["answer"]: r["input_kind"] for r in by_question["Your inputs"]}
    assert inputs == {
        "Build more bike lanes": "suggestion",
        "When does building start?": "question",
    }
    qa = by_question["Ask the panel"][0]
    assert (qa["kind"], qa["reply"], qa["upvotes"], qa["answered"], qa["moderation"]) == (
        "qa",
        "The council",
        "1",
        "true",
        "approved",
    )
    assert by_question["Your inputs"][0]["moderation"] == "approved"
    first = by_question["What matters?"][0]
    assert first["session"] == "Town hall"
    assert first["session_id"] == str(built.session.pk)
    assert first["channel"] == "live"
    assert first["created_at"][:4].isdigit() and "T" in first["created_at"]


def test_participants_are_anonymous_numbers_with_their_segments(built):
    content = exports.responses_csv(built.session)
    rows = as_dicts(content)
    segment = {row["participant"]: row["Age"] for row in rows}
    assert segment == {"1": "Under 30", "2": "30 or older"}
    text = content.decode("utf-8-sig")
    for participant in built.participants:
        assert str(participant.key) not in text
        assert participant_token(participant) not in text


def test_dialogue_export_has_every_session_and_one_segment_column(built):
    second = services.session_create(dialogue=built.dialogue, title="Outreach")
    age = add(second, "choice", "Age", choices=["Under 30", "30 or older"])
    Question.objects.filter(pk=age.pk).update(role=QuestionRole.COMPOSITION)
    services.session_open(session=second)
    person = services.participant_join(session=second)
    answer(age, person, choices=[options(age)["Under 30"]])

    header, *rows = read_csv(exports.responses_csv(built.dialogue))
    assert header.count("Age") == 1
    assert {row[1] for row in rows} == {"Town hall", "Outreach"}
    outreach = [dict(zip(header, row, strict=True)) for row in rows if row[1] == "Outreach"]
    assert outreach[0]["participant"] == "1"
    assert outreach[0]["Age"] == "Under 30"

    workbook = read_xlsx(exports.responses_xlsx(built.dialogue))
    assert len(workbook.sheetnames) == 1 + 12 + 1  # the info slide keeps its sheet
    data = json.loads(exports.export_json(built.dialogue))
    assert [s["title"] for s in data["sessions"]] == ["Town hall", "Outreach"]


def test_xlsx_has_responses_and_one_aggregate_sheet_per_question(built):
    workbook = read_xlsx(exports.responses_xlsx(built.session))
    names = workbook.sheetnames
    assert names[0] == "Responses"
    assert len(names) == 1 + len(built.q) == len(set(names))
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
    responses = sheet_rows(workbook["Responses"])
    assert responses[0][: len(exports.RESPONSE_COLUMNS)] == exports.RESPONSE_COLUMNS
    assert len(responses) == 13
    numeric = [row for row in responses if row[3] == "How many years here?"][0]
    assert numeric[8] == 3.5  # a number stays a number

    def sheet_for(prompt):
        (name,) = [n for n in names if prompt[:10] in n]
        return sheet_rows(workbook[name])

    choice = sheet_for("What matters?")
    assert ["question", "What matters?"] in [row[:2] for row in choice]
    table_header = next(row for row in choice if row[:3] == ["id", "label", "count"])
    assert "width" not in table_header
    counts = {row[1]: row[2] for row in choice if isinstance(row[2], int) and len(row) > 2}
    assert counts["Safety"] == 1 and counts["Community"] == 0 and counts["Other"] == 1
    cloud = sheet_for("First reflections?")
    assert any(row[0] and "spennende" in str(row[0]).lower() for row in cloud)
    scale = sheet_for("How satisfied?")
    assert ["respondents", 1] in [row[:2] for row in scale]
    qa = sheet_for("Ask the panel")
    assert any("Who decides?" in [cell for cell in row] for row in qa)


def test_flatten_results_handles_any_shape():
    rows = exports.flatten_results(
        {
            "kind": "future",
            "respondents": 3,
            "statistics": {"mean": 2.5, "median": 2},
            "rows": [{"label": "A", "count": 2, "width": 100}, {"label": None, "count": 1}],
            "others": ["x", "y"],
            "tags": {"b", "a"},
            "groups": {"young": {"rows": [{"value": 1}]}},
            "nested": [{"pair": [1, 2], "map": {"k": "v"}}],
            "empty": [],
            "pinned": None,
        }
    )
    assert ["kind", "future"] in rows
    assert ["statistics.mean", 2.5] in rows
    assert ["label", "count"] in rows
    assert ["Other", 1] in rows
    assert [r for r in rows if r in (["x"], ["y"])] == [["x"], ["y"]]
    assert ["a"] in rows and ["b"] in rows
    assert ["groups.young.rows"] in rows
    assert ["1; 2", "k: v"] in rows
    assert ["pinned", None] in rows


def test_json_has_questions_options_aggregates_and_responses(built):
    data = json.loads(exports.export_json(built.session))
    assert data["format"] == "samrad-export"
    assert data["dialogue"]["title"] == "Storby 2030"
    (session,) = data["sessions"]
    assert session["participants"] == 2
    questions = {q["prompt"]: q for q in session["questions"]}
    assert len(questions) == 12
    choice = questions["What matters?"]
    assert [o["label"] for o in choice["options"]] == ["Safety", "Community", "Ease"]
    assert choice["results"]["respondents"] == 1
    (response,) = choice["responses"]
    assert response["participant"] == 1
    assert response["answer"] == "Safety; Ease; Trees"
    assert response["segments"] == {str(built.q["age"].pk): ["Under 30"]}
    assert questions["How many years here?"]["responses"][0]["value"] == 3.5
    assert str(built.participants[0].key) not in json.dumps(data)


@pytest.mark.parametrize(
    "language, types",
    [
        ("sv", ("Förslag", "Fråga")),
        ("nb", ("Forslag", "Spørsmål")),
        ("da", ("Forslag", "Spørgsmål")),
        ("en", ("Suggestion", "Question")),
    ],
)
def test_conference_table_in_the_dialogue_language(language, types):
    built = Built(language=language)
    suggestion, question = types
    rows = as_dicts(exports.conference_csv(built.session))
    assert list(rows[0]) == ["text", "type", "answer", "theme"]
    assert rows == [
        {"text": "Build more bike lanes", "type": suggestion, "answer": "", "theme": ""},
        {"text": "When does building start?", "type": question, "answer": "", "theme": ""},
        {"text": "Who decides?", "type": question, "answer": "The council", "theme": ""},
    ]
    workbook = read_xlsx(exports.conference_xlsx(built.dialogue))
    (sheet,) = workbook.worksheets
    assert sheet_rows(sheet)[0] == ["text", "type", "answer", "theme"]
    assert sheet_rows(sheet)[3] == ["Who decides?", question, "The council", None]


def test_conference_table_leaves_out_hidden_and_merged_posts(built):
    qa = built.q["qa"]
    p1, p2 = built.participants
    hidden = answer(qa, p1, text="Spam")
    services.qa_moderate(response=hidden, action="hide")
    duplicate = answer(qa, p1, text="Who decides this?")
    target = qa.responses.get(text="Who decides?")
    services.qa_merge(target=target, duplicate=duplicate)
    texts = [row["text"] for row in as_dicts(exports.conference_csv(built.session))]
    assert "Spam" not in texts and "Who decides this?" not in texts
    assert "Who decides?" in texts
    raw = [row["answer"] for row in as_dicts(exports.responses_csv(built.session))]
    assert "Spam" in raw and "Who decides this?" in raw


def formula_session():
    organisation = OrganisationFactory()
    dialogue = dialogue_create(organisation=organisation, title="=HYPERLINK(1)", language="en")
    session = services.session_create(dialogue=dialogue, title="@SUM(1)")
    questions = []
    for formula in FORMULAS:
        age = add(session, "choice", formula, choices=[formula, "+safe"])
        Question.objects.filter(pk=age.pk).update(role=QuestionRole.COMPOSITION)
        questions.append(age)
    cloud = add(session, "wordcloud", "-cloud")
    choice = add(session, "choice", "=choice", choices=["=A", "-B"], allow_other=True)
    open_q = add(session, "open", "+open")
    qa = add(session, "qa", "@qa")
    numeric = add(session, "numeric", "=number")
    services.session_open(session=session)
    participant = services.participant_join(session=session)
    for question in questions:
        answer(question, participant, choices=[options(question)[question.prompt]])
    answer(cloud, participant, words="=1+1")
    for formula in FORMULAS:
        answer(open_q, participant, text=formula, kind="input")
        post = answer(qa, participant, text=formula)
        services.qa_reply(response=post, text=formula)
    answer(choice, participant, text="=other")
    answer(numeric, participant, value="-2")
    return session


def test_every_text_cell_that_could_be_a_formula_is_escaped():
    session = formula_session()
    for builder, numbers in [(exports.responses_csv, ["-2"]), (exports.conference_csv, [])]:
        cells = [cell for row in read_csv(builder(session)) for cell in row]
        for formula in FORMULAS:
            assert "'" + formula in cells
        risky = [cell for cell in cells if cell.startswith(DANGEROUS_STARTS)]
        assert risky == numbers  # the number answer is a number, not text
    for builder in (exports.responses_xlsx, exports.conference_xlsx):
        workbook = read_xlsx(builder(session))
        found = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(DANGEROUS_STARTS), cell.value
                        found.append(cell.value)
        for formula in FORMULAS:
            assert "'" + formula in found


def test_spreadsheet_cell_helper():
    assert exports.spreadsheet_cell("=1+1") == "'=1+1"
    assert exports.spreadsheet_cell("\tx") == "'\tx"
    assert exports.spreadsheet_cell("\rx") == "'\rx"
    assert exports.spreadsheet_cell("a=1") == "a=1"
    assert exports.spreadsheet_cell(-2) == -2
    assert exports.spreadsheet_cell(None) is None


def test_control_characters_do_not_break_the_workbook(built):
    post = built.q["open"].responses.first()
    type(post).objects.filter(pk=post.pk).update(text="bell\x07 and\x0b tab\there")
    workbook = read_xlsx(exports.responses_xlsx(built.session))
    texts = [c for row in sheet_rows(workbook["Responses"]) for c in row if isinstance(c, str)]
    assert "bell and tab\there" in texts


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    names = [
        exports.sheet_name(title, taken)
        for title in ["1 What: [is] this?/\\*", "1 What: [is] this?/\\*", "'quoted'", "", "x" * 40]
    ]
    assert names[0] == "1 What is this"
    assert names[1] == "1 What is this (2)"
    assert names[2] == "quoted"
    assert all(len(name) <= 31 for name in names)
    assert len(set(names)) == len(names)
    assert exports.sheet_name("History", set()) != "History"


def test_empty_session_gives_valid_empty_files():
    organisation = OrganisationFactory()
    dialogue = dialogue_create(organisation=organisation, title="Empty", language="sv")
    session = services.session_create(dialogue=dialogue, title="Nothing yet")
    assert read_csv(exports.responses_csv(session)) == [exports.RESPONSE_COLUMNS]
    assert read_csv(exports.conference_csv(dialogue)) == [exports.CONFERENCE_COLUMNS]
    workbook = read_xlsx(exports.responses_xlsx(session))
    assert len(workbook.sheetnames) == 1
    assert sheet_rows(workbook.worksheets[0]) == [exports.RESPONSE_COLUMNS]
    assert sheet_rows(read_xlsx(exports.conference_xlsx(session)).worksheets[0]) == [
        exports.CONFERENCE_COLUMNS
    ]
    data = json.loads(exports.export_json(session))
    assert data["sessions"][0]["questions"] == []
    empty_dialogue = dialogue_create(organisation=organisation, title="No sessions")
    assert read_csv(exports.responses_csv(empty_dialogue)) == [exports.RESPONSE_COLUMNS]
    assert json.loads(exports.export_json(empty_dialogue))["sessions"] == []
    with translation.override(empty_dialogue.language):  # sheet names speak the dialogue's
        responses_sheet = gettext("Responses")
    assert read_xlsx(exports.responses_xlsx(empty_dialogue)).sheetnames == [responses_sheet]


def test_every_registered_kind_exports_without_answers():
    organisation = OrganisationFactory()
    dialogue = dialogue_create(organisation=organisation, title="Kinds", language="nb")
    session = services.session_create(dialogue=dialogue, title="All kinds")
    for kind in REGISTRY:
        add(session, kind, f"A {kind} question", choices=["A", "B"])
    workbook = read_xlsx(exports.responses_xlsx(session))
    assert len(workbook.sheetnames) == 1 + len(REGISTRY)
    assert json.loads(exports.export_json(session))["sessions"][0]["questions"]


# --- Pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_download_from_the_session_and_dialogue_pages(client, built, fmt):
    client.force_login(member_of(built.organisation, Role.VIEWER))
    for url, kind in [
        (reverse("live:session_export", args=[built.session.pk, fmt]), "session"),
        (reverse("live:dialogue_export", args=[built.dialogue.pk, fmt]), "dialogue"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == exports.FORMATS[fmt][1]
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; filename=")
        assert f"samrad-{kind}-" in disposition and disposition.endswith(f'.{fmt}"')
        assert response.content


def test_pages_show_the_export_links(client, built):
    client.force_login(member_of(built.organisation))
    page = client.get(reverse("live:session_edit", args=[built.session.pk])).content.decode()
    assert reverse("live:session_export", args=[built.session.pk, "xlsx"]) in page
    page = client.get(reverse("dialogues:detail", args=[built.dialogue.pk])).content.decode()
    assert reverse("live:dialogue_export", args=[built.dialogue.pk, "conference.csv"]) in page


def test_another_organisation_gets_404_and_strangers_the_login(client, built):
    urls = [
        reverse("live:session_export", args=[built.session.pk, "csv"]),
        reverse("live:dialogue_export", args=[built.dialogue.pk, "xlsx"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(FacilitatorFactory())
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(member_of(built.organisation))
    assert client.get(urls[0].replace("/csv", "/pdf")).status_code == 404


def test_filename_is_ascii_and_safe():
    organisation = OrganisationFactory()
    dialogue = dialogue_create(organisation=organisation, title='Bøg/Ærø "möte" ..\\x')
    # A Swedish dialogue (the default): the word in Swedish (issue 13), still ASCII.
    assert exports.filename(dialogue, "csv") == f"samrad-dialog-{dialogue.pk}-bogaero-mote-x.csv"
    dialogue.title = "???"
    assert exports.filename(dialogue, "xlsx") == f"samrad-dialog-{dialogue.pk}.xlsx"


# --- LibreOffice ------------------------------------------------------------------------------


def soffice_convert(sources: list[Path], target_format: str, workdir: Path) -> list[Path]:
    """Convert the files in one LibreOffice run (its start is what costs: seconds), all to the
    same format. CSV sources are read with the dialect our exports write."""
    profile = workdir / "profile"
    # For CSV: comma, double quote, UTF-8 (76), from line 1 — what the import dialog offers.
    # The filter applies to every file of a run, so CSV sources go in a run of their own.
    suffixes = {source.suffix for source in sources}
    assert len(suffixes) == 1, "one kind of source per run"
    infilter = ["--infilter=CSV:44,34,76,1"] if suffixes == {".csv"} else []
    result = subprocess.run(  # noqa: S603 — our own file names in a temporary directory
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            *infilter,
            "--convert-to",
            target_format,
            "--outdir",
            str(workdir / "out"),
            *(str(source) for source in sources),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = [
        workdir / "out" / f"{source.stem}.{target_format.split(':')[0]}" for source in sources
    ]
    missing = [path.name for path in converted if not path.exists()]
    assert result.returncode == 0 and not missing, (missing, result.stdout + result.stderr)
    return converted


@pytest.fixture
def soffice():
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI: `make test-deps` installs it")
        pytest.skip("LibreOffice (soffice) is not installed; `make test-deps` installs it")


@pytest.mark.backend_independent
@pytest.mark.slow
def test_libreoffice_opens_the_exports(soffice, built, tmp_path):
    """Slow: LibreOffice starts twice (about a second each): once for the spreadsheets we write
    (read back as CSV), once for our CSV (read back as a spreadsheet). Every file is written
    first."""
    responses_xlsx = tmp_path / "responses.xlsx"
    responses_xlsx.write_bytes(exports.responses_xlsx(built.session))
    conference = tmp_path / "conference.xlsx"
    conference.write_bytes(exports.conference_xlsx(built.dialogue))
    # CSV in: LibreOffice reads our dialect (BOM, commas, quotes) into the same cells.
    responses_csv = tmp_path / "responses.csv"
    responses_csv.write_bytes(exports.responses_csv(built.session))

    responses_out, conference_out = soffice_convert([responses_xlsx, conference], "csv", tmp_path)
    responses_text = responses_out.read_text(encoding="utf-8", errors="replace")
    conference_text = conference_out.read_text(encoding="utf-8")
    (from_csv,) = soffice_convert([responses_csv], "xlsx", tmp_path)

    for expected in ["Safety; Ease; Trees", "Car; Bus; Bike", "The council", "Under 30"]:
        assert expected in responses_text

    workbook = load_workbook(from_csv)
    cells = sheet_rows(workbook.worksheets[0])
    assert [str(c) for c in cells[0]] == exports.RESPONSE_COLUMNS + ["Age"]
    assert len(cells) == 13
    assert any(row[8] == "Safety; Ease; Trees" for row in cells)

    assert conference_text.splitlines()[0] == "text,type,answer,theme"
    assert "Who decides?,Question,The council," in conference_text

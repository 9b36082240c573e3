"""Exports: the conference table's shape, formula escaping, the Q&A document, report blocks."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from samrad.core import reporting
from samrad.insights import exports, services
from samrad.insights.report import report_blocks


def _rows(dialogue):
    text = exports.conference_csv(dialogue).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_conference_table_shape_and_language(make_input, dialogue, theme):
    other = services.theme_create(dialogue=dialogue, name="Belysning")
    item = make_input("Mörkt vid skolan", kind="suggestion", answer="Ny belysning.")
    services.input_code(input=item, theme=theme)
    services.input_code(input=item, theme=other)
    keep = make_input("Buss", kind="question")
    services.inputs_merge(keep=keep, others=[make_input("Buss!")])
    rows = _rows(dialogue)
    assert rows[0] == ["text", "type", "answer", "theme"]
    assert rows[1:] == [
        ["Mörkt vid skolan", "Förslag", "Ny belysning.", "Trygghet; Belysning"],
        ["Buss", "Fråga", "", ""],
    ]


def test_formula_cells_are_escaped_in_csv_and_xlsx(make_input, dialogue):
    make_input('=HYPERLINK("http://evil")', answer="+1")
    rows = _rows(dialogue)
    assert rows[1][0] == '\'=HYPERLINK("http://evil")' and rows[1][2] == "'+1"
    sheet = load_workbook(io.BytesIO(exports.conference_xlsx(dialogue))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("text", "type", "answer", "theme")
    assert values[1][0].startswith("'=")


def test_questions_and_answers_document(make_input, dialogue, theme):
    item = make_input("Mörkt vid skolan", kind="input", answer="Ny belysning 2026.")
    services.input_code(input=item, theme=theme)
    make_input("Utan tema", answer="Svar utan tema")
    make_input("Obesvarad")
    markdown = exports.answers_markdown(dialogue).decode()
    assert "Trygghet" in markdown and "Ny belysning 2026." in markdown
    assert (
        markdown.index("Trygghet")
        < markdown.index("Mörkt vid skolan")
        < markdown.index("Utan tema")
    )
    assert "Obesvarad" not in markdown


def test_export_views(logged_in, make_input, dialogue):
    make_input("a", answer="b")
    for fmt, kind in (
        ("conference.csv", "text/csv"),
        ("conference.xlsx", "spreadsheetml"),
        ("answers.md", "text/markdown"),
    ):
        response = logged_in.get(reverse("insights:export", args=[dialogue.pk, fmt]))
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert "attachment" in response["Content-Disposition"]
    assert logged_in.get(reverse("insights:export", args=[dialogue.pk, "exe"])).status_code == 404


def test_pdf_export(logged_in, make_input, dialogue):
    make_input("a", answer="b")
    response = logged_in.get(reverse("insights:export", args=[dialogue.pk, "answers.pdf"]))
    assert response.content.startswith(b"%PDF")


def test_report_blocks(make_input, dialogue, theme):
    item = make_input("Mörkt", answer="Lampor.")
    services.input_code(input=item, theme=theme)
    make_input("Obesvarad")
    blocks = report_blocks(dialogue, "en")
    tables = [b for b in blocks if isinstance(b, reporting.Table)]
    assert tables[0].rows == [["Trygghet", 1, 1]]
    assert any(
        "2 inputs, of which 1 answered; 0 answers are published on the public page." in b.text
        for b in blocks
        if isinstance(b, reporting.Paragraph)
    )
    assert tables[1].rows == [["", "Mörkt", "Lampor."]]

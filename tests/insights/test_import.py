"""Import of CSV and XLSX tables: sniffing, column names in four languages, preview, the
row-by-row error report, all or nothing, size limits."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from samrad.insights import importing, services
from samrad.insights.models import ImportBatch, ImportStatus, Input, InputStatus
from samrad.live import selectors
from samrad.live.models import Channel, LiveSession, Response


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "header,expected",
    [
        (["text", "type", "answer", "theme"], ["text", "kind", "answer", "theme"]),
        (["Inspel", "Typ", "Svar", "Tema"], ["text", "kind", "answer", "theme"]),  # sv
        (["Innspill", "Type", "Svar", "Tema"], ["text", "kind", "answer", "theme"]),  # nb
        (["Tekst", "Type", "Svar", "Emne"], ["text", "kind", "answer", "theme"]),  # da
        (
            ["Input", "Kind", "Reply", "Topic", "Status"],
            ["text", "kind", "answer", "theme", "status"],
        ),
        (["Spørsmål", "Svar"], ["text", "answer"]),  # a column named after a kind holds texts
        (["  TEKST ", "Noe annet"], ["text"]),
    ],
)
def test_column_names_are_recognised_in_each_language(header, expected):
    mapping = importing.guess_mapping(header)
    assert [mapping[i] for i in sorted(mapping)] == expected


@pytest.mark.parametrize(
    "cell,kind",
    [
        ("Spørsmål", "question"),
        ("Innspill", "input"),
        ("Forslag", "suggestion"),
        ("Fråga", "question"),
        ("Förslag", "suggestion"),
        ("Inspel", "input"),
        ("Spørgsmål", "question"),
        ("suggestion", "suggestion"),
        ("", ""),
    ],
)
def test_type_cells_in_each_language(cell, kind):
    assert importing.kind_of_cell(cell) == kind


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters_are_sniffed(encoding, delimiter):
    text = delimiter.join(["Tekst", "Type", "Svar"]) + "\r\n"
    text += delimiter.join(["Fler bänkar på torget", "Forslag", "Vi ser på saken"]) + "\r\n"
    text += delimiter.join(['"Mörkt, otryggt"', "Innspill", ""]) + "\r\n"
    table = importing.read_table(text.encode(encoding), "inputs.csv")
    assert table.header == ["Tekst", "Type", "Svar"]
    assert table.rows[0][0] == "Fler bänkar på torget"
    assert table.rows[1][0] == "Mörkt, otryggt"


def test_broken_and_empty_files_get_clear_messages():
    with pytest.raises(importing.ImportProblem, match="empty"):
        importing.read_table(b"", "a.csv")
    with pytest.raises(importing.ImportProblem, match="empty"):
        importing.read_table(b"\n\n  \n", "a.csv")
    with pytest.raises(importing.ImportProblem, match="no rows"):
        importing.read_table(b"text,type\n", "a.csv")
    with pytest.raises(importing.ImportProblem, match="damaged"):
        importing.read_table(b"PK\x03\x04 not really a zip", "a.xlsx")
    with pytest.raises(importing.ImportProblem, match="CSV or Excel"):
        importing.read_table(b"\x00\x01\x02garbage\x00", "a.csv")


def test_a_huge_cell_is_reported_not_swallowed(settings):
    settings.SAMRAD_IMPORT_MAX_CELL = 1000
    huge = "text\n" + "x" * 10_000_000 + "\n"
    with pytest.raises(importing.ImportProblem, match="longer than 1000"):
        importing.read_table(huge.encode(), "a.csv")
    table = importing.read_table(("text\nok\n" + "y" * 2000 + "\n").encode(), "a.csv")
    rows, errors = importing.check_rows(table, {0: "text"})
    assert [e.line for e in errors] == [3] and "longer than 1000" in errors[0].message


def test_xlsx_is_read(dialogue):
    data = _xlsx([["Fråga", "Svar", "Tema"], ["När öppnar badhuset?", "I maj.", "Fritid; Bad"]])
    batch = services.import_upload(dialogue=dialogue, filename="svar.xlsx", data=data)
    table = importing.read_table(bytes(batch.data), batch.filename)
    count, errors = services.import_run(batch=batch, mapping=importing.guess_mapping(table.header))
    assert (count, errors) == (1, [])
    item = Input.objects.get()
    assert (item.text, item.kind, item.answer, item.status) == (
        "När öppnar badhuset?",
        "question",
        "I maj.",
        InputStatus.ANSWERED,
    )
    assert sorted(t.name for t in item.themes.all()) == ["Bad", "Fritid"]


def test_import_creates_inputs_and_reuses_themes(dialogue, theme):
    data = (
        "Innspill;Type;Svar;Tema\nMørkt ved skolen;Innspill;;trygghet\nFlere busser;Forslag;;Buss\n"
    )
    batch = services.import_upload(dialogue=dialogue, filename="a.csv", data=data.encode("cp1252"))
    count, errors = services.import_run(
        batch=batch, mapping={0: "text", 1: "kind", 2: "answer", 3: "theme"}
    )
    assert count == 2 and not errors
    assert list(Input.objects.get(text="Mørkt ved skolen").themes.all()) == [theme]
    assert dialogue.themes.filter(name="Buss").exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.data in (b"", memoryview(b""))
    with pytest.raises(services.Refused):
        services.import_run(batch=batch, mapping={0: "text"})


def test_one_bad_row_imports_nothing_and_every_error_is_listed(dialogue):
    data = "text,type,status\nGood,question,\n,input,\nAlso good,banana,\nFine,input,maybe\n"
    batch = services.import_upload(dialogue=dialogue, filename="a.csv", data=data.encode())
    count, errors = services.import_run(batch=batch, mapping={0: "text", 1: "kind", 2: "status"})
    assert count == 0
    assert [(e.line, e.message) for e in errors] == [
        (3, "the text is empty"),
        (4, "unknown type “banana”"),
        (5, "unknown status “maybe”"),
    ]
    assert not Input.objects.exists() and not dialogue.themes.exists()


def test_preview_mapping_and_import_through_the_pages(logged_in, dialogue):
    data = "Tekst;Type;Svar\nFlere benker;Forslag;Ja\nHvorfor?;Spørsmål;\n".encode("utf-8-sig")
    upload = SimpleUploadedFile("innspill.csv", data, content_type="text/csv")
    response = logged_in.post(reverse("insights:import", args=[dialogue.pk]), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "insights:import_preview", args=[batch.pk]
    )
    preview = logged_in.get(response["Location"]).content.decode()
    assert "Flere benker" in preview and '<option value="text" selected>' in preview
    assert not Input.objects.exists()  # nothing before the facilitator confirms
    done = logged_in.post(
        response["Location"], {"run": "1", "col0": "text", "col1": "kind", "col2": "answer"}
    )
    assert done.status_code == 302
    assert sorted(Input.objects.values_list("kind", flat=True)) == ["question", "suggestion"]


def test_error_report_page_and_mapping_errors(logged_in, dialogue):
    batch = services.import_upload(dialogue=dialogue, filename="a.csv", data=b"text\nok\n\xff\n")
    page = logged_in.post(
        reverse("insights:import_preview", args=[batch.pk]), {"run": "1", "col0": ""}
    )
    assert "Choose the column that holds the text." in page.content.decode()
    data = b"text,type\nok,input\n,input\n"
    batch = services.import_upload(dialogue=dialogue, filename="b.csv", data=data)
    page = logged_in.post(
        reverse("insights:import_preview", args=[batch.pk]),
        {"run": "1", "col0": "text", "col1": "kind"},
    )
    html = page.content.decode()
    assert "Nothing was imported" in html and "the text is empty" in html
    assert not Input.objects.exists()


def test_upload_limits_and_broken_files_on_the_page(logged_in, dialogue, settings):
    settings.SAMRAD_IMPORT_MAX_BYTES = 100
    big = SimpleUploadedFile("big.csv", b"text\n" + b"a" * 200)
    page = logged_in.post(reverse("insights:import", args=[dialogue.pk]), {"file": big})
    assert "larger than" in page.content.decode()
    settings.SAMRAD_IMPORT_MAX_BYTES = 5_000_000
    empty = SimpleUploadedFile("empty.csv", b"   ")
    page = logged_in.post(reverse("insights:import", args=[dialogue.pk]), {"file": empty})
    assert page.status_code == 200
    assert not ImportBatch.objects.exists()


# --- Word-cloud answers through the column mapping (issue 15.1) --------------------------

WORDCLOUD_CSV = (
    "Ord\ntrygghet bättre_belysning grönområden\ncykelbanor\n\ntrygghet Tryggheten\n"
).encode()


def _wordcloud_batch(dialogue, data=WORDCLOUD_CSV):
    return services.import_upload(dialogue=dialogue, filename="ordmoln.csv", data=data)


def _plain(page) -> str:
    return re.sub(r"<[^>]+>", "", page.content.decode())


def test_the_one_column_of_a_table_is_its_text():
    assert importing.guess_mapping(["Ord"]) == {0: "text"}
    assert importing.guess_mapping(["Ord", "Antal"]) == {}


def test_the_preview_shows_how_rows_are_split_in_both_modes(logged_in, dialogue):
    url = reverse("insights:import_preview", args=[_wordcloud_batch(dialogue).pk])
    page = _plain(logged_in.post(url, {"again": "1", "col0": "text", "rows": "words"}))
    assert "3 entries from row 2: trygghet · bättre belysning · grönområden" in page
    assert "2 entries from row 5: trygghet · Tryggheten" in page  # the blank row 4 is skipped
    page = _plain(logged_in.post(url, {"again": "1", "col0": "text", "rows": "entries"}))
    assert "1 entry from row 2: trygghet bättre_belysning grönområden" in page
    assert not LiveSession.objects.exists()  # a preview stores nothing


@pytest.mark.parametrize(
    "mode,terms",
    [
        (
            "words",
            [("trygghet", 3), ("bättre belysning", 1), ("grönområden", 1), ("cykelbanor", 1)],
        ),
        (
            "entries",
            [
                ("trygghet bättre belysning grönområden", 1),
                ("cykelbanor", 1),
                ("trygghet tryggheten", 1),
            ],
        ),
    ],
)
def test_word_cloud_answers_become_an_imported_session(logged_in, dialogue, mode, terms):
    batch = _wordcloud_batch(dialogue)
    url = reverse("insights:import_preview", args=[batch.pk])
    done = logged_in.post(url, {"run": "1", "col0": "text", "rows": mode})
    session = LiveSession.objects.get(dialogue=dialogue)
    assert done.status_code == 302 and done["Location"] == reverse(
        "live:session_control", args=[session.pk]
    )
    (question,) = session.questions.all()
    assert question.kind == "wordcloud" and question.prompt == "Ord"
    assert session.participants.count() == 3  # one per row
    assert set(Response.objects.values_list("channel", flat=True)) == {Channel.IMPORTED}
    result = selectors.question_results(question)["terms"]
    assert sorted((t["text"], t["count"]) for t in result) == sorted(terms)
    assert not Input.objects.exists()  # word-cloud answers are not inputs
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.DONE
    # A second click imports nothing more.
    logged_in.post(url, {"run": "1", "col0": "text", "rows": mode})
    assert LiveSession.objects.count() == 1


def test_a_row_too_long_for_answers_is_refused_with_its_line(logged_in, dialogue):
    data = ("Ord\ntrygghet\n" + "ord " * 2_500 + "\n").encode()
    url = reverse("insights:import_preview", args=[_wordcloud_batch(dialogue, data).pk])
    page = logged_in.post(url, {"run": "1", "col0": "text", "rows": "words"})
    html = page.content.decode()
    assert "Nothing was imported" in html and "Row 3 is 10000 characters long" in html
    assert not LiveSession.objects.exists()


def test_a_row_of_500_words_counts_each_word(logged_in, dialogue):
    data = ("Ord\n" + " ".join(f"ord{n}" for n in range(500)) + "\n").encode()
    url = reverse("insights:import_preview", args=[_wordcloud_batch(dialogue, data).pk])
    logged_in.post(url, {"run": "1", "col0": "text", "rows": "words"})
    assert Response.objects.count() == 500


def test_the_split_preview_speaks_swedish(logged_in, dialogue):
    url = reverse("insights:import_preview", args=[_wordcloud_batch(dialogue).pk])
    data = {"again": "1", "col0": "text", "rows": "words"}
    page = _plain(logged_in.post(url, data, HTTP_ACCEPT_LANGUAGE="sv"))
    assert "3 bidrag från rad 2: trygghet · bättre belysning · grönområden" in page
    assert "Ordmolnssvar, ett bidrag per rad" in page and "Så delas raderna" in page

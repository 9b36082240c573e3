"""Reading concerns from CSV and XLSX: encodings, delimiters, headings in our languages,
row errors, all or nothing."""

import io

import pytest
from openpyxl import Workbook

from samrad.concerns.imports import ImportFailed, read_concerns


def xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_one_column_without_heading():
    data = "Äldre hamnar utanför\nKameror och integritet\n\n".encode()
    assert read_concerns(data, "farhagor.csv") == ["Äldre hamnar utanför", "Kameror och integritet"]


@pytest.mark.parametrize("heading", ["farhåga", "Bekymring", "TEXT", "tekst", "concern"])
def test_heading_in_any_language_is_not_a_concern(heading):
    data = f"{heading}\nFör få bussar\n".encode()
    assert read_concerns(data, "x.csv") == ["För få bussar"]


def test_semicolon_and_windows_1252_with_other_columns():
    data = "id;Farhåga;källa\n1;Högre skatt för smarta lösningar;enkät\n2;Ensamhet;möte\n"
    assert read_concerns(data.encode("cp1252"), "export.csv") == [
        "Högre skatt för smarta lösningar",
        "Ensamhet",
    ]


def test_tabs_utf16_and_quoted_commas():
    data = 'text\tnr\n"Buller, trafik och damm"\t1\n'.encode("utf-16")
    assert read_concerns(data, "x.txt") == ["Buller, trafik och damm"]


def test_repeats_and_blank_rows_are_dropped_whitespace_tidied():
    data = b"text\n  Ensamhet \n\nensamhet\nBuss   14\n"
    assert read_concerns(data, "x.csv") == ["Ensamhet", "Buss 14"]


def test_xlsx_with_heading():
    data = xlsx([["Nr", "Bekymring"], [1, "For lite lys i parken"], [2, None], [3, "Støy"]])
    assert read_concerns(data, "bekymringer.xlsx") == ["For lite lys i parken", "Støy"]


def test_too_long_rows_fail_the_whole_file_with_their_numbers():
    data = ("text\nKort\n" + "x" * 501 + "\n\nOk\n" + "y" * 600 + "\n").encode()
    with pytest.raises(ImportFailed) as failed:
        read_concerns(data, "x.csv")
    assert [number for number, _ in failed.value.rows] == [3, 6]
    assert "Nothing was imported" in failed.value.message


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.csv", "empty"),
        (b"a,b\n1,2\n", "x.csv", "several columns"),
        (b"PK\x03\x04broken", "x.xlsx", "Excel"),
        (b"text\n\n", "x.csv", "no concerns"),
    ],
)
def test_broken_files_say_why(data, name, message):
    with pytest.raises(ImportFailed) as failed:
        read_concerns(data, name)
    assert message in failed.value.message

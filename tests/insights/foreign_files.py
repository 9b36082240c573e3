"""Small files in the shapes we assume Mentimeter and Slido export (docs/architecture/words.md):
built in code so that each test shows the shape it reads."""

import csv
import io

from openpyxl import Workbook

# Mentimeter "Download results" (XLSX): a title, then per question a row "question | type" and
# its answers until a blank row. Word clouds: one participant per row, entries separated by
# spaces, `_` joining the words of one entry.
MENTIMETER_RESULTS = [
    ["Trygg stad – medborgardialog 14 mars 2024"],
    ["Vad gör staden trygg för dig?", "Word Cloud"],
    ["grön_stad trygghet cykel"],
    ["trygghet belysning"],
    ["trygga_skolvägar trygghet"],
    [],
    ["Hur tar du dig till jobbet?", "Multiple Choice"],
    ["Cykel", 12],
    ["Buss", 7],
    ["Bil", 3],
    [],
    ["Vad vill du ändra i parken?", "Open Ended"],
    ["Fler lampor längs gångvägen"],
    ["Säkrare övergångsställe vid skolan"],
    [],
    ["Frågor till politikerna", "Q&A"],
    ["När byggs cykelbanan till Norrby?", 9],
    ["Varför stängs biblioteket på lördagar?", 4],
]

# Slido's export of an event (XLSX): polls one row per option (or word / answer) with its votes,
# Q&A one row per question with its upvotes, author and date (neither imported).
SLIDO_POLLS = [
    ["Poll", "Poll type", "Option", "Votes"],
    ["Hvordan kom du hit i dag?", "Multiple choice", "Sykkel", "10"],
    ["Hvordan kom du hit i dag?", "Multiple choice", "Buss", "5"],
    ["Ett ord om sentrum", "Word cloud", "trygghet", "4"],
    ["Ett ord om sentrum", "Word cloud", "grønne_lunger", "2"],
    ["Hva bør kommunen gjøre først?", "Open text", "Flere benker ved torget", "1"],
]
SLIDO_QUESTIONS = [
    ["Question", "Upvotes", "Author", "Date"],
    ["Når åpner den nye skolen?", "7", "Kari", "2024-03-14 18:02"],
    ["Hvorfor kuttes bussruten?", "3", "Anonymous", "2024-03-14 18:10"],
]


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def mentimeter() -> bytes:
    return xlsx({"Results": MENTIMETER_RESULTS})


def slido() -> bytes:
    return xlsx({"Polls": SLIDO_POLLS, "Questions": SLIDO_QUESTIONS})


def csv_bytes(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")

"""The dialogue report as pictures and pages (poppler's pdftoppm, pdftotext, pdfimages): the
demo's report opens with its one-page summary, no page ends on a heading (a heading stays
with its chart or table), and no table leaves one row alone on a page."""

import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from samrad.core import reporting
from samrad.core.reporting import Document, Group, Heading, Image, Paragraph, Table
from samrad.dialogues.models import Dialogue
from samrad.feedback import charts, documents

pytestmark = [pytest.mark.django_db, pytest.mark.backend_independent]


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed: `make test-deps` installs it")
    return found


def pages_text(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(  # noqa: S603 (our own file)
        [poppler("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")[:-1]


def image_pages(pdf: bytes, tmp_path) -> list[int]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(  # noqa: S603 (our own file)
        [poppler("pdfimages"), "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    # one line per image and one per its transparency mask: the pages, once each
    return sorted({int(line.split()[0]) for line in listing.splitlines()[2:] if line.strip()})


def lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def headings_of(blocks) -> set[str]:
    found = set()
    for block in blocks:
        if isinstance(block, Group):
            found |= headings_of(block.blocks)
        elif isinstance(block, Heading):
            found.add(block.text)
    return found


@pytest.mark.slow
def test_the_demo_report_opens_with_its_summary_page(tmp_path):
    """Slow (~30 s): the whole demo report rendered by WeasyPrint, then as pictures."""
    call_command("demo", verbosity=0)
    dialogue = Dialogue.objects.get(title="Storby 2030")
    doc = documents.dialogue_report(dialogue)
    pdf = reporting.render_pdf(doc)
    pages = pages_text(pdf, tmp_path)
    first = " ".join(lines(pages[0]))
    for text in (
        "Översikt",
        "Vilka som deltog",
        "Unga under 30",  # a target group, against its goal
        "Målmatris 9 av 13 uppfyllda, 2 nära",
        "De starkaste temana",
        "Beslut",
        "Åtgärder",
    ):
        assert text in first, text
    assert lines(pages[1])[0] == "Syfte"  # the chapters begin on the next page
    last_chapters = " ".join(" ".join(lines(p)) for p in pages[1:])
    for chapter in ("Portföljanalys", "Farhågor och åtgärder", "Lärdomar", "Bilaga: alla svar"):
        assert chapter in last_chapters, chapter
    # a heading is never the last thing on a page: it stays with its chart or table
    headings = headings_of(doc.blocks)
    for number, page in enumerate(pages, start=1):
        body = [line for line in lines(page) if not re.fullmatch(r"\d+", line)]
        assert body and body[-1] not in headings, f"page {number} ends on {body[-1]!r}"

    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(  # noqa: S603 (our own file names)
        [poppler("pdftoppm"), "-r", "40", "-f", "1", "-l", "1", "-png"]
        + [str(tmp_path / "report.pdf"), str(tmp_path / "page")],
        check=True,
    )
    from PIL import Image as Picture

    summary = Picture.open(next(tmp_path.glob("page-*1.png"))).convert("L")
    histogram = summary.histogram()
    # the summary page is filled: text and tables over much of the page, not a title alone
    assert sum(histogram[:160]) > 0.02 * summary.width * summary.height


def filler(n: int) -> list:
    return [Paragraph(f"Stycke {i}: text som fyller sidan en rad i taget.") for i in range(n)]


@pytest.mark.slow
def test_no_table_leaves_one_row_alone_on_a_page(tmp_path):
    """Slow (~15 s): the same table pushed down a line at a time over a page break."""
    rows = [[f"rad {i}", f"värde {i}"] for i in range(1, 31)]
    for n in range(0, 30):
        doc = Document(title="T", blocks=[*filler(n), Table(["a", "b"], rows), Paragraph("Slut")])
        for number, page in enumerate(pages_text(reporting.render_pdf(doc), tmp_path), 1):
            on_page = [line for line in lines(page) if line.startswith("rad ")]
            assert len(on_page) != 1, f"{n} paragraphs: page {number} has one row {on_page}"


@pytest.mark.slow
def test_a_heading_stays_with_its_chart(tmp_path):
    """Slow (~10 s): a heading, its count and its chart pushed down over a page break."""
    png = charts.bar_chart(["Ja", "Nej"], [7, 9], value_label="Svar")
    for n in range(20, 44, 2):
        doc = Document(
            title="T",
            blocks=[
                *filler(n),
                Heading("Frågan med diagram", 4),
                Paragraph("Svarande: 16", emphasis=True, keep_with_next=True),
                Image(png, alt="Stapeldiagram"),
            ],
        )
        pdf = reporting.render_pdf(doc)
        pages = pages_text(pdf, tmp_path)
        heading_page = next(i for i, p in enumerate(pages, 1) if "Frågan med diagram" in p)
        assert image_pages(pdf, tmp_path) == [heading_page], f"{n} paragraphs"


def test_docx_tables_repeat_their_header_and_keep_their_ends_together():
    """Word's own rules for what the PDF does with CSS: rows never split, the header row
    repeats, a short table is kept whole, a long one keeps its first two and last two rows
    together; a group's paragraphs are kept with the next."""
    import io

    import docx
    from docx.oxml.ns import qn

    short = Table(["a", "b"], [[f"rad {i}", i] for i in range(3)])
    long = Table(["a", "b"], [[f"rad {i}", i] for i in range(30)])
    group = Group([Heading("Frågan", 4), Paragraph("Svarande: 16")])
    data = reporting.render_docx(Document(title="T", blocks=[short, long, group]))
    document = docx.Document(io.BytesIO(data))

    def kept(row) -> bool:
        return all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)

    for table in document.tables:
        rows = table.rows
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    short_rows, long_rows = document.tables[0].rows, document.tables[1].rows
    assert [kept(row) for row in short_rows] == [True, True, True, False]
    assert [kept(row) for row in long_rows[:3]] == [True, True, False]
    assert [kept(row) for row in long_rows[-3:]] == [False, True, False]
    heading = next(p for p in document.paragraphs if p.text == "Frågan")
    assert heading.paragraph_format.keep_with_next

"""Report (PDF, DOCX), feedback leaflet and method guide: valid files, our results, the blocks
other apps contribute in contract order, the dialogue's language, inert participants' HTML."""

import io
from types import SimpleNamespace

import docx
import pytest
from django.urls import reverse

from samrad.core import plugins, reporting
from samrad.core.reporting import Heading, Paragraph
from samrad.dialogues.services import phases_set
from samrad.feedback import documents, services
from tests.feedback.conftest import XSS

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> tuple[list[str], str]:
    document = docx.Document(io.BytesIO(data))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return headings, "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def contributions(monkeypatch):
    """Other apps' report chapters and method parts, registered as the contract describes
    (samrad.core.plugins); our own live chapter keeps its place after planning."""

    def report_blocks(app):
        return lambda dialogue, language: [
            Heading(f"{app} part", level=2),
            Paragraph(f"{app} in {language}"),
        ]

    chapters = plugins.Point("report_chapters")
    chapters.register("planning", report_blocks("planning"), order=10)
    chapters.register("live", documents.live_blocks, order=20)
    chapters.register("insights", report_blocks("insights"), order=30)
    chapters.register("concerns", report_blocks("concerns"), order=50)
    parts = plugins.Point("method_parts")
    parts.register(
        "workshops",
        SimpleNamespace(
            guide_blocks=lambda dialogue, language: [Heading("Workshop script", level=2)],
            export=lambda dialogue: None,
        ),
    )
    monkeypatch.setattr(plugins, "REPORT_CHAPTERS", chapters)
    monkeypatch.setattr(plugins, "METHOD_PARTS", parts)


def in_swedish(text: str) -> str:
    from django.utils import translation

    with translation.override("sv"):
        return str(translation.gettext(text))


def test_report_has_our_results_and_contributions_in_order(held, contributions):
    doc = documents.dialogue_report(held.dialogue)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    order = [
        headings.index("planning part"),
        headings.index(in_swedish("Results per session")),
        headings.index("insights part"),
        headings.index("concerns part"),
    ]
    assert order == sorted(order)
    assert "Vad är viktigast?" in headings and in_swedish("Participation and reach") in headings
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "planning in sv" in paragraphs  # called with the dialogue's language


def test_report_pdf_and_docx(client, held, owner):
    client.force_login(owner)
    pdf = client.get(reverse("feedback:report_pdf", args=[held.dialogue.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"
    response = client.get(reverse("feedback:report_docx", args=[held.dialogue.pk]))
    headings, text = docx_text(response.content)
    assert headings[0] == "Storby 2030"
    for heading in ("Purpose", "Participation and reach", "Results per session"):
        assert in_swedish(heading) in headings  # the report speaks the dialogue's language
    assert "Ditt förslag?" in headings
    assert "Trygghet" in text and "grön" in text
    # charts and word clouds are pictures in the document
    pictures = docx.Document(io.BytesIO(response.content)).inline_shapes
    assert len(pictures) >= 3


def test_report_speaks_the_dialogues_language(held, settings):
    # The request is English; the dialogue is Swedish: translated labels come out Swedish.
    doc = documents.dialogue_report(held.dialogue)
    html = reporting.render_html(doc)
    assert "Uppsökande verksamhet" in html  # the meeting kind, from the catalogue
    assert 'lang="sv"' in html


def test_participants_html_is_inert_in_pdf_input_and_docx(held):
    doc = documents.dialogue_report(held.dialogue)
    html = reporting.render_html(doc)
    assert XSS not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    _headings, text = docx_text(reporting.render_docx(doc))
    assert XSS in text  # as literal text in a table cell, not markup


def test_leaflet_is_a_two_column_a4_pdf_with_results_and_next_steps(client, held, owner):
    page = services.page_save(
        actor=owner,
        dialogue=held.dialogue,
        slug="storby",
        intro="Tack till alla!",
        next_steps="Kommunstyrelsen beslutar i juni.",
        contact="dialog@storby.example",
    )
    services.page_publish(actor=owner, page=page, published=True)
    # four answered: shown when the session's smallest group is four
    held.min_group_size = 4
    held.save()
    html = documents.leaflet_html(held.dialogue, public_url="https://x.example/d/storby/")
    assert "column-count: 2" in html and "size: A4" in html
    for text in (
        "Tack till alla!",
        "Kommunstyrelsen beslutar i juni.",
        "Vad är viktigast?",
        "Trygghet: 2 (50 %)",
        "https://x.example/d/storby/",
    ):
        assert text in html
    assert "onerror" not in html  # free text is not printed raw in the leaflet
    client.force_login(owner)
    pdf = client.get(reverse("feedback:leaflet", args=[held.dialogue.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_leaflet_withholds_results_of_fewer_than_the_smallest_group(held, owner):
    html = documents.leaflet_html(held.dialogue)  # four answered, the default group is five
    assert "Trygghet: 2 (50 %)" not in html
    assert "färre än 5 personer svarade" in html  # in the dialogue's language


def test_guide_has_phases_questions_contributions_and_lessons(client, held, owner, contributions):
    phases_set(dialogue=held.dialogue, names=["Intervjuer", "Workshop", "Guider"])
    services.notes_save(actor=owner, dialogue=held.dialogue, lessons="Börja tidigt.\n- Ta fika.")
    doc = documents.guide(held.dialogue)
    html = reporting.render_html(doc)
    for text in ("Intervjuer", "Vad är viktigast?", "Trygghet, Kollektivitet, Smidighet"):
        assert text in html
    assert "Workshop script" in html
    assert "<li>Börja tidigt.</li>" in html and "<li>Ta fika.</li>" in html
    client.force_login(owner)
    pdf = client.get(reverse("feedback:guide", args=[held.dialogue.pk]))
    assert pdf.content.startswith(b"%PDF")

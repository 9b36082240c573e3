"""`samrad report DIALOGUE --format pdf|docx|md -o FILE`: the CLI contract of issue 7."""

import io
import shutil
import subprocess

import docx
import pytest
from django.core.management import CommandError, call_command

from samrad.live import services as live
from samrad.live.models import QuestionKind
from tests.factories import DialogueFactory, OpenSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    dialogue = DialogueFactory(title="Storby 2030", description="Hur vill vi leva <b>här</b>?")
    session = OpenSessionFactory(dialogue=dialogue, title="Stormöte")
    live.question_add(
        session=session,
        kind=QuestionKind.CHOICE,
        prompt="Buss eller cykel?",
        choices=["Buss", "Cykel"],
    )
    return dialogue


def test_markdown_report_has_the_dialogue_and_its_questions(dialogue, tmp_path):
    target = tmp_path / "report.md"
    call_command("report", str(dialogue.pk), "--format", "md", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Storby 2030")
    assert "Buss eller cykel?" in text
    assert "\\<b\\>här\\</b\\>" in text  # participants' and facilitators' markup stays text


def test_docx_report_opens(dialogue, tmp_path):
    target = tmp_path / "report.docx"
    call_command("report", str(dialogue.pk), "--format", "docx", "-o", str(target))
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert any("Buss eller cykel?" in p.text for p in document.paragraphs)


@pytest.mark.backend_independent
def test_pdf_report_renders_as_pictures(dialogue, tmp_path):
    target = tmp_path / "report.pdf"
    call_command("report", str(dialogue.pk), "--format", "pdf", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF-")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: `make test-deps` installs it")
    subprocess.run(  # noqa: S603 (our own file names)
        [pdftoppm, "-r", "40", "-png", str(target), str(tmp_path / "page")], check=True
    )
    from PIL import Image

    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    first = Image.open(pages[0]).convert("L")
    dark = sum(first.histogram()[:128])
    assert dark > 500  # the title, headings and text are drawn, not a blank page


def test_unknown_dialogue_and_unwritable_file_are_errors(dialogue, tmp_path):
    with pytest.raises(CommandError, match="No dialogue"):
        call_command("report", "nope", "--format", "md", "-o", str(tmp_path / "x.md"))
    with pytest.raises(CommandError, match="Could not write"):
        call_command(
            "report", str(dialogue.pk), "--format", "md", "-o", str(tmp_path / "missing" / "x.md")
        )

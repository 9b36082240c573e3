"""`samrad report DIALOGUE --format pdf|docx|md -o FILE`: the dialogue report, as the
facilitator downloads it from the dialogue page, written to a file (`-` for stdout, md only).

DIALOGUE is the dialogue's id or the slug of its public page.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samrad.core import reporting
from samrad.dialogues.selectors import dialogue_by_reference
from samrad.feedback import documents

RENDERERS = {
    "pdf": reporting.render_pdf,
    "docx": reporting.render_docx,
    "md": lambda doc: reporting.render_markdown(doc).encode("utf-8"),
}


class Command(BaseCommand):
    help = "Write a dialogue's report as PDF, DOCX or Markdown."

    def add_arguments(self, parser):
        parser.add_argument("dialogue", help="the dialogue's id or its public page's slug")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="pdf")
        parser.add_argument("-o", "--output", required=True, help="the file to write ('-': stdout)")

    def handle(self, *args, dialogue, format, output, **options):
        found = dialogue_by_reference(dialogue)
        if found is None:
            raise CommandError(f"No dialogue with the id or slug {dialogue!r}.", returncode=2)
        data = RENDERERS[format](documents.dialogue_report(found))
        if output == "-":
            if format != "md":
                raise CommandError("Only the Markdown report can go to stdout.", returncode=2)
            sys.stdout.buffer.write(data)
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(
                f"Could not write {output}: {error.strerror}", returncode=2
            ) from None
        self.stderr.write(f"Wrote {output} ({len(data) // 1024} KB, {format}).")

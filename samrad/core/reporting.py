"""One document model for every report and guide, rendered to HTML, PDF (WeasyPrint) and DOCX
(python-docx), so that the dialogue report, the workshop report, the feedback leaflet and the
method guide share their look and their escaping.

Build a `Document` of blocks and call `render_pdf(doc)` / `render_docx(doc)` /
`render_html(doc)` / `render_markdown(doc)`. All text is plain text: it is escaped on the way
out (HTML) or written as text runs (DOCX), so participants' input cannot inject markup.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any


@dataclass
class Heading:
    text: str
    level: int = 2  # 1 is the document title


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False
    keep_with_next: bool = False  # on the same page as the next block (a chart's caption)


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list]
    caption: str = ""


@dataclass
class Image:
    png: bytes
    alt: str
    width_cm: float = 16.0


@dataclass
class PageBreak:
    pass


@dataclass
class Group:
    """Blocks printed together: a heading with its chart and table (`keep`: never split over
    two pages when it fits on one), or the report's summary page (`css_class`)."""

    blocks: list
    keep: bool = True
    css_class: str = ""


Block = Heading | Paragraph | Bullets | Table | Image | PageBreak | Group


@dataclass
class Document:
    title: str
    language: str = "sv"
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm; @bottom-right { content: counter(page); font-size: 9pt; } }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
       color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 22pt; margin: 0 0 .2em; color: #0b3d62; }
.subtitle { font-size: 12pt; color: #444; margin: 0 0 1.2em; }
h2 { font-size: 15pt; margin: 1.2em 0 .4em; color: #0b3d62; border-bottom: 1px solid #c9d6e2; }
h3 { font-size: 12pt; margin: 1em 0 .3em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 9.5pt; }
caption { text-align: left; font-weight: bold; margin-bottom: .3em; }
th, td { border: 1px solid #c9d6e2; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
img { max-width: 100%; }
.emphasis { font-style: italic; }
.pagebreak { page-break-after: always; }
/* Pages: a heading stays with what follows it; a group (a heading with its chart) and a
   short table are not split; a long table never leaves its first or last row alone on a
   page (its header row repeats on the next page). */
h1, h2, h3, h4, .keep-next { break-after: avoid; }
p, li { orphans: 3; widows: 3; }
tr, img, .keep { break-inside: avoid; }
table.short { break-inside: avoid; }
tbody tr:first-child { break-after: avoid; }
tbody tr:last-child { break-before: avoid; }
thead { display: table-header-group; }
.summary { font-size: 9.5pt; }
.summary h2 { margin-top: .2em; }
.summary h3 { font-size: 10.5pt; margin: .7em 0 .2em; }
.summary table { margin: .2em 0 .5em; font-size: 9pt; }
.summary ul { margin: .2em 0 .5em; padding-left: 1.2em; }
.summary p { margin: .2em 0 .4em; }
"""

# A table with at most this many rows is kept on one page (when it fits on one).
SHORT_TABLE = 12


# Characters XML 1.0 cannot hold (C0 controls other than tab and line breaks, lone
# surrogates, U+FFFE/U+FFFF). python-docx refuses them, and a report must not fail because a
# title or an imported text carries one: they are dropped from every text we write.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def _cell(value: object) -> str:
    return _text(value)


def render_html(doc: Document, *, css: str = CSS) -> str:
    parts = [
        f'<!doctype html><html lang="{escape(doc.language)}"><head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title><style>{css}</style></head><body>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    if doc.subtitle:
        parts.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    _html_blocks(doc.blocks, parts)
    parts.append("</body></html>")
    return "".join(parts)


def _html_blocks(blocks: list, parts: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 4)
            parts.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            names = [
                n
                for n, on in (("emphasis", block.emphasis), ("keep-next", block.keep_with_next))
                if on
            ]
            css_class = f' class="{" ".join(names)}"' if names else ""
            text = escape(block.text).replace("\n", "<br>")
            parts.append(f"<p{css_class}>{text}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{escape(_cell(item))}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        elif isinstance(block, Table):
            caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
            head = "".join(f'<th scope="col">{escape(_cell(h))}</th>' for h in block.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(_cell(c))}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            short = ' class="short"' if len(block.rows) <= SHORT_TABLE else ""
            parts.append(
                f"<table{short}>{caption}<thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>"
            )
        elif isinstance(block, Image):
            data = base64.b64encode(block.png).decode("ascii")
            parts.append(
                f'<p><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}" '
                f'style="width:{block.width_cm}cm"></p>'
            )
        elif isinstance(block, PageBreak):
            parts.append('<div class="pagebreak"></div>')
        elif isinstance(block, Group):
            classes = " ".join(c for c in ("keep" if block.keep else "", block.css_class) if c)
            parts.append(f'<section class="{escape(classes)}">')
            _html_blocks(block.blocks, parts)
            parts.append("</section>")


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango
    from weasyprint.urls import URLFetcher

    # Only data: URLs (our embedded charts): a report never reaches the network or the disk.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return bytes(HTML(string=render_html(doc), url_fetcher=fetcher).write_pdf())


def render_docx(doc: Document) -> bytes:
    import docx

    out = docx.Document()
    out.core_properties.title = _text(doc.title)
    out.core_properties.language = doc.language
    out.add_heading(_text(doc.title), level=0)
    if doc.subtitle:
        out.add_paragraph(_text(doc.subtitle))
    _docx_blocks(out, doc.blocks, keep=False)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _docx_blocks(out: Any, blocks: list[Any], *, keep: bool) -> None:
    """Blocks into the document; `keep` ties each paragraph of a group to the next, as Word's
    "Keep with next" (the group's last paragraph is left free)."""
    from docx.shared import Cm

    written = []
    for block in blocks:
        if isinstance(block, Heading):
            written.append(out.add_heading(_text(block.text), level=min(max(block.level, 1), 4)))
        elif isinstance(block, Paragraph):
            paragraph = out.add_paragraph()
            paragraph.add_run(_text(block.text)).italic = block.emphasis
            paragraph.paragraph_format.keep_with_next = block.keep_with_next or None
            written.append(paragraph)
        elif isinstance(block, Bullets):
            for item in block.items:
                written.append(out.add_paragraph(_cell(item), style="List Bullet"))
        elif isinstance(block, Table):
            if block.caption:
                caption = out.add_paragraph()
                caption.add_run(_text(block.caption)).bold = True
                caption.paragraph_format.keep_with_next = True
            _docx_table(out, block)
        elif isinstance(block, Image):
            written.append(out.add_paragraph())
            written[-1].add_run().add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            alt = out.add_paragraph()
            alt.add_run(_text(block.alt)).italic = True
            written.append(alt)
        elif isinstance(block, PageBreak):
            out.add_page_break()
        elif isinstance(block, Group):
            _docx_blocks(out, block.blocks, keep=block.keep)
    if keep:
        for paragraph in written[:-1]:
            paragraph.paragraph_format.keep_with_next = True


def _docx_table(out: Any, block: Table) -> None:
    """A table whose rows never split, whose header repeats on each page, and which keeps its
    first two and last two rows together (all of it when it is short)."""
    from docx.oxml import OxmlElement

    table = out.add_table(rows=1, cols=max(len(block.headers), 1))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, block.headers, strict=False):
        cell.text = _cell(header)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = _cell(value)
    rows = table.rows
    last = len(rows) - 1
    for index, row in enumerate(rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))
        # "Keep with next" on a row's paragraphs holds it on the page of the next row.
        tied = len(block.rows) <= SHORT_TABLE or index <= 1 or index == last - 1
        if tied and index < last:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in _cell(text))


def render_markdown(doc: Document) -> str:
    lines = [f"# {_md_escape(doc.title)}", ""]
    if doc.subtitle:
        lines += [_md_escape(doc.subtitle), ""]
    _markdown_blocks(doc.blocks, lines)
    return "\n".join(lines)


def _markdown_blocks(blocks: list, lines: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * min(max(block.level, 1), 6) + " " + _md_escape(block.text), ""]
        elif isinstance(block, Paragraph):
            text = _md_escape(block.text)
            lines += [f"*{text}*" if block.emphasis else text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_md_escape(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            if block.caption:
                lines += [f"**{_md_escape(block.caption)}**", ""]
            lines.append("| " + " | ".join(_md_escape(h) for h in block.headers) + " |")
            lines.append("|" + "---|" * len(block.headers))
            for row in block.rows:
                cells = [_md_escape(c).replace("\n", " ") for c in row]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        elif isinstance(block, Image):
            lines += [f"*[{_md_escape(block.alt)}]*", ""]
        elif isinstance(block, Group):
            _markdown_blocks(block.blocks, lines)


def chart_png(
    draw: Callable[[Any, Any], None], *, width_in: float = 8, height_in: float = 4.5, dpi: int = 150
) -> bytes:
    """Render a matplotlib figure: `draw(fig, ax)` fills it. Agg backend, no display needed."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=dpi)
    ax = fig.add_subplot()
    draw(fig, ax)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()

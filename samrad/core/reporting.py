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


Block = Heading | Paragraph | Bullets | Table | Image | PageBreak


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
"""


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
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 4)
            parts.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            css_class = ' class="emphasis"' if block.emphasis else ""
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
            parts.append(
                f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            )
        elif isinstance(block, Image):
            data = base64.b64encode(block.png).decode("ascii")
            parts.append(
                f'<p><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}" '
                f'style="width:{block.width_cm}cm"></p>'
            )
        elif isinstance(block, PageBreak):
            parts.append('<div class="pagebreak"></div>')
    parts.append("</body></html>")
    return "".join(parts)


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango
    from weasyprint.urls import URLFetcher

    # Only data: URLs (our embedded charts): a report never reaches the network or the disk.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return bytes(HTML(string=render_html(doc), url_fetcher=fetcher).write_pdf())


def render_docx(doc: Document) -> bytes:
    import docx
    from docx.shared import Cm

    out = docx.Document()
    out.core_properties.title = _text(doc.title)
    out.core_properties.language = doc.language
    out.add_heading(_text(doc.title), level=0)
    if doc.subtitle:
        out.add_paragraph(_text(doc.subtitle))
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.add_heading(_text(block.text), level=min(max(block.level, 1), 4))
        elif isinstance(block, Paragraph):
            run = out.add_paragraph().add_run(_text(block.text))
            run.italic = block.emphasis
        elif isinstance(block, Bullets):
            for item in block.items:
                out.add_paragraph(_cell(item), style="List Bullet")
        elif isinstance(block, Table):
            if block.caption:
                out.add_paragraph().add_run(_text(block.caption)).bold = True
            table = out.add_table(rows=1, cols=max(len(block.headers), 1))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, block.headers, strict=False):
                cell.text = _cell(header)
            for row in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.text = _cell(value)
        elif isinstance(block, Image):
            out.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            out.add_paragraph(_text(block.alt)).runs[0].italic = True
        elif isinstance(block, PageBreak):
            out.add_page_break()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in _cell(text))


def render_markdown(doc: Document) -> str:
    lines = [f"# {_md_escape(doc.title)}", ""]
    if doc.subtitle:
        lines += [_md_escape(doc.subtitle), ""]
    for block in doc.blocks:
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
    return "\n".join(lines)


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

"""Printable code cards for those who still want the wall: A4, six big cards a page, the
project's code large and its name small (WeasyPrint, like every PDF of Samråd)."""

from html import escape

CARDS_CSS = """
@page { size: A4; margin: 1cm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0; }
.sheet { display: flex; flex-wrap: wrap; gap: 0.5cm; }
.card { width: 9.2cm; height: 8.6cm; border: 2px dashed #4a4f57; box-sizing: border-box;
        padding: .6cm; display: flex; flex-direction: column; justify-content: center;
        text-align: center; page-break-inside: avoid; }
.code { font-size: 64pt; font-weight: bold; letter-spacing: .05em; color: #0b3d62; margin: 0; }
.name { font-size: 14pt; margin: .3cm 0 0; }
.dept { font-size: 10pt; color: #4a4f57; margin: .15cm 0 0; }
"""


def code_cards_html(workshop) -> str:
    cards = "".join(
        f'<div class="card"><p class="code">{escape(p.code)}</p>'
        f'<p class="name">{escape(p.name)}</p>'
        + (f'<p class="dept">{escape(p.department)}</p>' if p.department else "")
        + "</div>"
        for p in workshop.projects.all()
    )
    return (
        f'<!doctype html><html lang="{escape(workshop.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(workshop.title)}</title><style>{CARDS_CSS}</style></head>"
        f'<body><div class="sheet">{cards}</div></body></html>'
    )


def code_cards_pdf(workshop) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=code_cards_html(workshop), url_fetcher=fetcher).write_pdf()

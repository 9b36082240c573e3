"""Pictures for the PDF/DOCX documents: bar charts (matplotlib through reporting.chart_png) and
word clouds (the wordcloud package, with the DejaVu Sans font that matplotlib ships, so that
nothing is downloaded)."""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from pathlib import Path

from django.utils import formats, translation

from samrad.core.reporting import chart_png

BRAND = "#0b4f8a"


def font_path() -> str:
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def number(value: float) -> str:
    """A number as the active language writes it: "3,5" in sv/nb/da, "3.5" in en; whole
    numbers without decimals, thousands grouped ("1 200")."""
    rounded = round(float(value), 1)
    if rounded == int(rounded):
        rounded = int(rounded)
    return formats.number_format(rounded, use_l10n=True, force_grouping=True)


def bar_chart(
    labels: list[str], values: list[float], *, value_label: str = "", counts: bool = True
) -> bytes:
    """Horizontal bars, first label on top, each bar with its value written at its end.

    The labels are the caller's, in the report's language (built inside its
    `translation.override`), and so are the numbers: the axis and the values are written with
    the language's decimal comma. `counts` (people, answers, points) puts ticks on whole
    numbers only.

    The last charts drawn are kept (by what they show and the language): a report downloaded
    as a PDF and then as a DOCX, or again, draws each chart once (≈ 0.1 s each; a report has
    dozens)."""
    return _bar_chart(
        tuple(labels),
        tuple(float(value) for value in values),
        value_label,
        counts,
        translation.get_language(),
    )


@lru_cache(maxsize=256)  # ≈ 30 KB a chart
def _bar_chart(
    labels: tuple[str, ...],
    values: tuple[float, ...],
    value_label: str,
    counts: bool,
    language: str | None,  # the numbers are written in it (the active language: part of the key)
) -> bytes:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    shown = [textwrap.shorten(label, 40, placeholder="…") for label in labels]
    height = max(1.6, 0.45 * len(labels) + 0.8)

    def draw(fig, ax):
        positions = list(range(len(values)))[::-1]
        ax.barh(positions, values, color=BRAND)
        ax.set_yticks(positions, shown, fontsize=9)
        top = max(values, default=0) or 1
        for y, value in zip(positions, values, strict=True):
            ax.text(value + top * 0.01, y, number(value), va="center", fontsize=8)
        ax.set_xlim(0, top * 1.12)
        ax.xaxis.set_major_locator(MaxNLocator(integer=counts, min_n_ticks=1))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: number(value)))
        if value_label:
            ax.set_xlabel(value_label, fontsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    return chart_png(draw, width_in=7, height_in=height, dpi=120)


def wordcloud_png(frequencies: dict[str, int], *, width: int = 1000, height: int = 500) -> bytes:
    """A word cloud from term counts (samrad.insights.textanalysis.wordcloud.count_terms)."""
    from wordcloud import WordCloud

    cloud = WordCloud(
        font_path=font_path(),
        # Laid out at half size and drawn at full size: the layout is the slow part.
        width=width // 2,
        height=height // 2,
        scale=2,
        # Room above each word: the layout's boxes leave out accents (the dots of ö, å),
        # which would otherwise run into the word above.
        margin=8,
        max_font_size=height // 6,
        relative_scaling=0.4,
        background_color="white",
        color_func=lambda *args, **kwargs: BRAND,
        prefer_horizontal=1.0,
        random_state=7,
        max_words=60,
    ).generate_from_frequencies({word: count for word, count in frequencies.items() if count})
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG")
    return buffer.getvalue()

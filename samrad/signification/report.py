"""The signification part of the dialogue report: per survey its plots as PNG images (drawn
with matplotlib from the same numbers as the pages' SVGs) and a text summary of each.

    report_blocks(dialogue, language) -> list of core.reporting blocks
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.core.reporting import Block, Bullets, Heading, Image, Paragraph, Table, chart_png
from samrad.signification import ternary
from samrad.signification.plots import CountPlot, DyadPlot, TriadPlot, plots_for
from samrad.signification.selectors import Filters, story_rows

BRAND = "#0b4f8a"
INK = "#1b1b1f"
ACCENT = "#f2b600"


def triad_png(plot: TriadPlot, weights: list[tuple[float, float, float]]) -> bytes:
    from matplotlib.collections import PolyCollection

    def draw(fig, ax):
        cells = ternary.density(weights)
        polygons = [cell for cell, value in cells if value >= 0.05]
        alphas = [0.08 + 0.62 * value for _cell, value in cells if value >= 0.05]
        if polygons:
            collection = PolyCollection(polygons, facecolors=BRAND, edgecolors="none")
            collection.set_alpha(None)
            collection.set_facecolors([(11 / 255, 79 / 255, 138 / 255, alpha) for alpha in alphas])
            ax.add_collection(collection)
        corners = [ternary.CORNERS[k] for k in "abca"]
        ax.plot([p[0] for p in corners], [p[1] for p in corners], color=INK, linewidth=1.5)
        mids = [
            (0.25, ternary.HEIGHT / 2),
            (0.75, ternary.HEIGHT / 2),
            (0.5, 0.0),
            (0.25, ternary.HEIGHT / 2),
        ]
        ax.plot(
            [p[0] for p in mids],
            [p[1] for p in mids],
            color="#4a4f57",
            linewidth=0.8,
            linestyle="--",
        )
        if weights:
            xy = [ternary.to_xy(*w) for w in weights]
            ax.scatter(
                [p[0] for p in xy],
                [p[1] for p in xy],
                s=14,
                color=INK,
                edgecolors="white",
                linewidths=0.5,
                zorder=3,
            )
        if plot.mean:
            mx, my = ternary.to_xy(*plot.mean)
            ax.scatter([mx], [my], marker="D", s=60, color=ACCENT, edgecolors=INK, zorder=4)
        labels = plot.signifier.labels
        ax.text(0.5, ternary.HEIGHT + 0.04, labels[0], ha="center", va="bottom", fontsize=10)
        ax.text(0.0, -0.05, labels[1], ha="left", va="top", fontsize=10)
        ax.text(1.0, -0.05, labels[2], ha="right", va="top", fontsize=10)
        ax.set_xlim(-0.05, 1.05)
        ax.set_ylim(-0.15, ternary.HEIGHT + 0.12)
        ax.set_aspect("equal")
        ax.axis("off")

    return chart_png(draw, width_in=5.5, height_in=5)


def dyad_png(plot: DyadPlot) -> bytes:
    def draw(fig, ax):
        lows = [b.low for b in plot.bins]
        ax.bar(lows, [b.count for b in plot.bins], width=9, align="edge", color=BRAND)
        if plot.mean is not None:
            ax.axvline(plot.mean, color=ACCENT, linewidth=2.5, linestyle="--")
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 50, 100], [plot.signifier.labels[0], "50", plot.signifier.labels[1]])
        ax.set_ylabel(_("Stories"))
        ax.spines[["top", "right"]].set_visible(False)

    return chart_png(draw, width_in=6.5, height_in=2.8)


def triad_summary(plot: TriadPlot) -> list[str]:
    lines = [
        ngettext("%(n)s story placed a point.", "%(n)s stories placed a point.", plot.n)
        % {"n": plot.n}
    ]
    if plot.mean_shares:
        mean = ", ".join(f"{label} {percent} %" for label, percent in plot.mean_shares)
        lines.append(_("Mean point: %(mean)s") % {"mean": mean})
    for region in plot.regions:
        name = region.label or _("Middle (no label has 50 %)")
        lines.append(f"{name}: {region.count} ({region.percent} %)")
    return lines


def report_blocks(dialogue, language: str) -> list[Block]:
    blocks: list[Block] = []
    with translation.override(language):
        for survey in dialogue.surveys.order_by("created_at", "id"):
            rows = story_rows(survey)
            if not rows:
                continue
            signifiers = list(survey.signifiers.all())
            blocks.append(Heading(survey.title, level=2))
            blocks.append(Paragraph(survey.prompt, emphasis=True))
            blocks.append(
                Paragraph(ngettext("%(n)s story.", "%(n)s stories.", len(rows)) % {"n": len(rows)})
            )
            for plot in plots_for(signifiers, rows, Filters()):
                blocks.append(Heading(plot.signifier.prompt, level=3))
                if isinstance(plot, TriadPlot):
                    weights = [
                        given
                        for row in rows
                        if plot.signifier.pk in row.answers
                        and (given := row.answers[plot.signifier.pk].weights)
                    ]
                    alt = _("Triangle plot: %(prompt)s") % {"prompt": plot.signifier.prompt}
                    blocks.append(Image(triad_png(plot, weights), alt=alt, width_cm=11))
                    blocks.append(Bullets(triad_summary(plot)))
                elif isinstance(plot, DyadPlot):
                    alt = _("Histogram: %(prompt)s") % {"prompt": plot.signifier.prompt}
                    blocks.append(Image(dyad_png(plot), alt=alt, width_cm=14))
                    if plot.mean is not None:
                        blocks.append(
                            Paragraph(
                                _("%(n)s stories; mean %(mean)s (0 = %(left)s, 100 = %(right)s).")
                                % {
                                    "n": plot.n,
                                    "mean": round(plot.mean),
                                    "left": plot.signifier.labels[0],
                                    "right": plot.signifier.labels[1],
                                }
                            )
                        )
                elif isinstance(plot, CountPlot):
                    blocks.append(
                        Table(
                            headers=[_("Option"), _("Stories"), _("Share")],
                            rows=[[o.label, o.count, f"{o.percent} %"] for o in plot.options],
                        )
                    )
    return blocks

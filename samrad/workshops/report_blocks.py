"""What the mapping step kinds add to the workshop report (`report.py`), and the comparison
of the portfolio with what citizens want (question f), shared by the step and the report."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from samrad.core import reporting
from samrad.workshops.mapping import selectors as mapping_selectors

# Colours of the areas on the map picture; dark text on them passes WCAG AA.
AREA_COLOURS = ["#dbe9f6", "#e3f1dc", "#fbe9d0", "#efe0f5", "#f9dede"]


def _percent(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def comparison(workshop) -> dict:
    """Per target image: the portfolio's share of placements, the citizens' share of poll
    answers (if a poll is chosen) and of coded inputs through the themes the coordinator
    mapped to target images (if the dialogue has coded inputs). Every share comes with its
    count and its whole (`… of n`): never a percentage without its n."""
    board = mapping_selectors.board(workshop)
    weights = mapping_selectors.citizens_weights(workshop)
    coverage = mapping_selectors.inputs_coverage(workshop)
    poll_total = sum(weights.values()) if weights else 0
    rows = []
    for column in board.columns:
        name = column.image.name
        row: dict[str, Any] = {
            "name": name,
            "projects": column.count,
            "portfolio": _percent(column.count, board.analysis.total),
            "citizens": None,
            "answers": None,
            "inputs": None,
            "inputs_percent": None,
        }
        if weights is not None:
            row["answers"] = weights.get(name, 0)
            row["citizens"] = _percent(row["answers"], poll_total)
        if coverage is not None:
            row["inputs"] = coverage.counts.get(name, 0)
            row["inputs_percent"] = coverage.share(name)
        rows.append(row)
    return {
        "rows": rows,
        "question": workshop.compare_question,
        "poll_total": poll_total,
        "has_poll": weights is not None,
        "has_inputs": coverage is not None,
        "coverage": coverage,
        "placements": board.analysis.total,
    }


def series(data: dict) -> list[dict]:
    """The bars of the comparison: each with its label naming its whole (n), the shares and
    the counts behind them. Shared by the chart picture and the page."""
    coverage = data.get("coverage")
    out = [
        {
            "key": "portfolio",
            "label": _("Portfolio: share of %(n)s placements") % {"n": data["placements"]},
            "shares": [row["portfolio"] for row in data["rows"]],
            "counts": [row["projects"] for row in data["rows"]],
        }
    ]
    if data["has_poll"]:
        out.append(
            {
                "key": "poll",
                "label": _("Citizens' poll: share of %(n)s answers") % {"n": data["poll_total"]},
                "shares": [row["citizens"] for row in data["rows"]],
                "counts": [row["answers"] for row in data["rows"]],
            }
        )
    if coverage is not None:
        out.append(
            {
                "key": "inputs",
                "label": _("Citizens' inputs: share of %(n)s coded inputs") % {"n": coverage.coded},
                "shares": [row["inputs_percent"] for row in data["rows"]],
                "counts": [row["inputs"] for row in data["rows"]],
            }
        )
    return out


def coverage_sentence(coverage) -> str:
    return _(
        "%(coded)s coded inputs: %(covered)s reach a target image through the themes mapped to "
        "it, %(left)s are left out (their themes are mapped to no target image)."
    ) % {"coded": coverage.coded, "covered": coverage.covered, "left": coverage.left_out}


def comparison_png(data: dict) -> bytes:
    """Bars of shares per target image; each bar is labelled with its count and the legend
    names the whole each share is of."""
    bars = series(data)
    colours = {"portfolio": "#0b4f8a", "poll": "#c05a00", "inputs": "#2e6b30"}
    hatches = {"portfolio": "", "poll": "//", "inputs": ".."}

    def draw(fig, ax):
        names = [row["name"] for row in data["rows"]]
        positions = range(len(names))
        width = 0.8 / len(bars)
        for index, bar in enumerate(bars):
            offset = (index - (len(bars) - 1) / 2) * width
            drawn = ax.bar(
                [p + offset for p in positions],
                bar["shares"],
                width,
                label=bar["label"],
                color=colours[bar["key"]],
                hatch=hatches[bar["key"]],
            )
            ax.bar_label(drawn, labels=[str(count) for count in bar["counts"]], fontsize=8)
        ax.set_xticks(list(positions), names)
        ax.set_ylabel("%")
        ax.set_ylim(0, 110)
        ax.legend(fontsize=8)
        if data.get("coverage") is not None:
            fig.text(0.01, 0.01, coverage_sentence(data["coverage"]), fontsize=7)

    return reporting.chart_png(draw, width_in=8, height_in=4.4)


def map_png(board: mapping_selectors.Board) -> bytes:
    """The board as a picture: one area per target image with its projects' codes."""
    columns = board.columns or []

    def draw(fig, ax):
        from matplotlib.patches import FancyBboxPatch

        ax.set_axis_off()
        n = max(len(columns), 1)
        ax.set_xlim(0, n)
        ax.set_ylim(0, 1)
        for index, column in enumerate(columns):
            colour = AREA_COLOURS[index % len(AREA_COLOURS)]
            ax.add_patch(
                FancyBboxPatch(
                    (index + 0.04, 0.04),
                    0.92,
                    0.92,
                    boxstyle="round,pad=0.0,rounding_size=0.04",
                    facecolor=colour,
                    edgecolor="#4a4f57",
                )
            )
            ax.text(
                index + 0.5,
                0.9,
                f"{column.image.name} ({column.count})",
                ha="center",
                va="center",
                fontsize=13,
                fontweight="bold",
                color="#1b1b1f",
            )
            codes = [p.project.code for p in column.loose]
            for area in column.areas:
                codes += [f"{p.project.code}·{area.area.name[:10]}" for p in area.placements]
            per_row = 4
            for i, code in enumerate(codes[:48]):
                ax.text(
                    index + 0.14 + (i % per_row) * 0.24,
                    0.78 - (i // per_row) * 0.065,
                    code,
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="#1b1b1f",
                    bbox={
                        "boxstyle": "round,pad=0.25",
                        "facecolor": "#fffbe6",
                        "edgecolor": "#8a6100",
                    },
                )
            if not codes:
                ax.text(
                    index + 0.5,
                    0.5,
                    _("Gap: no project"),
                    ha="center",
                    fontsize=11,
                    style="italic",
                    color="#a4161a",
                )

    return reporting.chart_png(draw, width_in=10, height_in=5)


def _map_alt(board: mapping_selectors.Board) -> str:
    parts = [
        f"{column.image.name}: "
        + (
            ", ".join(
                p.project.code
                for p in column.loose + [x for a in column.areas for x in a.placements]
            )
            or "–"
        )
        for column in board.columns
    ]
    return _("Map of the projects on the target images") + " – " + "; ".join(parts)


def mapping_blocks(step) -> list:
    board = mapping_selectors.board(step.workshop)
    blocks = [
        reporting.Heading(step.title, 2),
        reporting.Image(map_png(board), _map_alt(board), width_cm=16),
    ]
    rows = []
    for project in board.projects:
        on = [
            c.image.name for c in board.columns if c.image.pk in board.on_images.get(project.pk, [])
        ]
        rows.append([project.code, project.name, project.department, ", ".join(on) or "–"])
    if rows:
        blocks.append(
            reporting.Table(
                [_("Code"), _("Project"), _("Department"), _("Target images")],
                rows,
                caption=_("The portfolio"),
            )
        )
    return blocks


def analysis_blocks(step) -> list:
    board = mapping_selectors.board(step.workshop)
    result = board.analysis
    rows = []
    for column in board.columns:
        remark = []
        if column.gap:
            remark.append(_("gap"))
        if column.over:
            remark.append(_("over-represented"))
        rows.append(
            [
                column.image.name,
                column.count,
                f"{_percent(column.count, result.total)} %",
                ", ".join(remark),
            ]
        )
        for area in column.areas:
            rows.append(
                [
                    f"  – {area.area.name}",
                    len(area.placements),
                    "",
                    _("gap") if not area.placements else "",
                ]
            )
    blocks = [
        reporting.Heading(step.title, 2),
        reporting.Table([_("Target image"), _("Projects"), _("Share"), _("Remark")], rows),
        reporting.Paragraph(
            _(
                "Over-represented means more than %(factor)s × an even share "
                "(%(threshold)s of %(total)d placements)."
            )
            % {
                "factor": step.workshop.over_factor,
                "threshold": formats.number_format(result.threshold, 1, use_l10n=True),
                "total": result.total,
            }
        ),
        reporting.Bullets(
            [
                _("Gaps: %(names)s") % {"names": ", ".join(result.gaps) or "–"},
                _("Over-represented: %(names)s")
                % {"names": ", ".join(result.over_represented) or "–"},
                _("Projects on two target images: %(codes)s")
                % {"codes": ", ".join(result.multi_mapped) or "–"},
                _("Projects not mapped: %(codes)s") % {"codes": ", ".join(result.unmapped) or "–"},
            ]
        ),
    ]
    return blocks


def discussion_blocks(step) -> list:
    from samrad.workshops.formats import discussion_state

    blocks: list[reporting.Block] = [reporting.Heading(step.title, 2)]
    for question in discussion_state(step)["questions"]:
        blocks.append(reporting.Heading(f"{question['key']}. {question['text']}", 3))
        blocks.append(
            reporting.Paragraph(question["note"] or _("No notes."), emphasis=not question["note"])
        )
    return blocks


def compare_blocks(step) -> list:
    data = comparison(step.workshop)
    headers = [_("Target image"), _("Portfolio")]
    if data["has_poll"]:
        headers.append(_("Citizens (poll)"))
    if data["has_inputs"]:
        headers.append(_("Citizens' inputs"))
    rows = []
    for row in data["rows"]:
        cells = [row["name"], _of(row["portfolio"], row["projects"], data["placements"])]
        if data["has_poll"]:
            cells.append(_of(row["citizens"], row["answers"], data["poll_total"]))
        if data["has_inputs"]:
            cells.append(_of(row["inputs_percent"], row["inputs"], data["coverage"].coded))
        rows.append(cells)
    blocks: list[reporting.Block] = [reporting.Heading(step.title, 2)]
    if data["has_poll"]:
        blocks.append(
            reporting.Paragraph(_("Citizens' poll: %(q)s") % {"q": data["question"].prompt})
        )
    if data["has_inputs"]:
        blocks.append(reporting.Paragraph(coverage_sentence(data["coverage"])))
    blocks.append(
        reporting.Image(
            comparison_png(data), _("Portfolio and citizens per target image"), width_cm=15
        )
    )
    blocks.append(reporting.Table(headers, rows))
    return blocks


def _of(percent: int, count: int, whole: int) -> str:
    return _("%(percent)s %% (%(count)s of %(whole)s)") % {
        "percent": percent,
        "count": count,
        "whole": whole,
    }

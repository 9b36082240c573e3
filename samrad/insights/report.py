"""The board's part of the dialogue report: themes with their counts, and the answered
inputs under each theme."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from samrad.core import reporting
from samrad.dialogues.models import Dialogue
from samrad.insights import selectors
from samrad.insights.exports import kind_label
from samrad.insights.models import Input


def report_blocks(dialogue: Dialogue, language: str, *, answers: bool = True) -> list:
    """The themes with their counts (a chart of the most used), then, unless `answers=False`
    (the dialogue report, which lists them in its appendix: `appendix_blocks`), the answered
    inputs under each theme."""
    with translation.override(language):
        from samrad.feedback import public

        answered, total = selectors.answered_share(dialogue)
        published = public.publish_summary(dialogue)["published"]
        blocks: list = [
            reporting.Heading(_("Inputs and themes")),
            reporting.Paragraph(
                _(
                    "%(total)d inputs, of which %(answered)d answered; %(published)d answers "
                    "are published on the public page."
                )
                % {"total": total, "answered": answered, "published": published}
            ),
        ]
        counts = selectors.theme_counts(dialogue)
        used = sorted((r for r in counts if r["count"]), key=lambda r: -r["count"])[:10]
        if used:
            from samrad.feedback import charts

            # The chart right after the count, kept with it; the whole table follows.
            blocks[-1].keep_with_next = True
            png = charts.bar_chart(
                [r["theme"].name for r in used],
                [r["count"] for r in used],
                value_label=_("Inputs"),
            )
            blocks.append(reporting.Image(png, alt=_("Bar chart: %(q)s") % {"q": _("Themes")}))
        if counts:
            blocks.append(
                reporting.Table(
                    headers=[_("Theme"), _("Inputs"), _("Answered")],
                    rows=[
                        [
                            ("  " * row["theme"].depth) + row["theme"].name,
                            row["count"],
                            row["answered"],
                        ]
                        for row in counts
                    ],
                    caption=_("Themes"),
                )
            )
        if answers:
            blocks += _answer_blocks(dialogue)
        return blocks


def appendix_blocks(dialogue: Dialogue, language: str) -> list:
    """Every input with a written answer, under its themes (the dialogue report's appendix)."""
    with translation.override(language):
        blocks = _answer_blocks(dialogue)
        if not blocks:
            return []
        return [reporting.Heading(_("Inputs and answers"), level=3), *blocks]


def _answer_blocks(dialogue: Dialogue) -> list:
    blocks: list = []
    inputs = list(
        Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True)
        .exclude(answer="")
        .prefetch_related("themes")
        .order_by("created_at", "id")
    )
    for group in selectors.by_theme(dialogue, inputs):
        blocks.append(
            reporting.Heading(group.theme.name if group.theme else _("Without a theme"), level=4)
        )
        blocks.append(
            reporting.Table(
                headers=[_("Type"), _("Input"), _("Answer")],
                rows=[[kind_label(i.kind), i.text, i.answer] for i in group.inputs],
            )
        )
    return blocks

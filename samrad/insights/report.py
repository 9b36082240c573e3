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


def report_blocks(dialogue: Dialogue, language: str) -> list:
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
        inputs = list(
            Input.objects.filter(dialogue=dialogue, duplicate_of__isnull=True)
            .exclude(answer="")
            .prefetch_related("themes")
            .order_by("created_at", "id")
        )
        for group in selectors.by_theme(dialogue, inputs):
            blocks.append(
                reporting.Heading(
                    group.theme.name if group.theme else _("Without a theme"), level=3
                )
            )
            blocks.append(
                reporting.Table(
                    headers=[_("Type"), _("Input"), _("Answer")],
                    rows=[[kind_label(i.kind), i.text, i.answer] for i in group.inputs],
                )
            )
        return blocks

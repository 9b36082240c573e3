"""The opinions part of the dialogue report ("Opinion groups"): per statements question with
votes, the opinion groups with their sizes and representative statements, the common ground
and the divisive statements, from the same analysis the projector draws
(`presentation.stage`). A group smaller than the session's smallest group (`min_group_size`,
the anonymity threshold) is not shown, and the report says how many were left out.

    report_blocks(dialogue, language) -> list of core.reporting blocks
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.core.reporting import Block, Bullets, Heading, Paragraph, Table
from samrad.live.models import Question, QuestionKind
from samrad.opinions import presentation
from samrad.opinions.models import StatementVote


def _questions(dialogue) -> list[Question]:
    voted = StatementVote.objects.filter(statement__question__session__dialogue=dialogue)
    ids = set(voted.values_list("statement__question_id", flat=True).distinct())
    return list(
        Question.objects.filter(pk__in=ids, kind=QuestionKind.STATEMENTS)
        .select_related("session")
        .order_by("session__created_at", "session_id", "position", "id")
    )


def _agree(rep: dict) -> str:
    if rep["agree"]:
        return _("%(percent)s %% agree") % {"percent": rep["percent"]}
    return _("%(percent)s %% disagree") % {"percent": rep["percent"]}


def question_blocks(question: Question) -> list[Block]:
    stage = presentation.stage(question)
    minimum = question.session.min_group_size
    blocks: list[Block] = [
        Heading(question.prompt, 3),
        Paragraph(
            _("%(people)s people voted on %(statements)s statements.")
            % {"people": stage["respondents"], "statements": stage["statements"]},
            emphasis=True,
        ),
    ]
    if stage["groups"]:
        blocks.append(
            Table(
                [_("Group"), _("People"), _("What sets the group apart")],
                [
                    [
                        group["label"],
                        group["size"],
                        "\n".join(
                            f"{rep['text']} ({_agree(rep)})" for rep in group["representative"]
                        ),
                    ]
                    for group in stage["groups"]
                ],
                caption=_("Opinion groups"),
            )
        )
    else:
        blocks.append(Paragraph(_("Too few votes yet to form opinion groups.")))
    if stage["hidden_groups"]:
        blocks.append(
            Paragraph(
                ngettext(
                    "%(n)s group with fewer than %(min)s people is not shown.",
                    "%(n)s groups with fewer than %(min)s people are not shown.",
                    stage["hidden_groups"],
                )
                % {"n": stage["hidden_groups"], "min": minimum},
                emphasis=True,
            )
        )
    if stage["consensus"]:
        blocks += [Heading(_("Common ground"), 4), Bullets(stage["consensus"])]
    if stage["divisive"]:
        # a statement's text, or a dict with it (and each group's share agreeing)
        divisive = [d["text"] if isinstance(d, dict) else d for d in stage["divisive"]]
        blocks += [Heading(_("Divisive statements"), 4), Bullets(divisive)]
    return blocks


def report_blocks(dialogue, language: str) -> list[Block]:
    with translation.override(language):
        questions = _questions(dialogue)
        if not questions:
            return []
        blocks: list[Block] = [Heading(_("Opinion groups"), 2)]
        for question in questions:
            blocks += question_blocks(question)
        return blocks

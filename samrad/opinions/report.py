"""The facilitator's report of a statements question, as plain data, and its CSV / XLSX
exports.

Everything the projector shows, in full: the opinion map, every group at or above the
session's smallest group size (the anonymity threshold; smaller groups are counted, not
shown) with its size and every representative statement, the common ground, every divisive
statement, and each statement's agree / disagree / pass counts overall and per group.
The exports go through `live.exports` (spreadsheet-safe cells, one path per format).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext as _

from samrad.live.exports import csv_bytes, xlsx_bytes
from samrad.live.models import Moderation, Question
from samrad.opinions import presentation
from samrad.opinions.models import Statement
from samrad.opinions.selectors import question_analysis
from samrad.opinions.services import vote_counts


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def question_report(question: Question) -> dict[str, Any]:
    analysis = question_analysis(question=question)
    minimum = question.session.min_group_size
    statements = list(Statement.objects.filter(question=question).order_by("id"))
    texts: dict[Hashable, str] = {s.pk: s.text for s in statements}
    counts = vote_counts(statements)
    shown = [group for group in analysis.groups if group.size >= minimum]
    column = {statement: j for j, statement in enumerate(analysis.statements)}
    groups = [
        {
            "id": group.id,
            "label": presentation.label(group.id),
            "colour": presentation.colour(group.id),
            "size": group.size,
            "participants": group.participants,
            "representative": [
                {
                    "text": texts.get(rep.statement, ""),
                    "agree": rep.direction == "agree",
                    "share_in": round(100 * rep.share_in),
                    "share_out": round(100 * rep.share_out),
                }
                for rep in group.representative
            ],
        }
        for group in shown
    ]
    dots = presentation.place(analysis, groups)
    consensus = {score.statement for score in analysis.consensus}
    divisive = presentation.divisive(analysis, shown, texts, limit=None)
    divisive_ids = {item["statement"] for item in divisive}
    rows = []
    for number, statement in enumerate(statements, start=1):
        count = counts[statement.pk]
        total = count["agree"] + count["disagree"] + count["pass"]
        j = column.get(statement.pk)
        rows.append(
            {
                "number": number,
                "pk": statement.pk,
                "text": statement.text,
                "shown": statement.moderation == Moderation.APPROVED,
                "moderation": statement.get_moderation_display(),
                "moderation_code": statement.moderation,
                "by_participant": statement.author_id is not None,
                **count,
                "votes": total,
                "agree_share": _share(count["agree"], total) or 0,
                "disagree_share": _share(count["disagree"], total) or 0,
                "pass_share": _share(count["pass"], total) or 0,
                "common_ground": statement.pk in consensus,
                "divisive": statement.pk in divisive_ids,
                "on_board": statement.input_id is not None,
                "by_group": [
                    _share(group.agree[j], group.seen[j]) if j is not None else None
                    for group in shown
                ],
            }
        )
    by_pk = {row["pk"]: row for row in rows}
    return {
        "question": question,
        "participants": analysis.participants,
        "grouped": analysis.method.get("grouped", 0),
        "min_votes": analysis.method.get("min_votes"),
        "silhouette": analysis.method.get("silhouette"),
        "groups": groups,
        "hidden_groups": len(analysis.groups) - len(shown),
        "minimum": minimum,
        "dots": dots,
        "consensus": [by_pk[s.statement] for s in analysis.consensus if s.statement in by_pk],
        "divisive": [
            {**item, "row": by_pk[item["statement"]]}
            for item in divisive
            if item["statement"] in by_pk
        ],
        "statements": rows,
    }


def _statement_table(report: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    header = [
        "statement",
        "text",
        "moderation",
        "author",
        "agree",
        "disagree",
        "pass",
        "votes",
        "common_ground",
        "divisive",
        "on_input_board",
    ] + [f"group_{group['label']}_agree_percent" for group in report["groups"]]
    rows = [
        [
            row["number"],
            row["text"],
            row["moderation_code"],
            "participant" if row["by_participant"] else "facilitator",
            row["agree"],
            row["disagree"],
            row["pass"],
            row["votes"],
            row["common_ground"],
            row["divisive"],
            row["on_board"],
            *row["by_group"],
        ]
        for row in report["statements"]
    ]
    return header, rows


def report_csv(question: Question) -> bytes:
    """One row per statement: counts, common ground, divisive, each shown group's agree %."""
    return csv_bytes(*_statement_table(question_report(question)))


def report_xlsx(question: Question) -> bytes:
    """The statements sheet of the CSV, and a sheet of the groups with their representative
    statements."""
    report = question_report(question)
    header, rows = _statement_table(report)
    groups: list[list[Any]] = [
        ["group", "size", "statement", "direction", "share_in_group", "share_outside"]
    ]
    for group in report["groups"]:
        groups.append([group["label"], group["size"], "", "", None, None])
        groups.extend(
            [
                "",
                "",
                rep["text"],
                "agree" if rep["agree"] else "disagree",
                rep["share_in"],
                rep["share_out"],
            ]
            for rep in group["representative"]
        )
    return xlsx_bytes([(_("Statements"), [header, *rows]), (_("Groups"), groups)])

"""The actions follow-up as CSV or XLSX, through the live app's one spreadsheet path
(`samrad.live.exports.csv_bytes` / `xlsx_bytes`), so a formula in an action's text never runs.

Column names are fixed English identifiers and stored codes stay codes (status, owner type,
sphere), as in every export of Samråd; `overdue` is true or false as of today.
"""

from __future__ import annotations

from django.http import HttpResponse

from samrad.core.filenames import download_name
from samrad.live.exports import CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_bytes

FORMATS = {"csv", "xlsx"}
COLUMNS = [
    "id",
    "what",
    "concern",
    "owner_type",
    "owner_name",
    "sphere",
    "due",
    "status",
    "overdue",
    "dots",
    "workshop",
    "idea",
]


def rows(actions) -> list[list]:
    return [
        [
            action.pk,
            action.what,
            action.concern.text if action.concern else "",
            action.owner_type,
            action.owner_name,
            action.sphere,
            action.due.isoformat() if action.due else "",
            action.status,
            bool(action.overdue),
            action.votes,
            action.workshop.title if action.workshop else "",
            action.idea.text if action.idea else "",
        ]
        for action in actions
    ]


def build(actions, fmt: str) -> bytes:
    if fmt == "csv":
        return csv_bytes(COLUMNS, rows(actions))
    return xlsx_bytes([("actions", [COLUMNS, *rows(actions)])])


def response(dialogue, actions, fmt: str) -> HttpResponse:
    data = build(actions, fmt)
    content_type = CSV_TYPE if fmt == "csv" else XLSX_TYPE
    name = download_name("actions", dialogue.title, fmt, language=dialogue.language)
    reply = HttpResponse(data, content_type=content_type)
    reply["Content-Disposition"] = f'attachment; filename="{name}"'
    reply["X-Content-Type-Options"] = "nosniff"
    return reply

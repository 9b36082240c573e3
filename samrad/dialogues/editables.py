"""What of a dialogue is edited in place (core/editing.py): its meetings."""

from __future__ import annotations

from samrad.core.editing import Editable, register
from samrad.dialogues import services
from samrad.dialogues.forms import MeetingForm
from samrad.dialogues.models import Meeting

register(
    Editable(
        key="dialogues.meeting",
        model=Meeting,
        fields=("title", "place", "starts_at", "kind"),
        form=lambda obj, **kw: MeetingForm(**kw),
        update=lambda obj, **kw: services.meeting_update(meeting=obj, **kw),
        dialogue=lambda obj: obj.dialogue,
        row_template="dialogues/_meeting_row.html",
        name=lambda obj: obj.title,
        tag="tr",
        columns=6,
        context=lambda obj: {"session_count": obj.sessions.count()},
        scope=lambda: Meeting.objects.select_related("dialogue__organisation"),
    )
)

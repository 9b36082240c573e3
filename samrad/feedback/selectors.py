"""Reads for feedback: the public page, what a dialogue asked and what came out of it, the
parts other apps contribute, subscribers and mailings."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from samrad.core import plugins
from samrad.dialogues.models import Dialogue, MeetingKind
from samrad.feedback.models import FeedbackMailing, FeedbackSubscriber, PublicPage
from samrad.live.models import LiveSession, Participant, QuestionKind, SessionStatus
from samrad.live.selectors import question_results

# Kinds whose aggregate is shown as bars or a cloud; free text (open inputs, Q&A) is published
# only through the themes and answers a facilitator writes (insights), never raw.
CHARTED_KINDS = {
    QuestionKind.CHOICE,
    QuestionKind.SCALE,
    QuestionKind.RANKING,
    QuestionKind.NUMERIC,
    QuestionKind.POINTS,
    QuestionKind.WORDCLOUD,
}


def public_page_or_404(*, slug: str) -> PublicPage:
    """The published page with this address; an unpublished one does not exist for the public."""
    page = PublicPage.objects.select_related("dialogue").filter(slug=slug, published=True).first()
    if page is None:
        raise Http404
    return page


def page_of(dialogue: Dialogue) -> PublicPage | None:
    return PublicPage.objects.filter(dialogue=dialogue).first()


def held_sessions(dialogue: Dialogue) -> QuerySet[LiveSession]:
    """Sessions that have taken place or are taking place (not drafts), oldest first."""
    return (
        dialogue.sessions.exclude(status=SessionStatus.DRAFT)
        .select_related("meeting", "dialogue")
        .prefetch_related("questions__choices")
        .order_by("created_at", "id")
    )


def method_sessions(dialogue: Dialogue) -> QuerySet[LiveSession]:
    """The dialogue's own sessions, oldest first, with their questions: not those an app runs
    for itself (a workshop's session travels, and is listed, with its workshop)."""
    return (
        dialogue.sessions.filter(workshop__isnull=True)
        .order_by("created_at", "id")
        .prefetch_related("questions__choices")
    )


def session_results(session: LiveSession) -> list[dict[str, Any]]:
    """Each question of the session with its aggregate and how to draw it."""
    rows = []
    for question in session.questions.all():
        results = question_results(question)
        charted = question.kind in CHARTED_KINDS
        rows.append(
            {
                "question": question,
                "results": results,
                "charted": charted,
                "template": f"live/kinds/{question.kind}_results.html" if charted else None,
                "respondents": results.get("respondents") or 0,
                "entries": results.get("entries"),
                "by_kind": results.get("by_kind", []),
            }
        )
    return rows


def dialogue_results(dialogue: Dialogue) -> list[dict[str, Any]]:
    return [
        {
            "session": session,
            "participants": session.participants.count(),
            "questions": session_results(session),
        }
        for session in held_sessions(dialogue)
    ]


def participation(dialogue: Dialogue) -> dict[str, Any]:
    """How many took part, through which channel, and the meetings held (open / outreach)."""
    participants = Participant.objects.filter(session__dialogue=dialogue)
    by_channel = Counter(dict(participants.values_list("channel").annotate(n=Count("id"))))
    now = timezone.now()
    held = dialogue.meetings.filter(starts_at__lte=now)
    return {
        "participants": sum(by_channel.values()),
        "by_channel": dict(by_channel),
        "sessions": held_sessions(dialogue).count(),
        "meetings_held": held.count(),
        "open_meetings": held.filter(kind=MeetingKind.OPEN).count(),
        "outreach_meetings": held.filter(kind=MeetingKind.OUTREACH).count(),
        "meetings_planned": dialogue.meetings.filter(starts_at__gt=now).count(),
    }


def contributed_sections(dialogue: Dialogue) -> list[str]:
    """Template names of the other apps' public sections, in page order
    (`samrad.core.plugins.PUBLIC_SECTIONS`)."""
    return list(plugins.PUBLIC_SECTIONS)


def subscribers_of(dialogue: Dialogue) -> QuerySet[FeedbackSubscriber]:
    """Confirmed addresses only: an unconfirmed one (double opt-in) gets nothing else."""
    return dialogue.subscribers.filter(confirmed_at__isnull=False).order_by("id")


def mailings_of(dialogue: Dialogue) -> QuerySet[FeedbackMailing]:
    return dialogue.mailings.annotate(delivered=Count("deliveries"))


# --- Reports built in the background --------------------------------------------------------

# A queued build that no worker has picked up after this many seconds gets a hint on the page.
WAITING_HINT_AFTER = 20


def report_builds_of(dialogue: Dialogue, limit: int = 5) -> list:
    from samrad.feedback.models import ReportBuild

    return list(ReportBuild.objects.filter(dialogue=dialogue).defer("content")[:limit])


def report_build_for_user_or_404(*, user, pk: int):
    """A report build of one of the user's dialogues (another organisation's → 404)."""
    from django.shortcuts import get_object_or_404

    from samrad.dialogues.selectors import dialogues_for_user
    from samrad.feedback.models import ReportBuild

    return get_object_or_404(
        ReportBuild.objects.select_related("dialogue"),
        pk=pk,
        dialogue__in=dialogues_for_user(user=user),
    )


def report_build_state(build, *, now=None) -> str:
    """What the page says: queued / waiting (no worker has taken it for a while) / running /
    stalled (no progress for SAMRAD_REPORT_STALLED_AFTER seconds: the worker stopped) / done /
    failed."""
    from django.conf import settings

    from samrad.feedback.models import ReportStatus

    now = now or timezone.now()
    idle = (now - build.updated_at).total_seconds()
    if build.status == ReportStatus.QUEUED:
        if idle > settings.SAMRAD_REPORT_STALLED_AFTER:
            return "stalled"
        return "waiting" if idle > WAITING_HINT_AFTER else "queued"
    if build.status == ReportStatus.RUNNING and idle > settings.SAMRAD_REPORT_STALLED_AFTER:
        return "stalled"
    return str(build.status)

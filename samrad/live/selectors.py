"""Reads for live sessions: results, counts, a participant's own answers."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from samrad.accounts.models import Organisation
from samrad.insights.textanalysis.wordcloud import APART_PREFIX
from samrad.live import events, wordfilter
from samrad.live.kinds import kind_of, qa
from samrad.live.kinds.wordcloud import WordcloudKind
from samrad.live.models import (
    BlockedWords,
    LiveSession,
    Moderation,
    Participant,
    Question,
    QuestionKind,
    QuestionRole,
    Response,
)


def normal_code(code: str | None) -> str | None:
    """A join code as stored (six digits, spaces dropped), or None if it cannot be one."""
    digits = (code or "").strip().replace(" ", "")
    return digits if len(digits) == 6 and digits.isascii() and digits.isdigit() else None


def session_by_code(code: str) -> LiveSession | None:
    digits = normal_code(code)
    if digits is None:
        return None
    return (
        LiveSession.objects.select_related("dialogue", "current_question")
        .filter(code=digits)
        .first()
    )


# Which session a join code names, per process: 10,000 phones of one room connecting look it
# up once. Codes are never given twice (JoinCode), but a session can be deleted (and a test
# database emptied), so whoever uses an id from here checks it against the code in the same
# query that reads what it needs (`participant_for_socket`) and asks again with `fresh=True`.
SESSION_IDS: dict[str, int] = {}
_SESSION_IDS_MAX = 4096


def session_id_for_code(code: str, *, fresh: bool = False) -> int | None:
    """The id of the session `code` names (None if none), from this process's memory unless
    `fresh`; `code` as `normal_code` gives it."""
    if not fresh and code in SESSION_IDS:
        return SESSION_IDS[code]
    session_id = LiveSession.objects.filter(code=code).values_list("pk", flat=True).first()
    if session_id is None:
        SESSION_IDS.pop(code, None)
        return None
    if len(SESSION_IDS) >= _SESSION_IDS_MAX:
        SESSION_IDS.clear()
    SESSION_IDS[code] = session_id
    return session_id


def participant_for_socket(*, session_id: int, code: str, key: Any) -> Participant | None:
    """A phone's participant with its session as fresh as the database has it (what
    `events.state_event` reads), in one query; None unless the participant belongs to the
    session `session_id` and that session still has `code`."""
    return (
        Participant.objects.select_related("session__dialogue", "session__current_question")
        .filter(key=key, session_id=session_id, session__code=code)
        .first()
    )


def participants_for_sockets(
    asks: list[tuple[str, int, Any]],
) -> list[tuple[Participant, str, dict[str, Any]] | None]:
    """`participant_for_socket` for many sockets connecting at once, (code, session id, key)
    each, in one query: (participant, language, state event) or None for each. The state is
    built once per session and shared, and the phones of one session share one copy of it
    (memory: 10,000 sockets hold their participant)."""
    found = {
        participant.key: participant
        for participant in Participant.objects.select_related(
            "session__dialogue", "session__current_question"
        ).filter(key__in={key for _code, _session_id, key in asks})
    }
    sessions: dict[int, tuple[LiveSession, dict[str, Any]]] = {}
    results: list[tuple[Participant, str, dict[str, Any]] | None] = []
    for code, session_id, key in asks:
        participant = found.get(key)
        if (
            participant is None
            or participant.session_id != session_id
            or participant.session.code != code
        ):
            results.append(None)
            continue
        if session_id not in sessions:
            sessions[session_id] = (participant.session, events.state_event(participant.session))
        session, state = sessions[session_id]
        participant.session = session
        results.append((participant, participant.language or session.dialogue.language, state))
    return results


def session_for_state(session_id: int) -> LiveSession:
    """A session as fresh as the database has it, with what `events.state_event` reads."""
    return LiveSession.objects.select_related("dialogue", "current_question").get(pk=session_id)


def session_by_presenter_secret(secret: str) -> LiveSession | None:
    """The session a presenter link names; None for an empty, wrong or revoked secret."""
    if not secret or len(secret) > 64:
        return None
    return (
        LiveSession.objects.select_related("dialogue", "current_question")
        .filter(presenter_secret=secret)
        .first()
    )


def session_by_id(session_id: int) -> LiveSession:
    return LiveSession.objects.select_related("dialogue", "current_question").get(pk=session_id)


def sessions_for_user(*, user: Any) -> QuerySet[LiveSession]:
    if not user.is_authenticated:
        return LiveSession.objects.none()
    return LiveSession.objects.filter(
        dialogue__organisation__memberships__user=user
    ).select_related("dialogue", "dialogue__organisation", "current_question")


def session_for_user_or_404(*, user: Any, pk: int) -> LiveSession:
    return get_object_or_404(sessions_for_user(user=user), pk=pk)


def session_counts(session: LiveSession) -> dict[str, int]:
    participants = Participant.objects.filter(session=session)
    return {
        "joined": participants.count(),
        "connected": participants.filter(connections__gt=0).count(),
    }


def own_responses(*, question: Question, participant: Participant) -> list[Response]:
    return list(Response.objects.filter(question=question, participant=participant))


def question_results(question: Question) -> dict[str, Any]:
    """The aggregate a presenter shows, in a shape that templates and the API share. Entries
    waiting for approval or hidden by the facilitator are left out."""
    return kind_of(question).results(question, shown_responses(question))


def shown_responses(question: Question) -> QuerySet[Response]:
    """Answers the room may count: not Q&A posts waiting for approval, hidden or merged
    (every other kind's answers are always approved and never merged)."""
    return Response.objects.filter(
        question=question, moderation=Moderation.APPROVED, merged_into__isnull=True
    )


def word_groups(question: Question) -> dict[str, Any]:
    """A word-cloud question's terms for the facilitator, counted exactly as the projector
    counts them, each with the surface forms it groups ("trygghet ← tryggheten"), which of
    them stand apart because the facilitator split them, and the split forms no shown entry
    uses now (still undoable)."""
    kind = kind_of(question)
    if not isinstance(kind, WordcloudKind):
        raise ValueError("only word clouds have word groups")
    entries = list(shown_responses(question).order_by("id").values_list("text", flat=True))
    terms = kind.terms(question, entries)
    top = terms[0].count if terms else 0
    rows = [
        {
            "text": term.text,
            "count": term.count,
            "size": 1 + round(5 * term.count / top),
            "others": term.others(),
            "forms": term.forms,
            "apart": term.key.startswith(APART_PREFIX),
        }
        for term in terms
    ]
    counted = {row["text"] for row in rows if row["apart"]}
    unused = [form for form in question.terms_apart or [] if form not in counted]
    return {"terms": rows, "unused": unused, "entries": len(entries)}


MODERATED_ENTRY_KINDS = frozenset({QuestionKind.WORDCLOUD, QuestionKind.OPEN})


def blocked_words(*, session_id: int) -> list[str]:
    """The word filter of the session's organisation: its own list for each language where
    it has one, the default list (`wordfilter.DEFAULT_WORDS`) for the others. One query."""
    own = dict(
        BlockedWords.objects.filter(organisation__dialogues__sessions__pk=session_id).values_list(
            "language", "words"
        )
    )
    listed: list[str] = []
    for language in wordfilter.LANGUAGES:
        if language in own:
            listed.extend(wordfilter.parse_list(own[language]))
        else:
            listed.extend(wordfilter.DEFAULT_WORDS[language])
    return listed


def word_lists(organisation: Organisation) -> list[dict[str, Any]]:
    """Each language's list for the word-filter page: the organisation's own or the default."""
    own = dict(
        BlockedWords.objects.filter(organisation=organisation).values_list("language", "words")
    )
    return [
        {
            "language": language,
            "words": own[language]
            if language in own
            else "\n".join(wordfilter.DEFAULT_WORDS[language]),
            "default": language not in own,
        }
        for language in wordfilter.LANGUAGES
    ]


def entries_moderation(question: Question) -> dict[str, Any]:
    """A word cloud's or open input's entries for the facilitator, newest first, grouped by
    moderation state."""
    stamp = qa.stamp(question)  # before reading: a change meanwhile makes the panel refetch
    found = list(Response.objects.filter(question=question).order_by("-created_at", "-id"))
    groups: dict[str, list[Response]] = {value: [] for value in Moderation.values}
    for entry in found:
        groups[entry.moderation].append(entry)
    return {
        "question": question,
        "pending": groups[Moderation.PENDING],
        "shown": groups[Moderation.APPROVED],
        "hidden": groups[Moderation.HIDDEN],
        "stamp": stamp,
    }


def total_responses(session: LiveSession) -> int:
    return Response.objects.filter(question__session=session).count() or 0


def stage_context(session: LiveSession) -> dict[str, Any]:
    """What the presenter's stage shows; the page view and the consumer share it."""
    question = session.current_question
    results = question_results(question) if question else None
    if question is not None and results is not None and question.kind in MODERATED_ENTRY_KINDS:
        # The moderation panel on the control page refetches itself when this changes.
        results = {**results, "stamp": qa.stamp(question)}
    return {
        "session": session,
        "question": question,
        "results": results,
        "results_template": f"live/kinds/{question.kind}_results.html" if question else None,
        "counts": session_counts(session),
        "responses": shown_responses(question).count() if question else 0,
        "breakdown": (
            results_by_segment(question, session.breakdown)
            if question and session.breakdown and session.breakdown_id != question.pk
            else None
        ),
        "leaderboard": _leaderboard_on_screen(session),
    }


def _leaderboard_on_screen(session: LiveSession) -> list[Any] | None:
    if not (session.leaderboard and session.leaderboard_on_screen):
        return None
    from samrad.live import quiz  # quiz reads through this module

    return quiz.leaderboard(session)


def segment_questions(session: LiveSession) -> list[Question]:
    """Questions whose answers split participants into groups: the composition polls, and
    any other single-answer multiple-choice question the facilitator marked as composition."""
    return list(
        session.questions.filter(role=QuestionRole.COMPOSITION, kind=QuestionKind.CHOICE)
        .prefetch_related("choices")
        .order_by("position", "id")
    )


def participant_segments(session: LiveSession) -> dict[int, dict[int, list[str]]]:
    """{participant id: {segment question id: [labels of the options they picked]}}."""
    questions = segment_questions(session)
    labels = {c.pk: c.label for q in questions for c in q.choices.all()}
    segments: dict[int, dict[int, list[str]]] = {}
    rows = Response.objects.filter(question__in=questions).values_list(
        "participant_id", "question_id", "choices"
    )
    for participant_id, question_id, picked in rows:
        segments.setdefault(participant_id, {})[question_id] = [
            labels[c] for c in picked if c in labels
        ]
    return segments


def results_by_segment(question: Question, segment: Question) -> dict[str, Any]:
    """The question's results for each group of a composition question.

    Groups with fewer respondents than the session's `min_group_size` are hidden (their size
    too), so that nobody can be picked out of a small group.
    """
    minimum = question.session.min_group_size
    picked_by: dict[int, set[int]] = {c.pk: set() for c in segment.choices.all()}
    for participant_id, picked in Response.objects.filter(question=segment).values_list(
        "participant_id", "choices"
    ):
        for choice_id in picked:
            picked_by.setdefault(choice_id, set()).add(participant_id)
    kind = kind_of(question)
    groups = []
    for choice in segment.choices.all():
        responses = shown_responses(question).filter(participant_id__in=picked_by[choice.pk])
        respondents = responses.values("participant_id").distinct().count()
        hidden = respondents < minimum
        groups.append(
            {
                "label": choice.label,
                "hidden": hidden,
                "respondents": None if hidden else respondents,
                "results": None if hidden else kind.results(question, responses),
            }
        )
    return {
        "segment": segment.prompt,
        "segment_id": segment.pk,
        "minimum": minimum,
        "groups": groups,
        "hidden_labels": [group["label"] for group in groups if group["hidden"]],
    }


# --- Q&A -----------------------------------------------------------------------------------


def qa_posts(
    *, question: Question, participant: Participant | None = None, sort: str = qa.POPULAR
) -> list[dict[str, Any]]:
    """The Q&A list a participant sees (shown posts and their own waiting ones)."""
    return qa.posts(question, participant=participant, sort=sort)


def qa_moderation(question: Question) -> dict[str, Any]:
    """Every post of a Q&A for the facilitator, grouped by moderation state; duplicates
    merged into a post are listed under it."""
    stamp = qa.stamp(question)  # before reading: a change meanwhile makes the panel refetch
    found = list(
        Response.objects.filter(question=question).order_by("-upvotes", "-created_at", "-id")
    )
    merged: dict[int, list[Response]] = {}
    for post in found:
        if post.merged_into_id:
            merged.setdefault(post.merged_into_id, []).append(post)
    groups: dict[str, list[Response]] = {value: [] for value in Moderation.values}
    for post in found:
        if not post.merged_into_id:
            post.duplicates = merged.get(post.pk, [])
            groups[post.moderation].append(post)
    targets = sorted((post for post in found if not post.merged_into_id), key=lambda p: p.pk)
    return {
        "question": question,
        "pending": groups[Moderation.PENDING],
        "shown": groups[Moderation.APPROVED],
        "hidden": groups[Moderation.HIDDEN],
        "merge_targets": targets,
        "pinned_id": question.pinned_id,
        "reply_limit": qa.REPLY_LIMIT,
        "stamp": stamp,
    }

"""Writes for live sessions. Views, the API and consumers call these and nothing else."""

import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from samrad.accounts.models import Organisation
from samrad.core import audit, ratelimit
from samrad.core.realtime import broadcast_on_commit
from samrad.dialogues.models import Dialogue, Meeting
from samrad.live import events, images, polls, rules, selectors, wordfilter
from samrad.live.errors import NoCodesLeft, Refused
from samrad.live.kinds import Answer, kind_of, qa
from samrad.live.kinds.base import Kind
from samrad.live.models import (
    BlockedWords,
    Channel,
    Choice,
    JoinCode,
    LiveSession,
    Moderation,
    Participant,
    Question,
    QuestionKind,
    QuestionRole,
    Response,
    SessionMode,
    SessionStatus,
    Upvote,
)

# Join codes: six digits, the first not 0, and never given twice (live.JoinCode keeps every
# code given, also after its session is deleted). Random tries first; when codes run short,
# one pick among the free ones; none free: NoCodesLeft, a refusal with a message, instead of
# looping for ever.
CODE_RANGE = (100000, 999999)
CODE_TRIES = 50


def _reserve(code: str) -> bool:
    """Record `code` as given; False if it was given before (or a moment ago, elsewhere)."""
    if JoinCode.objects.filter(code=code).exists():
        return False
    try:
        with transaction.atomic():
            JoinCode.objects.create(code=code)
    except IntegrityError:  # another process took it at the same moment
        return False
    return True


def _free_code(low: int, high: int) -> str | None:
    """One code never given, chosen at random among all such codes; None if there is none."""
    given = sorted(
        number
        for number in (
            int(code)
            for code in JoinCode.objects.values_list("code", flat=True).iterator()
            if code.isdigit()
        )
        if low <= number <= high
    )
    free = (high - low + 1) - len(given)
    if free <= 0:
        return None
    wanted = secrets.randbelow(free)  # the wanted-th free code, counting the gaps
    candidate = low
    for number in given:
        gap = number - candidate
        if wanted < gap:
            break
        wanted -= gap
        candidate = number + 1
    return str(candidate + wanted)


def _new_code() -> str:
    low, high = CODE_RANGE
    for _attempt in range(CODE_TRIES):
        code = str(low + secrets.randbelow(high - low + 1))
        if _reserve(code):
            return code
    for _attempt in range(CODE_TRIES):
        free = _free_code(low, high)
        if free is None:
            raise NoCodesLeft
        if _reserve(free):
            return free
    raise NoCodesLeft  # every free code was taken by others while we looked


def _audit(
    actor: Any, action: str, target: object, session: LiveSession, summary: str = ""
) -> None:
    """One audit entry for a facilitator's action on a session (never participants' text)."""
    organisation = Dialogue.objects.only("organisation").get(pk=session.dialogue_id).organisation
    audit.record(actor, action, target, organisation=organisation, summary=summary)


def _announce_state(session: LiveSession, *, touched: Question | None = None) -> None:
    if touched is not None and session.current_question_id == touched.pk:
        session.current_question = touched  # as just saved, not an older copy
    event = events.state_event(session, touched=touched)
    broadcast_on_commit(events.session_group(session.pk), event)
    broadcast_on_commit(events.presenter_group(session.pk), event)


# --- Building a session --------------------------------------------------------------------


@transaction.atomic
def session_create(*, dialogue: Dialogue, title: str, created_by: Any = None) -> LiveSession:
    """A new draft session with a join code never given before; NoCodesLeft (a refusal
    with a message, status 503) when no such code is left."""
    session = LiveSession.objects.create(
        dialogue=dialogue, title=title, code=_new_code(), created_by=created_by
    )
    _audit(created_by, "live.session_create", session, session, summary=title)
    return session


@transaction.atomic
def question_add(
    *,
    session: LiveSession,
    kind: str,
    prompt: str,
    choices: list[str] | None = None,
    allow_multiple: bool = False,
    allow_other: bool = False,
    max_entries: int = 3,
    max_words: int = 3,
    scale_min: int = 1,
    scale_max: int = 5,
    label_low: str = "",
    label_high: str = "",
    number_min: float | None = None,
    number_max: float | None = None,
    points_budget: int = 100,
    image: Any = None,
    image_alt: str = "",
    speaker_notes: str = "",
    quiz_seconds: int = 20,
    correct: list[int] | None = None,
    actor: Any = None,
) -> Question:
    """Add a question at the end. `correct`: for a quiz, the positions (0-based) of the
    options that are right."""
    if kind not in QuestionKind.values:
        raise ValueError(f"unknown question type {kind!r}")
    if not (0 <= scale_min < scale_max <= scale_min + 10):
        raise ValueError(f"a scale from {scale_min} to {scale_max}")
    if number_min is not None and number_max is not None and number_min > number_max:
        raise ValueError("the smallest number is larger than the largest")
    if not 1 <= points_budget <= 10000:
        raise ValueError(f"{points_budget} points to spend")
    position = (session.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question.objects.create(
        session=session,
        kind=kind,
        prompt=prompt.strip(),
        position=position,
        allow_multiple=allow_multiple,
        allow_other=allow_other,
        max_entries=max(1, min(max_entries, 20)),
        max_words=max(1, min(max_words, 3)),
        scale_min=scale_min,
        scale_max=scale_max,
        label_low=label_low.strip(),
        label_high=label_high.strip(),
        number_min=number_min,
        number_max=number_max,
        points_budget=points_budget,
        speaker_notes=speaker_notes.strip(),
        quiz_seconds=max(1, min(quiz_seconds, COUNTDOWN_LIMIT)),
        results_after_close=session.results_after_close,
        # Participants' statements wait for approval unless the facilitator turns it off.
        premoderated=kind == QuestionKind.STATEMENTS,
    )
    labels = [label.strip() for label in choices or [] if label.strip()]
    if kind == QuestionKind.STATEMENTS:  # the lines are seed statements, not options
        from samrad.opinions.services import statement_seed

        for label in labels:
            statement_seed(question=question, text=label)
        labels = []
    right = set(correct or []) if kind == QuestionKind.QUIZ else set()
    Choice.objects.bulk_create(
        Choice(question=question, label=label, position=i, correct=i in right)
        for i, label in enumerate(labels)
    )
    if image is not None:
        question_set_image(question=question, image=image, alt=image_alt, actor=actor)
    _audit(actor, "live.question_add", question, session, summary=f"{kind}: {question.prompt}")
    return question


@transaction.atomic
def question_set_image(*, question: Question, image: Any, alt: str, actor: Any = None) -> Question:
    """Store a checked image (`images.image_check` raises ValidationError otherwise) under a
    random name of our own; the uploaded name is never used. Replaces an earlier image."""
    checked = images.image_check(image, alt=alt)
    old = question.image.name if question.image else ""
    question.image.save(f"{uuid.uuid4().hex}.{checked.extension}", image, save=False)
    question.image_alt = alt.strip()
    question.image_type = checked.content_type
    question.save(update_fields=["image", "image_alt", "image_type", "updated_at"])
    if old:
        transaction.on_commit(lambda: question.image.storage.delete(old))
    _audit(actor, "live.question_image", question, question.session, summary=question.image_alt)
    _announce_state(question.session)
    return question


@transaction.atomic
def session_update(
    *,
    session: LiveSession,
    title: str,
    mode: str,
    meeting: Meeting | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    min_group_size: int = 5,
    results_after_close: bool | None = None,
    leaderboard: bool | None = None,
    actor: Any = None,
) -> LiveSession:
    if meeting is not None and meeting.dialogue_id != session.dialogue_id:
        raise ValueError("the meeting belongs to another dialogue")
    session.title = title
    session.mode = mode
    session.meeting = meeting
    session.opens_at = opens_at
    session.closes_at = closes_at
    session.min_group_size = min_group_size
    if results_after_close is not None:  # the default for questions added from now on
        session.results_after_close = results_after_close
    if leaderboard is not None:
        session.leaderboard = leaderboard
        session.leaderboard_on_screen = session.leaderboard_on_screen and leaderboard
    session.save()
    _audit(actor, "live.session_update", session, session, summary=f"{title} ({mode})")
    _announce_state(session)
    return session


@transaction.atomic
def poll_add(*, session: LiveSession, key: str, actor: Any = None) -> list[Question]:
    """Append a ready-made meeting poll ("composition" or "evaluation") in the dialogue's
    language. Its questions keep their role and key, so composition answers become segments."""
    added = []
    for spec in polls.poll_questions(key, session.dialogue.language):
        question = question_add(
            session=session,
            kind=spec["kind"],
            prompt=spec["prompt"],
            choices=spec.get("choices"),
            allow_multiple=spec.get("allow_multiple", False),
            actor=actor,
        )
        question.role = spec["role"]
        question.template_key = spec["template_key"]
        question.label_low = spec.get("label_low", "")
        question.label_high = spec.get("label_high", "")
        question.save(update_fields=["role", "template_key", "label_low", "label_high"])
        added.append(question)
    return added


@transaction.atomic
def session_set_breakdown(
    *, session: LiveSession, segment: Question | None, actor: Any = None
) -> LiveSession:
    """Split the projector's results by a composition question (None: no split)."""
    if segment is not None and (
        segment.session_id != session.pk or segment.role != QuestionRole.COMPOSITION
    ):
        raise ValueError("a breakdown needs a composition question of the same session")
    session.breakdown = segment
    session.save(update_fields=["breakdown", "updated_at"])
    _audit(actor, "live.session_breakdown", session, session, summary=str(segment or "-"))
    _announce_state(session)
    return session


@transaction.atomic
def question_delete(*, question: Question, actor: Any = None) -> None:
    session = question.session
    was_current = session.current_question_id == question.pk
    _audit(actor, "live.question_delete", question, session, summary=question.prompt)
    question.delete()
    if was_current:
        session.refresh_from_db()
        _announce_state(session)


@transaction.atomic
def question_move(*, question: Question, offset: int, actor: Any = None) -> None:
    """Swap the question with its neighbour above (offset -1) or below (+1)."""
    siblings = list(question.session.questions.order_by("position", "id"))
    index = siblings.index(question)
    other_index = index + offset
    if not 0 <= other_index < len(siblings):
        return
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    for position, item in enumerate(siblings, start=1):
        Question.objects.filter(pk=item.pk).update(position=position)
    _audit(actor, "live.question_move", question, question.session, summary=f"{offset:+d}")


# --- Running a session ---------------------------------------------------------------------


@transaction.atomic
def session_open(*, session: LiveSession, actor: Any = None) -> LiveSession:
    session.status = SessionStatus.OPEN
    _audit(actor, "live.session_open", session, session)
    if session.current_question is None:
        session.current_question = session.questions.order_by("position", "id").first()
    session.save(update_fields=["status", "current_question", "updated_at"])
    _quiz_clock_start(session.current_question)
    _announce_state(session)
    return session


@transaction.atomic
def session_close(*, session: LiveSession, actor: Any = None) -> LiveSession:
    session.status = SessionStatus.CLOSED
    _audit(actor, "live.session_close", session, session)
    session.save(update_fields=["status", "updated_at"])
    _announce_state(session)
    return session


@transaction.atomic
def session_go_to(*, session: LiveSession, question: Question | None) -> LiveSession:
    if question is not None and question.session_id != session.pk:
        raise ValueError("question belongs to another session")
    session.current_question = question
    session.leaderboard_on_screen = False  # the question takes the screen
    session.save(update_fields=["current_question", "leaderboard_on_screen", "updated_at"])
    _quiz_clock_start(question)
    _announce_state(session)
    return session


def _quiz_clock_start(question: Question | None) -> None:
    """A quiz question shown (or emptied) while it takes answers: its speed points count from
    now (kinds/quiz.py)."""
    if question is not None and question.kind == QuestionKind.QUIZ and question.accepting:
        question.answering_opened_at = timezone.now()
        question.save(update_fields=["answering_opened_at"])


@transaction.atomic
def presenter_link_create(*, session: LiveSession, actor: Any = None) -> str:
    """A new presenter link (its secret) for a room's PC without a login: it shows the
    projector and nothing else. A link made before stops working."""
    had_link = bool(session.presenter_secret)
    session.presenter_secret = secrets.token_urlsafe(24)
    session.save(update_fields=["presenter_secret", "updated_at"])
    _audit(actor, "live.presenter_link_create", session, session)
    if had_link:
        broadcast_on_commit(events.presenter_group(session.pk), events.presenter_link_event())
    return session.presenter_secret


@transaction.atomic
def presenter_link_revoke(*, session: LiveSession, actor: Any = None) -> None:
    """The presenter link stops working; screens showing it leave at once."""
    if not session.presenter_secret:
        return
    session.presenter_secret = ""
    session.save(update_fields=["presenter_secret", "updated_at"])
    _audit(actor, "live.presenter_link_revoke", session, session)
    broadcast_on_commit(events.presenter_group(session.pk), events.presenter_link_event())


def session_step(*, session: LiveSession, offset: int) -> LiveSession:
    """Move to the next (+1) or previous (-1) question; stays put at either end."""
    questions = list(session.questions.order_by("position", "id"))
    if not questions:
        return session
    if session.current_question_id is None:
        target = questions[0]
    else:
        ids = [q.pk for q in questions]
        index = ids.index(session.current_question_id) + offset
        target = questions[max(0, min(index, len(questions) - 1))]
    return session_go_to(session=session, question=target)


@transaction.atomic
def question_set_accepting(*, question: Question, accepting: bool, actor: Any = None) -> Question:
    """Open or close answering by hand; either ends a running countdown."""
    if accepting and not question.answering_open:
        question.answering_opened_at = timezone.now()  # a quiz's clock starts again
    question.accepting = accepting
    question.countdown_ends_at = None
    action = "live.question_accept" if accepting else "live.question_stop"
    _audit(actor, action, question, question.session)
    question.save(
        update_fields=["accepting", "countdown_ends_at", "answering_opened_at", "updated_at"]
    )
    _announce_state(question.session, touched=question)
    return question


@transaction.atomic
def question_set_results_visible(
    *, question: Question, visible: bool, actor: Any = None
) -> Question:
    question.results_visible = visible
    action = "live.results_show" if visible else "live.results_hide"
    _audit(actor, action, question, question.session)
    question.save(update_fields=["results_visible", "updated_at"])
    _announce_state(question.session, touched=question)
    return question


COUNTDOWN_LIMIT = 3600  # seconds


@transaction.atomic
def question_countdown_start(*, question: Question, seconds: int, actor: Any = None) -> Question:
    """Open answering for `seconds` more: phones and the projector count down, and when it
    runs out the question takes no more answers (`rules.response_refusal`: "time_up"), whatever
    the clients do. Starting again restarts it."""
    if not 1 <= seconds <= COUNTDOWN_LIMIT:
        raise ValueError(f"a countdown of {seconds} seconds")
    question.accepting = True
    question.answering_opened_at = timezone.now()  # a quiz's speed points count from here
    question.countdown_ends_at = question.answering_opened_at + timedelta(seconds=seconds)
    _audit(actor, "live.question_countdown", question, question.session, summary=f"{seconds} s")
    question.save(
        update_fields=["accepting", "countdown_ends_at", "answering_opened_at", "updated_at"]
    )
    _announce_state(question.session)
    return question


@transaction.atomic
def question_set_display(
    *,
    question: Question,
    results_after_close: bool | None = None,
    results_on_phones: bool | None = None,
    actor: Any = None,
) -> Question:
    """When results show: on the projector only once answering has closed, and on phones
    after closing. None leaves a setting as it is; setting a value twice changes nothing."""
    changed = []
    if results_after_close is not None and question.results_after_close != results_after_close:
        question.results_after_close = results_after_close
        changed.append("results_after_close")
    if results_on_phones is not None and question.results_on_phones != results_on_phones:
        question.results_on_phones = results_on_phones
        changed.append("results_on_phones")
    if changed:
        question.save(update_fields=[*changed, "updated_at"])
        summary = ", ".join(f"{name}={getattr(question, name)}" for name in changed)
        _audit(actor, "live.question_display", question, question.session, summary=summary)
        _announce_state(question.session)
    return question


REACTIONS = ("👍", "❤️", "👏", "😂", "😮")
REACTIONS_PER_PHONE_10S = 5
REACTIONS_PER_SESSION_1S = 20


def reaction_send(*, participant: Participant, emoji: str) -> None:
    """A phone's reaction floats up the projector; nothing is stored. Each phone sends at
    most REACTIONS_PER_PHONE_10S every ten seconds, and a session shows at most
    REACTIONS_PER_SESSION_1S a second (more are refused as too fast)."""
    if emoji not in REACTIONS:
        raise Refused("invalid_reaction")
    session = LiveSession.objects.only("status").get(pk=participant.session_id)
    if session.status != SessionStatus.OPEN:
        raise Refused("not_now")
    if ratelimit.hit(f"reactions:{participant.pk}", window=10) > REACTIONS_PER_PHONE_10S:
        raise Refused("too_fast")
    if ratelimit.hit(f"reactions-session:{session.pk}", window=1) > REACTIONS_PER_SESSION_1S:
        raise Refused("too_fast")
    with transaction.atomic():
        broadcast_on_commit(
            events.presenter_group(participant.session_id), events.reaction_event(emoji)
        )


@transaction.atomic
def question_reset(*, question: Question, actor: Any = None) -> int:
    """Delete every answer to the question (the facilitator confirmed); returns how many."""
    _total, deleted = question.responses.all().delete()  # upvotes go with their posts
    count = deleted.get(Response._meta.label, 0)
    _audit(actor, "live.question_reset", question, question.session, summary=f"{count} answers")
    question.save(update_fields=["updated_at"])  # phones compare it (events.phone_state_key)
    if question.session.current_question_id == question.pk:
        _quiz_clock_start(question)  # a quiz starts again
    _announce_state(question.session, touched=question)
    # Phones showing a Q&A list refetch it (the state itself has not changed).
    broadcast_on_commit(events.session_group(question.session_id), events.qa_event(question))
    return count


# --- Participants --------------------------------------------------------------------------


_LOOK_UP = object()


def session_for_join(
    *, code: str, address: str, device_id: str = "", found: Any = _LOOK_UP
) -> LiveSession:
    """The open session a code names, for a client at `address` with the device cookie
    `device_id` (a fresh one when it sent none); raises Refused otherwise.

    Only clients that have not joined come here: a phone that joined is known by its
    participant cookie and never counted as guessing (docs/architecture/security.md).
    A device waits after SAMRAD_JOIN_FREE_GUESSES wrong codes, doubling the wait each time
    (up to SAMRAD_JOIN_BACKOFF_MAX seconds). Every wrong code also counts for the address:
    past SAMRAD_JOIN_FAILURES_PER_MINUTE, a client that has not joined waits for the next
    minute (a script that drops its cookies). While waiting even a right code is refused, so
    that the answer tells nothing about which codes exist.

    `found`: the session the caller already looked `code` up as (None: none), so that a join
    reads it once; the limits are checked before it is used, as before.
    """
    device_key = f"join-device:{device_id}"
    limit = settings.SAMRAD_JOIN_FAILURES_PER_MINUTE
    wait = ratelimit.backoff_wait(device_key) if device_id else 0
    if wait:
        raise Refused("guess_wait", seconds=wait)
    if ratelimit.address_budget_spent(address, prefix="join-failures", limit=limit, window=60):
        raise Refused("too_many_attempts")
    session = selectors.session_by_code(code) if found is _LOOK_UP else found
    refusal = rules.join_refusal(session)
    if refusal == "unknown_code":  # a session that has ended is no guess
        ratelimit.address_failed(address, prefix="join-failures", window=60)
        if device_id:
            ratelimit.backoff_fail(
                device_key,
                free=settings.SAMRAD_JOIN_FREE_GUESSES,
                base=1,
                cap=settings.SAMRAD_JOIN_BACKOFF_MAX,
            )
    if refusal or session is None:
        raise Refused(refusal or "unknown_code")
    return session


def session_by_code_counted(*, code: str, address: str) -> LiveSession | None:
    """The session a code names, whatever its state (None if none), for the pages a phone
    opens by code: "My data", the feedback sign-up, a workshop's phone page.

    They answer differently for a code that exists, so wrong codes count against the same
    per-address budget as joining (`session_for_join`): past it even a right code raises
    Refused("too_many_attempts"), and these pages are no way round the join page's limit.
    """
    limit = settings.SAMRAD_JOIN_FAILURES_PER_MINUTE
    if ratelimit.address_budget_spent(address, prefix="join-failures", limit=limit, window=60):
        raise Refused("too_many_attempts")
    session = selectors.session_by_code(code)
    if session is None:
        ratelimit.address_failed(address, prefix="join-failures", window=60)
    return session


@transaction.atomic
def participant_join(
    *, session: LiveSession, language: str = "", device_id: str = ""
) -> Participant:
    """A new participant; one device (its cookie) joins a session at most
    SAMRAD_JOINS_PER_DEVICE times a day, so that nobody votes again and again by rejoining."""
    refusal = rules.join_refusal(session)
    if refusal:
        raise Refused(refusal)
    if device_id:
        joins = ratelimit.hit(f"joins:{device_id}:{session.pk}", window=86400)
        if joins > settings.SAMRAD_JOINS_PER_DEVICE:
            raise Refused("rejoin_limit")
    participant = Participant.objects.create(session=session, language=language[:8])
    broadcast_on_commit(events.presenter_group(session.pk), events.presence_event(session))
    return participant


@dataclass(frozen=True)
class JoinAsk:
    """A phone without a participant cookie asking to join by `code` (samrad/live/joining.py):
    its address, its device id (`device_new`: none came, this one is fresh) and language."""

    code: str
    address: str
    device_id: str
    device_new: bool
    language: str = ""


def participants_join_batch(asks: list[JoinAsk]) -> list[Participant | None]:
    """New participants for many phones at once: the join writer's batch, one transaction.

    An ask is joined only where `session_for_join` and `participant_join` would join it and
    nothing else would answer: an open or draft live session (not a workshop's), its address
    within its budget of wrong codes, its device not waiting after wrong guesses nor at its
    rejoin limit. Any other ask gets None and nothing is counted for it, so that the page's
    own view then answers it with its message and counts it as always. A participant comes
    with its session (and the session's dialogue and current question) attached."""
    limit = settings.SAMRAD_JOIN_FAILURES_PER_MINUTE
    sessions: dict[str, LiveSession | None] = {}
    spent: dict[str, bool] = {}
    joined: list[Participant | None] = []
    for ask in asks:
        if ask.code not in sessions:
            found = selectors.session_by_code(ask.code)
            if found is not None and (rules.join_refusal(found) or hasattr(found, "workshop")):
                found = None
            sessions[ask.code] = found
        session = sessions[ask.code]
        if ask.address not in spent:
            spent[ask.address] = ratelimit.address_budget_spent(
                ask.address, prefix="join-failures", limit=limit, window=60
            )
        rejoins = f"joins:{ask.device_id}:{session.pk}" if session else ""
        if (
            session is None
            or spent[ask.address]
            or (
                not ask.device_new
                and (
                    ratelimit.backoff_wait(f"join-device:{ask.device_id}")
                    or ratelimit.count(rejoins, window=86400) >= settings.SAMRAD_JOINS_PER_DEVICE
                )
            )
        ):
            joined.append(None)
            continue
        ratelimit.hit(rejoins, window=86400)
        joined.append(Participant(session=session, language=ask.language[:8]))
    new = [participant for participant in joined if participant is not None]
    if new:
        with transaction.atomic():
            Participant.objects.bulk_create(new)
            for session_id in {participant.session_id for participant in new}:
                broadcast_on_commit(
                    events.presenter_group(session_id), events.presence_event_for(session_id)
                )
    return joined


@transaction.atomic
def proxy_participant_create(
    *, session: LiveSession, channel: str, actor: Any = None
) -> Participant:
    """A paper form or an interview that a facilitator types in: one respondent's answers."""
    if channel not in rules.FACILITATOR_CHANNELS:
        raise ValueError(f"not a facilitator entry channel: {channel!r}")
    participant = Participant.objects.create(session=session, channel=channel)
    _audit(actor, "live.entry_create", participant, session, summary=channel)
    return participant


@transaction.atomic
def participant_presence(*, participant: Participant, delta: int) -> None:
    """Count a phone's open realtime connections (+1 on connect, -1 on disconnect)."""
    participant_presence_batch([(participant, delta)])


def participant_presence_batch(changes: list[tuple[Participant, int]]) -> None:
    """Many phones' connection changes at once (the consumers' PresenceBatch): one UPDATE
    per distinct change (+1, -1, …), one clamp, one presence event per session."""
    by_delta: dict[int, list[int]] = {}
    sessions: set[int] = set()
    for participant, delta in changes:
        if delta:
            by_delta.setdefault(delta, []).append(participant.pk)
            sessions.add(participant.session_id)
    if not by_delta:
        return
    with transaction.atomic():
        for delta, ids in by_delta.items():
            Participant.objects.filter(pk__in=ids).update(connections=F("connections") + delta)
        if any(delta < 0 for delta in by_delta):
            Participant.objects.filter(
                pk__in=[pk for delta, ids in by_delta.items() if delta < 0 for pk in ids],
                connections__lt=0,
            ).update(connections=0)
        for session_id in sessions:
            broadcast_on_commit(
                events.presenter_group(session_id), events.presence_event_for(session_id)
            )


# --- Responses ---------------------------------------------------------------------------


def _existing_by_client_id(
    participant: Participant, client_id: uuid.UUID | None
) -> Response | None:
    if client_id is None:
        return None
    return Response.objects.filter(participant=participant, client_id=client_id).first()


@dataclass(frozen=True)
class CheckedAnswer:
    """An answer `response_check` accepted: what the question's kind will write."""

    kind: Kind
    fields: dict
    channel: str


def response_check(
    *, question: Question, participant: Participant, answer: Answer, channel: str = Channel.LIVE
) -> CheckedAnswer:
    """Every rule an answer must pass, against the question's state as given (with its
    session): the session rules, then the question's kind. Raises Refused. This is the one
    place an answer is judged; a new rule goes here. It writes nothing (rate limits count
    attempts, in `response_submit`), so a caller may check against a copy of the state."""
    if participant.session_id != question.session_id:
        raise Refused("invalid")
    refusal = rules.response_refusal(question, channel=channel)
    if refusal:
        raise Refused(refusal)
    if channel == Channel.LIVE and question.session.mode == SessionMode.SELF_PACED:
        channel = Channel.SELF_PACED
    kind = kind_of(question)
    fields = kind.clean(question, answer.for_kind(question.kind))
    return CheckedAnswer(kind=kind, fields=fields, channel=channel)


def response_store(
    *,
    question: Question,
    participant: Participant,
    checked: CheckedAnswer,
    client_id: uuid.UUID | None = None,
) -> Response:
    """Write a checked answer and announce it after commit (inside the caller's transaction)."""
    response = checked.kind.write(
        question, participant, checked.fields, channel=checked.channel, client_id=client_id
    )
    response_screen(question=question, response=response)
    broadcast_on_commit(
        events.presenter_group(question.session_id), events.results_changed_event(question)
    )
    for event in checked.kind.phone_events(question, response):
        broadcast_on_commit(events.session_group(question.session_id), event)
    return response


def response_submit(
    *,
    question: Question,
    participant: Participant,
    answer: Answer,
    channel: str = Channel.LIVE,
    client_id: uuid.UUID | None = None,
) -> Response:
    """Check, store and announce one answer; returns it only once it is committed.

    `response_check` judges it against the question's state read inside the write
    transaction (that state decides, not the caller's copy); `response_store` writes it. A
    repeated `client_id` (a phone resending after a lost acknowledgement) returns the
    response already stored instead of storing it twice. A question of another session
    raises Question.DoesNotExist.
    """
    if participant.session_id != question.session_id:
        raise Refused("invalid")
    if channel not in rules.FACILITATOR_CHANNELS and (
        ratelimit.hit(f"answers:{participant.pk}", window=60) > settings.SAMRAD_ANSWERS_PER_MINUTE
    ):
        raise Refused("too_fast")
    try:
        with transaction.atomic():
            question = Question.objects.select_related("session").get(
                pk=question.pk, session_id=participant.session_id
            )
            if not kind_of(question).single_answer:
                # Before the kind counts this participant's entries against its limit.
                existing = _existing_by_client_id(participant, client_id)
                if existing is not None:
                    return existing
            try:
                checked = response_check(
                    question=question, participant=participant, answer=answer, channel=channel
                )
            except Refused:
                # A resend of an answer stored before the question closed is still a success.
                existing = _existing_by_client_id(participant, client_id)
                if existing is not None:
                    return existing
                raise
            response = response_store(
                question=question, participant=participant, checked=checked, client_id=client_id
            )
    except IntegrityError:
        # A concurrent duplicate won the race: the same client_id, or the same slot.
        existing = _existing_by_client_id(participant, client_id)
        if existing is not None:
            return existing
        raise Refused("limit_reached") from None
    return response


# --- Moderation: the word filter, pre-moderation, hiding entries ---------------------------

SCREENED_KINDS = frozenset({QuestionKind.WORDCLOUD, QuestionKind.OPEN, QuestionKind.QA})
ENTRY_KINDS = frozenset({QuestionKind.WORDCLOUD, QuestionKind.OPEN})
ENTRY_MODERATION_ACTIONS = ("approve", "hide")


def response_screen(*, question: Question, response: Response) -> None:
    """The one place where a new entry is held back: an entry of a pre-moderated question, or
    one with a word of the organisation's filter (`wordfilter.needs_review`), waits for the
    facilitator instead of reaching the projector. Called inside the answer's transaction,
    before anything is announced."""
    if question.kind not in SCREENED_KINDS or response.moderation != Moderation.APPROVED:
        return
    listed = selectors.blocked_words(session_id=question.session_id)
    if wordfilter.needs_review(response.text, premoderated=question.premoderated, listed=listed):
        response.moderation = Moderation.PENDING
        Response.objects.filter(pk=response.pk).update(moderation=Moderation.PENDING)


@transaction.atomic
def entry_moderate(*, response: Response, action: str, actor: Any = None) -> Response:
    """Show ("approve") or hide one word-cloud or open-input entry. A hidden entry stays in
    the data, marked hidden, and leaves the results, the projector and the phones."""
    if action not in ENTRY_MODERATION_ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    (entry,) = _lock_posts(response)
    question = Question.objects.select_related("session").get(pk=entry.question_id)
    if question.kind not in ENTRY_KINDS:
        raise ValueError("only word-cloud and open-input entries are moderated here")
    wanted = Moderation.APPROVED if action == "approve" else Moderation.HIDDEN
    if entry.moderation != wanted:  # a second click changes nothing
        entry.moderation = wanted
        entry.save(update_fields=["moderation", "updated_at"])
        _audit(actor, f"live.entry_{action}", entry, question.session)
        broadcast_on_commit(
            events.presenter_group(question.session_id), events.results_changed_event(question)
        )
    return entry


# Word-cloud forms split from their group: at most this many per question, each this long.
MAX_TERMS_APART = 500


def _form_of(form: str) -> str:
    return " ".join(str(form).split())[: settings.SAMRAD_MAX_TEXT_LENGTH]


@transaction.atomic
def term_split(*, question: Question, form: str, actor: Any = None) -> Question:
    """Count the surface form `form` ("tryggheten", as listed in a term's forms) of a
    word-cloud question as a term of its own instead of in the group its lemma put it in,
    wherever this question is counted (projector, phones, exports, reports). A second split
    of the same form changes nothing. Undone by `term_join`."""
    question = _lock_question(question.pk)
    if question.kind != QuestionKind.WORDCLOUD:
        raise ValueError("only word-cloud terms are split")
    form = _form_of(form)
    apart = list(question.terms_apart or [])
    if not form or form in apart:
        return question
    if len(apart) >= MAX_TERMS_APART:
        raise ValueError(f"at most {MAX_TERMS_APART} forms are split per question")
    question.terms_apart = [*apart, form]
    question.save(update_fields=["terms_apart", "updated_at"])
    _word_groups_changed(question, actor, "live.term_split")
    return question


@transaction.atomic
def term_join(*, question: Question, form: str, actor: Any = None) -> Question:
    """Put a form split by `term_split` back into the group its lemma gives it ("Join
    again"). A form that is not split changes nothing."""
    question = _lock_question(question.pk)
    form = _form_of(form)
    apart = list(question.terms_apart or [])
    if form not in apart:
        return question
    question.terms_apart = [f for f in apart if f != form]
    question.save(update_fields=["terms_apart", "updated_at"])
    _word_groups_changed(question, actor, "live.term_join")
    return question


def _word_groups_changed(question: Question, actor: Any, action: str) -> None:
    session = LiveSession.objects.get(pk=question.session_id)
    # The form itself is participants' text: the audit keeps only how many are split.
    _audit(actor, action, question, session, summary=f"{len(question.terms_apart)} split")
    broadcast_on_commit(
        events.presenter_group(question.session_id), events.results_changed_event(question)
    )


@transaction.atomic
def blocked_words_set(
    *, organisation: Organisation, language: str, words: list[str], actor: Any = None
) -> BlockedWords:
    """Save an organisation's word list for one language (replacing the default list)."""
    if language not in wordfilter.LANGUAGES:
        raise ValueError(f"no word filter for language {language!r}")
    row, _created = BlockedWords.objects.update_or_create(
        organisation=organisation, language=language, defaults={"words": "\n".join(words)}
    )
    audit.record(
        actor,
        "live.word_filter",
        row,
        organisation=organisation,
        summary=f"{language}: {len(words)}",
    )
    return row


# --- Q&A -----------------------------------------------------------------------------------
# Rows are locked in one order everywhere (posts by id, then their question) so that two
# facilitators and a room of voters never deadlock. FOR NO KEY UPDATE (PostgreSQL) leaves
# new posts and upvotes, which only reference these rows, free to go in meanwhile; SQLite
# writes one transaction at a time anyway.

QA_MODERATION_ACTIONS = ("approve", "hide", "answered", "unanswered")


def _announce_qa(question: Question) -> None:
    broadcast_on_commit(
        events.presenter_group(question.session_id), events.results_changed_event(question)
    )
    broadcast_on_commit(events.session_group(question.session_id), events.qa_event(question))


def _lock_posts(*posts: Response) -> list[Response]:
    """The posts' rows, locked until commit and read fresh, in the order given."""
    locked = {
        post.pk: post
        for post in Response.objects.select_for_update(no_key=True)
        .filter(pk__in=[post.pk for post in posts])
        .order_by("pk")
    }
    return [locked[post.pk] for post in posts]


def _lock_question(question_id: int) -> Question:
    return Question.objects.select_for_update(no_key=True).get(pk=question_id)


def _qa_vote(*, response: Response, participant: Participant, up: bool) -> int:
    if participant.session_id != response.question.session_id:
        raise Refused("post_unavailable")
    with transaction.atomic():
        # The post's lock makes concurrent votes on it take turns: the check, the Upvote row
        # and the count change together. The unique pair is the last word on "once".
        (post,) = _lock_posts(response)
        post.question = Question.objects.select_related("session").get(pk=post.question_id)
        refusal = rules.upvote_refusal(post)
        if refusal:
            raise Refused(refusal)
        if up:
            try:
                with transaction.atomic():
                    Upvote.objects.create(response=post, participant=participant)
                change = 1
            except IntegrityError:  # voted already: counts once
                change = 0
        else:
            change = -Upvote.objects.filter(response=post, participant=participant).delete()[0]
        if change:
            Response.objects.filter(pk=post.pk).update(upvotes=F("upvotes") + change)
            _announce_qa(post.question)
        return Response.objects.values_list("upvotes", flat=True).get(pk=post.pk)


def qa_upvote(*, response: Response, participant: Participant) -> int:
    """Upvote a shown Q&A post (any, one's own too); a second upvote counts once. Returns
    the post's upvote count."""
    return _qa_vote(response=response, participant=participant, up=True)


def qa_unvote(*, response: Response, participant: Participant) -> int:
    """Withdraw one's upvote (nothing happens if there was none). Returns the count."""
    return _qa_vote(response=response, participant=participant, up=False)


@transaction.atomic
def qa_moderate(*, response: Response, action: str, actor: Any = None) -> Response:
    """The facilitator approves, hides, marks answered or not answered. A hidden post stops
    being pinned."""
    if action not in QA_MODERATION_ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    (post,) = _lock_posts(response)
    question = _lock_question(post.question_id)
    if action == "approve":
        post.moderation = Moderation.APPROVED
    elif action == "hide":
        post.moderation = Moderation.HIDDEN
        if question.pinned_id == post.pk:
            question.pinned = None
            question.save(update_fields=["pinned", "updated_at"])
    else:
        post.answered = action == "answered"
    post.save(update_fields=["moderation", "answered", "updated_at"])
    _audit(actor, f"live.qa_{action}", post, question.session)
    _announce_qa(question)
    return post


@transaction.atomic
def qa_reply(*, response: Response, text: str, actor: Any = None) -> Response:
    """The facilitator's short reply, shown under the post on phones and the projector; an
    empty text removes it."""
    text = unicodedata.normalize("NFC", text or "").strip()
    if len(text) > qa.REPLY_LIMIT:
        raise Refused("too_long", limit=qa.REPLY_LIMIT)
    (post,) = _lock_posts(response)
    post.reply = text
    post.save(update_fields=["reply", "updated_at"])
    question = Question.objects.select_related("session").get(pk=post.question_id)
    _audit(actor, "live.qa_reply", post, question.session)
    _announce_qa(question)
    return post


@transaction.atomic
def qa_pin(*, question: Question, response: Response | None, actor: Any = None) -> Question:
    """Pin one post to the top of the projector (the one pinned before is unpinned), or
    unpin with None. Pinning shows a post that was waiting or hidden."""
    if response is not None:
        (post,) = _lock_posts(response)
        if post.question_id != question.pk or post.merged_into_id is not None:
            raise Refused("post_unavailable")
        if post.moderation != Moderation.APPROVED:
            post.moderation = Moderation.APPROVED
            post.save(update_fields=["moderation", "updated_at"])
    question = _lock_question(question.pk)
    question.pinned = response
    question.save(update_fields=["pinned", "updated_at"])
    _audit(
        actor,
        "live.qa_pin" if response else "live.qa_unpin",
        response or question,
        question.session,
    )
    _announce_qa(question)
    return question


@transaction.atomic
def qa_merge(*, target: Response, duplicate: Response, actor: Any = None) -> Response:
    """Merge a duplicate into the target post: the duplicate leaves every list (its text is
    kept, `merged_into` points at the target), its upvoters' votes move to the target unless
    they upvoted both, and the target's count becomes its number of distinct upvoters."""
    if target.pk == duplicate.pk or target.question_id != duplicate.question_id:
        raise Refused("merge_invalid")
    target, duplicate = _lock_posts(target, duplicate)
    if target.merged_into_id is not None or duplicate.merged_into_id is not None:
        raise Refused("merge_invalid")
    question = _lock_question(target.question_id)
    if question.kind != QuestionKind.QA:
        raise Refused("merge_invalid")
    both = Upvote.objects.filter(response=target).values("participant")
    Upvote.objects.filter(response=duplicate).exclude(participant__in=both).update(response=target)
    Upvote.objects.filter(response=duplicate).delete()
    # Duplicates merged into the duplicate before now belong to the target (one level only).
    Response.objects.filter(merged_into=duplicate).update(merged_into=target)
    target.upvotes = Upvote.objects.filter(response=target).count()
    target.save(update_fields=["upvotes", "updated_at"])
    duplicate.merged_into = target
    duplicate.upvotes = 0
    duplicate.save(update_fields=["merged_into", "upvotes", "updated_at"])
    if question.pinned_id == duplicate.pk:
        question.pinned = target if target.moderation == Moderation.APPROVED else None
        question.save(update_fields=["pinned", "updated_at"])
    session = LiveSession.objects.get(pk=question.session_id)
    _audit(actor, "live.qa_merge", duplicate, session, summary=f"into response {target.pk}")
    _announce_qa(question)
    return target


@transaction.atomic
def question_set_premoderated(
    *, question: Question, premoderated: bool, actor: Any = None
) -> Question:
    """New posts wait for the facilitator's approval (or not). Posts already waiting keep
    waiting when it is turned off: the facilitator decides on each."""
    question = _lock_question(question.pk)
    question.premoderated = premoderated
    question.save(update_fields=["premoderated", "updated_at"])
    session = LiveSession.objects.get(pk=question.session_id)
    _audit(actor, "live.qa_premoderation", question, session, summary=str(premoderated))
    broadcast_on_commit(
        events.presenter_group(question.session_id), events.results_changed_event(question)
    )
    return question

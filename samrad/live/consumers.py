"""WebSocket consumers. They authenticate, join groups and forward; services decide.

Phones: `/ws/live/<code>/` (identity from the session's participant cookie, or `?token=`
for API clients). Presenters and control screens: `/ws/present/<code>/` (facilitator login).
The presenter consumer coalesces bursts of events into at most one render per
SAMRAD_PRESENTER_MIN_INTERVAL seconds, so a room answering at once costs a few renders.
Phones' connection counts are written in batches (`PresenceBatch`), so that a room connecting
at once costs a few transactions instead of one per phone.
"""

import asyncio
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from samrad.accounts.rules import can_view
from samrad.core import memory
from samrad.core.realtime import DispatchWithoutHop
from samrad.live import events, pipeline, selectors, services, tallies, writer
from samrad.live.errors import Refused
from samrad.live.models import Question
from samrad.live.tokens import cookie_name, participant_key

CLOSE_UNKNOWN = 4404
CLOSE_FORBIDDEN = 4403
CLOSE_INVALID = 4400


class PresenceBatch:
    """Connection counts (+1 on connect, -1 on disconnect) collected per participant and
    written every SAMRAD_PRESENCE_FLUSH_INTERVAL seconds in one transaction through
    `services.participant_presence_batch`. A connect and a disconnect within one interval cancel
    out. Counts pending when a process dies are lost, like the counts of its open sockets."""

    def __init__(self):
        self.pending: dict[int, list] = {}
        self.flushing: asyncio.Task | None = None

    def add(self, participant, delta: int) -> None:
        entry = self.pending.setdefault(participant.pk, [participant, 0])
        entry[1] += delta
        if self.flushing is None or self.flushing.done():
            self.flushing = asyncio.ensure_future(self._flush_soon())

    async def _flush_soon(self) -> None:
        await asyncio.sleep(settings.SAMRAD_PRESENCE_FLUSH_INTERVAL)
        while self.pending:
            batch, self.pending = self.pending, {}
            await database_sync_to_async(self._write)(list(batch.values()))
            deltas = [delta for _participant, delta in batch.values()]
            memory.connections_changed(
                connected=sum(d for d in deltas if d > 0),
                disconnected=-sum(d for d in deltas if d < 0),
            )

    @staticmethod
    def _write(batch) -> None:
        services.participant_presence_batch([(participant, delta) for participant, delta in batch])


presence = PresenceBatch()


class ParticipantConsumer(DispatchWithoutHop, AsyncJsonWebsocketConsumer):
    async def connect(self):
        # A room connects at once: the code's session id is known per process, the token is
        # checked without the database, and one query finds the participant together with the
        # session's state, read after this socket joined the group (see below).
        code = selectors.normal_code(self.scope["url_route"]["kwargs"]["code"])
        found = None
        session_id = selectors.SESSION_IDS.get(code) if code else None
        if session_id is not None:
            found = await self._join(code, session_id)
        if found is None:  # not known yet, or the code names another session now
            lookup = database_sync_to_async(selectors.session_id_for_code)
            session_id = await lookup(code, fresh=True) if code else None
            if session_id is not None:
                found = await self._join(code, session_id)
        if found is None:
            await self.close(code=CLOSE_UNKNOWN)
            return
        self.participant, self.language, state = found
        await self.accept()
        presence.add(self.participant, 1)
        await self.send_json(state)

    def _key(self, session_id):
        query = parse_qs(self.scope.get("query_string", b"").decode())
        token = (query.get("token") or [None])[0] or self.scope.get("cookies", {}).get(
            cookie_name(session_id)
        )
        return participant_key(token)

    async def _join(self, code, session_id):
        """(participant, language, state event) once this socket is in the session's group;
        None (and out of the group) if the phone does not belong to the code's session."""
        key = self._key(session_id)
        if key is None:
            return None
        self.session_id = session_id
        self.group = events.session_group(session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        # The state is read only now that this socket is in the group: a change made before
        # group_add would otherwise reach neither this first message nor the group's
        # broadcast, and the phone would stay on the old question.
        try:  # with the other sockets connecting now, in one query
            found = await writer.writer_of(writer.SocketReader).submit((code, session_id, key))
        except Exception:  # busy, or the batch failed: this socket on its own
            found = await database_sync_to_async(self._identify_and_state)(code, session_id, key)
        if found is None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
        return found

    @staticmethod
    def _identify_and_state(code, session_id, key):
        participant = selectors.participant_for_socket(session_id=session_id, code=code, key=key)
        if participant is None:
            return None
        session = participant.session
        language = participant.language or session.dialogue.language
        return participant, language, events.state_event(session)

    async def disconnect(self, close_code):
        if getattr(self, "participant", None) is None:
            return
        await self.channel_layer.group_discard(self.group, self.channel_name)
        presence.add(self.participant, -1)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Garbage closes this socket with a reason; other phones are not affected.
        try:
            content = await self.decode_json(text_data) if text_data else None
        except ValueError:
            content = None
        if not isinstance(content, dict):
            await self.close(code=CLOSE_INVALID, reason="not a JSON object")
            return
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content, **kwargs):
        # A ping keeps NATs open. Answers come here (or over HTTP) and are acknowledged after
        # commit by the process's writer (samrad/live/writer.py).
        kind = content.get("type")
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "answer":
            await self._answer(content)
        else:
            await self.close(code=CLOSE_INVALID, reason="unknown message type")

    async def _answer(self, content):
        try:
            item = pipeline.pending_from_message(content, self.participant)
        except ValueError:
            await self.close(code=CLOSE_INVALID, reason="not an answer")
            return
        try:
            response = await writer.submit(item)
        except Refused as refused:
            with translation.override(self.language):
                event = events.answer_refused_event(item.client_id, refused.code, refused.message)
            await self.send_json(event)
            return
        except Question.DoesNotExist:
            await self.send_json(events.answer_refused_event(item.client_id, "invalid", ""))
            return
        await self.send_json(events.answer_ack_event(item.client_id, response.pk, item.question_id))

    async def samrad_event(self, message):
        if message["event"]["type"] in events.PHONE_EVENT_TYPES:
            # Encoded once per event for every socket (samrad.core.realtime.group_send).
            await self.send(
                text_data=message.get("text") or await self.encode_json(message["event"])
            )


class PresenterConsumer(DispatchWithoutHop, AsyncJsonWebsocketConsumer):
    async def connect(self):
        code = self.scope["url_route"]["kwargs"]["code"]
        session = await database_sync_to_async(self._authorise)(code)
        if session is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.session_id = session.pk
        self.language = session.dialogue.language
        self.group = events.presenter_group(self.session_id)
        self.pending: asyncio.Task | None = None
        self.stale = False
        self.last_render = 0.0
        # What the next drawing must be: the whole stage (`full`), after forgetting the
        # session's running tallies (`forget`: a change this process's writer did not make),
        # or only the counts of `counted` (a question whose bars are on the stage).
        self.full = False
        self.forget = True  # changes may have come while no projector was watching
        self.counted: Question | None = None
        # Other processes' writers' batches, for this process's tallies (tallies.apply).
        self.arrived: list[tuple[int, list, str]] = []
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self._render_and_send()

    def _authorise(self, code):
        session = selectors.session_by_code(code)
        user = self.scope.get("user")
        if session is None or user is None or not can_view(user, session.dialogue.organisation):
            return None
        return session

    async def _check_link(self):
        """Logged-in screens do not depend on the presenter link."""

    async def disconnect(self, close_code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)
        if getattr(self, "pending", None):
            self.pending.cancel()

    async def samrad_event(self, message):
        event = message["event"]
        if event["type"] == "presenter_link":
            await self._check_link()
            return
        if event["type"] == "reaction":  # floats over the stage, no render
            await self.send_json(event)
            return
        # New answers from a writer (this process's, already in its tally, or another's, whose
        # rows are added to it before the next drawing): only the counts, if the stage shows
        # that question's bars. Anything else: the whole stage, and the session's tallies
        # forgotten unless only the room's presence changed.
        written = event["type"] == "results" and bool(event.get("tally"))
        if written and event["tally"] != tallies.PROCESS:
            # No version (a process of an older release): the tally is read again instead.
            version = event.get("generation") or ""
            self.arrived.append((event["question_id"], event.get("rows") or [], version))
        if not (written and self.counted is not None and event["question_id"] == self.counted.pk):
            self.full = True
            self.forget = self.forget or not (written or event["type"] == "presence")
        self._render_later()

    async def receive_json(self, content, **kwargs):
        # A countdown ran out on the screen: draw the stage again (the server's clock decides
        # whether answering has closed). Coalesced like every other render.
        if content.get("type") == "refresh":
            self.full = True
            self._render_later()

    def _render_later(self):
        """Draw the stage (or push the counts) soon: at once after a quiet spell, then at most
        every SAMRAD_PRESENTER_MIN_INTERVAL. A change that arrives while a drawing is on its
        way may have come after that drawing read the state: it is drawn once more afterwards."""
        if self.pending is None or self.pending.done():
            self.pending = asyncio.ensure_future(self._render_soon())
        else:
            self.stale = True

    async def _render_soon(self):
        while True:
            wait = self.last_render + settings.SAMRAD_PRESENTER_MIN_INTERVAL - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self.stale = False  # what arrived until now, this drawing reads
            if self.full or self.counted is None:
                await self._render_and_send()
            else:
                await self._counts_and_send()
            if not self.stale:
                return

    async def _render_and_send(self):
        self.last_render = time.monotonic()
        self.full, forget, self.forget = False, self.forget, False
        arrived, self.arrived = self.arrived, []
        payload, self.counted = await database_sync_to_async(self._stage)(forget, arrived)
        await self.send_json(payload)

    async def _counts_and_send(self):
        self.last_render = time.monotonic()
        arrived, self.arrived = self.arrived, []
        payload = await database_sync_to_async(self._counts)(self.counted, arrived)
        await self.send_json(payload)

    @staticmethod
    def _apply(arrived: list[tuple[int, list, str]]) -> None:
        for question_id, rows, version in arrived:
            tallies.apply(question_id, rows, version)

    def _stage(self, forget: bool, arrived: list[tuple[int, list, str]]):
        if forget:  # what arrived is committed: the tallies built again will read it
            tallies.forget_session(self.session_id)
        else:
            self._apply(arrived)
        session = selectors.session_by_id(self.session_id)
        with translation.override(self.language):
            context = selectors.stage_context(session)
            html = render_to_string("live/_stage.html", context)
        question = context["question"]
        counted = (
            question
            if question is not None
            and question.kind in tallies.TALLIED_KINDS
            and question.results_shown
            and context["breakdown"] is None
            and context["leaderboard"] is None
            else None
        )
        return events.stage_event(session, context, html), counted

    def _counts(self, question: Question, arrived: list[tuple[int, list, str]]):
        self._apply(arrived)
        results = tallies.results_of(question)  # `counted` is a tallied kind
        with translation.override(self.language):
            return events.counts_event(question, results)


class LinkPresenterConsumer(PresenterConsumer):
    """The projector opened through a presenter link (`/ws/show/<secret>/`): no login, the
    secret is the key; view only (it sends nothing but "refresh"). When the link is revoked
    or replaced the socket is closed with CLOSE_FORBIDDEN and the page leaves."""

    def _authorise(self, code):
        return selectors.session_by_presenter_secret(code)

    async def _check_link(self):
        secret = self.scope["url_route"]["kwargs"]["code"]
        session = await database_sync_to_async(selectors.session_by_presenter_secret)(secret)
        if session is None:
            await self.close(code=CLOSE_FORBIDDEN)

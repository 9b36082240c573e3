"""The WebSocket of every screen of a workshop: `/ws/workshops/<pk>/`.

It authenticates (a logged-in member of the workshop's organisation, or a phone with the
participant cookie of the workshop's live session), joins the workshop's group and forwards
the events that services send (`samrad.workshops.events`). Nothing is decided here.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from samrad.accounts.rules import can_view
from samrad.core.realtime import DispatchWithoutHop
from samrad.live.tokens import cookie_name, participant_from_token
from samrad.workshops import events
from samrad.workshops.models import Workshop

CLOSE_FORBIDDEN = 4403


class WorkshopConsumer(DispatchWithoutHop, AsyncJsonWebsocketConsumer):
    async def connect(self):
        pk = self.scope["url_route"]["kwargs"]["pk"]
        if not await database_sync_to_async(self._authorise)(pk):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = events.workshop_group(pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        # The step is read once this socket is in the group, so that a step taken meanwhile
        # reaches it either in this first message or as a broadcast (never in neither).
        state = await database_sync_to_async(self._state)(pk)
        await self.accept()
        await self.send_json(state)

    def _authorise(self, pk):
        workshop = (
            Workshop.objects.select_related("dialogue__organisation", "session")
            .filter(pk=pk)
            .first()
        )
        if workshop is None:
            return False
        user = self.scope.get("user")
        if user is not None and can_view(user, workshop.dialogue):
            return True
        token = self.scope.get("cookies", {}).get(cookie_name(workshop.session_id))
        return participant_from_token(token, session_id=workshop.session_id) is not None

    def _state(self, pk):
        workshop = Workshop.objects.select_related("dialogue__organisation", "session").get(pk=pk)
        return events.step_event(workshop)

    async def disconnect(self, close_code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def samrad_event(self, message):
        if message["event"]["type"] in events.EVENT_TYPES:
            await self.send_json(message["event"])

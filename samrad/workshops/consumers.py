"""The WebSocket of every screen of a workshop: `/ws/workshops/<pk>/`.

It authenticates (a logged-in member of the workshop's organisation, or a phone with the
participant cookie of the workshop's live session), joins the workshop's group and forwards
the events that services send (`samrad.workshops.events`). Nothing is decided here.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from samrad.accounts.rules import can_view
from samrad.live.tokens import cookie_name, participant_from_token
from samrad.workshops import events
from samrad.workshops.models import Workshop

CLOSE_FORBIDDEN = 4403


class WorkshopConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        pk = self.scope["url_route"]["kwargs"]["pk"]
        state = await database_sync_to_async(self._authorise)(pk)
        if state is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = events.workshop_group(pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(state)

    def _authorise(self, pk):
        workshop = (
            Workshop.objects.select_related("dialogue__organisation", "session")
            .filter(pk=pk)
            .first()
        )
        if workshop is None:
            return None
        user = self.scope.get("user")
        if user is not None and can_view(user, workshop.dialogue.organisation):
            return events.step_event(workshop)
        token = self.scope.get("cookies", {}).get(cookie_name(workshop.session_id))
        if participant_from_token(token, session_id=workshop.session_id) is not None:
            return events.step_event(workshop)
        return None

    async def disconnect(self, close_code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def samrad_event(self, message):
        if message["event"]["type"] in events.EVENT_TYPES:
            await self.send_json(message["event"])

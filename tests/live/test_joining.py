"""A new phone's first visit of a join page, joined in the event loop in batches
(samrad/live/joining.py), through the real ASGI application: the same answer as the page's
view, one transaction for many phones, and every other case left to the view, counted once."""

import asyncio
import re

import httpx
import pytest
from asgiref.sync import sync_to_async
from django.db import OperationalError

from config.asgi import application
from samrad.live import services, writer
from samrad.live.errors import Refused
from samrad.live.models import LiveSession, Participant, SessionStatus
from tests.factories import ChoiceQuestionFactory, put_on_screen
from tests.live.batches import recorded

pytestmark = pytest.mark.django_db(transaction=True)

# What differs between two phones' pages and cookies: their tokens and ids.
TOKENS = re.compile(r'(value=|X-CSRFToken": )"[^"]*"')
COOKIE_VALUES = re.compile(r"=[^;]*;")


def _client():
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application, client=("10.1.2.3", 5000)),
        base_url="http://testserver",
    )


@pytest.fixture
def room(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    question = put_on_screen(ChoiceQuestionFactory())
    return question.session


@pytest.fixture
def batches(monkeypatch):
    """The join writer's batches, by size, as they are stored."""
    return recorded(monkeypatch, writer.JoinWriter)


def _participants(session: LiveSession):
    return sync_to_async(lambda: list(Participant.objects.filter(session=session)))()


def _shape(response: httpx.Response) -> tuple:
    """A join page's answer without what differs from phone to phone."""
    headers = sorted(
        (name, COOKIE_VALUES.sub("=…;", value) if name == "set-cookie" else value)
        for name, value in response.headers.multi_items()
        if name != "date"
    )
    return response.status_code, headers, TOKENS.sub(r'\1"…"', response.text)


async def test_a_new_phone_gets_the_answer_the_page_view_gives(room, settings, batches):
    headers = {"accept-language": "da"}
    settings.SAMRAD_FAST_JOINS = False
    async with _client() as client:
        by_view = await client.get(f"/j/{room.code}/", headers=headers)
    assert batches == []  # the view joined it
    settings.SAMRAD_FAST_JOINS = True
    async with _client() as client:
        fast = await client.get(f"/j/{room.code}/", headers=headers)
    assert batches == [1]
    assert by_view.status_code == 200
    assert _shape(fast) == _shape(by_view)
    assert {"samrad_device", "csrftoken", f"samrad_p{room.pk}"} <= set(fast.cookies)
    assert fast.headers["content-language"] == "da"
    joined = await _participants(room)
    assert [participant.language for participant in joined] == ["da", "da"]


async def test_a_room_joins_in_a_few_transactions_and_each_phone_gets_its_own_tokens(
    room, settings, batches
):
    settings.SAMRAD_WRITER_WAIT = 0.2  # all twenty arrive within the first batch's wait

    async def phone():
        async with _client() as client:
            return await client.get(f"/j/{room.code}/")

    pages = await asyncio.gather(*(phone() for _ in range(20)))
    assert [page.status_code for page in pages] == [200] * 20
    assert sum(batches) == 20 and len(batches) <= 2
    tokens = {page.cookies[f"samrad_p{room.pk}"] for page in pages}
    forms = {re.search(r'name="client_id" value="([^"]+)"', page.text)[1] for page in pages}
    assert len(tokens) == len(forms) == 20
    assert len(await _participants(room)) == 20


async def test_a_phone_that_joined_is_not_joined_again(room, batches):
    async with _client() as client:
        first = await client.get(f"/j/{room.code}/")
        again = await client.get(f"/j/{room.code}/")  # with its cookies
    assert first.status_code == again.status_code == 200
    assert batches == [1]
    assert len(await _participants(room)) == 1


async def test_a_wrong_code_is_answered_and_counted_once_by_the_view(room, settings, batches):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 2
    async with _client() as client:
        wrong = await client.get("/j/000000/")
    assert wrong.status_code == 404
    assert "There is no open session with that code" in wrong.text
    async with _client() as client:  # a new phone at the same address: one failure counted
        right = await client.get(f"/j/{room.code}/")
    assert right.status_code == 200
    async with _client() as client:
        await client.get("/j/000001/")
        spent = await client.get(f"/j/{room.code}/")
    assert spent.status_code == 429  # two failures: even a right code waits
    assert len(await _participants(room)) == 1
    assert batches == [1, 1, 1, 1]  # asked each time; the view answered the three it left


async def test_a_closed_session_is_answered_by_the_view(room, batches):
    await LiveSession.objects.filter(pk=room.pk).aupdate(status=SessionStatus.CLOSED)
    async with _client() as client:
        closed = await client.get(f"/j/{room.code}/")
    assert closed.status_code == 404
    assert batches == [1]
    assert await _participants(room) == []


async def test_a_device_at_its_rejoin_limit_is_refused_by_the_view_and_counted_once(
    room, settings, batches
):
    settings.SAMRAD_JOINS_PER_DEVICE = 2
    async with _client() as client:
        await client.get(f"/j/{room.code}/")
        device = client.cookies["samrad_device"]
    for _ in range(2):  # the same browser without its participant cookie, twice
        async with _client() as client:
            client.cookies["samrad_device"] = device
            last = await client.get(f"/j/{room.code}/")
    assert last.status_code == 429
    assert len(await _participants(room)) == 2
    assert batches == [1, 1, 1]


async def test_a_busy_or_failed_join_writer_leaves_the_join_to_the_view(room, monkeypatch, batches):
    async def busy(self, item):
        raise Refused("busy")

    monkeypatch.setattr(writer.JoinWriter, "submit", busy)
    async with _client() as client:
        joined = await client.get(f"/j/{room.code}/")
    assert joined.status_code == 200
    assert len(await _participants(room)) == 1
    monkeypatch.undo()

    def broken(asks):
        raise OperationalError("database is locked")

    monkeypatch.setattr(writer.JoinWriter, "store", staticmethod(broken))
    async with _client() as client:
        joined = await client.get(f"/j/{room.code}/")
    assert joined.status_code == 200
    assert len(await _participants(room)) == 2


async def test_only_a_plain_first_visit_takes_the_fast_way(room, batches):
    async with _client() as client:
        await client.get(f"/j/{room.code}/?lang=sv")
        await client.post(f"/j/{room.code}/")
        await client.get(f"/j/{room.code}/question/")
        await client.get(f"/j/{room.code}")
    assert batches == []


async def test_a_host_not_allowed_is_refused_by_django(room, batches):
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application), base_url="http://evil.example"
    ) as client:
        refused = await client.get(f"/j/{room.code}/")
    assert refused.status_code == 400
    assert batches == []
    assert await _participants(room) == []


def test_a_batch_joins_what_it_can_and_leaves_the_rest_uncounted(room, settings):
    from samrad.core import ratelimit

    settings.SAMRAD_JOINS_PER_DEVICE = 1
    ratelimit.hit(f"joins:old-device:{room.pk}", window=86400)  # joined once already today
    asks = [
        services.JoinAsk(code=room.code, address="10.0.0.1", device_id="a", device_new=True),
        services.JoinAsk(code="000000", address="10.0.0.2", device_id="b", device_new=True),
        services.JoinAsk(
            code=room.code, address="10.0.0.3", device_id="old-device", device_new=False
        ),
        services.JoinAsk(
            code=room.code, address="10.0.0.4", device_id="c", device_new=True, language="nb"
        ),
    ]
    joined = services.participants_join_batch(asks)
    assert [participant is not None for participant in joined] == [True, False, False, True]
    assert joined[3].language == "nb" and joined[3].session == room
    assert Participant.objects.filter(session=room).count() == 2
    assert ratelimit.count("join-failures:10.0.0.2", window=60) == 0
    assert ratelimit.count(f"joins:old-device:{room.pk}", window=86400) == 1

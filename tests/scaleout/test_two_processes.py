"""Scale-out: two `samrad serve` processes on one PostgreSQL database and one Redis.

A phone and a presenter hold their WebSockets on process A; the answer and the facilitator's
"next" arrive over HTTP at process B. Redis (the channel layer) must carry B's events to A.
Runs in the PostgreSQL + Redis pass of `make test`; on SQLite there is only ever one process.
"""

import asyncio
import json
import uuid
from urllib.parse import urlsplit

import httpx
import pytest
from django.conf import settings
from django.db import connection
from websockets.asyncio.client import connect

from samrad.accounts.models import Role
from samrad.accounts.services import login_cookie_create
from samrad.live.tokens import participant_token
from samrad.site.bench.servers import MANAGE, Server, bench_env, free_port
from tests.factories import (
    ChoiceQuestionFactory,
    MembershipFactory,
    OpenSessionFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.skipif(
        settings.USES_SQLITE or not settings.REDIS_URL,
        reason="scale-out needs PostgreSQL + Redis (DATABASE_URL, REDIS_URL): "
        "`make test-postgres` runs it",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def world(transactional_db):
    session = OpenSessionFactory()
    first = ChoiceQuestionFactory(session=session)
    second = QuestionFactory(session=session, kind="open")
    session.current_question = first
    session.save()
    user = UserFactory()
    MembershipFactory(user=user, organisation=session.dialogue.organisation, role=Role.OWNER)
    return {
        "session": session,
        "first": first,
        "second": second,
        "choice": first.choices.first().pk,
        "token": participant_token(ParticipantFactory(session=session)),
        "cookie": login_cookie_create(user=user),
    }


@pytest.fixture
def two_servers(world, tmp_path):
    # The servers use the test database that pytest-django created (the data above is
    # committed: transactional test), the same Redis under a prefix of their own.
    database_url = urlsplit(settings.DATABASE_URL)._replace(
        path="/" + connection.settings_dict["NAME"]
    )
    env = bench_env(
        var_dir=tmp_path,
        database_url=database_url.geturl(),
        redis_url=settings.REDIS_URL,
        prefix=f"samrad-scaleout-{uuid.uuid4().hex[:8]}",
    )
    env["SECRET_KEY"] = settings.SECRET_KEY  # tokens and session cookies minted here
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            command = [*MANAGE, "serve", "--host", "127.0.0.1", "--port", str(port)]
            log = tmp_path / f"server-{name}.log"
            servers.append(Server(command=command, env=env, port=port, log=log).start())
        yield servers
    finally:
        for server in servers:
            server.stop()


async def _next_json(socket, want, timeout=10):
    """The next message for which `want(message)` holds (others are skipped)."""
    async with asyncio.timeout(timeout):
        while True:
            message = json.loads(await socket.recv())
            if want(message):
                return message


async def test_events_cross_processes_through_redis(world, two_servers):
    a, b = two_servers
    session = world["session"]
    ws_a = a.url.replace("http://", "ws://")
    phone = await connect(
        f"{ws_a}/ws/live/{session.code}/?token={world['token']}", origin=a.url, proxy=None
    )
    presenter = await connect(
        f"{ws_a}/ws/present/{session.code}/",
        origin=a.url,
        additional_headers={"Cookie": world["cookie"]},
        proxy=None,
    )
    try:
        state = await _next_json(phone, lambda m: m["type"] == "state")
        assert state["question"]["id"] == world["first"].pk
        stage = await _next_json(presenter, lambda m: m["type"] == "stage")
        assert stage["results"]["respondents"] == 0

        async with httpx.AsyncClient(base_url=b.url, trust_env=False, timeout=10) as client:
            reply = await client.post(
                f"/api/v1/participate/questions/{world['first'].pk}/responses",
                json={"choices": [world["choice"]], "client_id": str(uuid.uuid4())},
                headers={"X-Participant-Token": world["token"]},
            )
            assert reply.status_code == 201, reply.text
            # Process B's writer stored it; process A's projector gets only the counts: B's
            # event brought the batch's rows to A's running tally (samrad/live/tallies.py).
            seen = await _next_json(
                presenter,
                lambda m: m["type"] in {"stage", "counts"} and m["results"]["respondents"] == 1,
            )
            assert seen["type"] == "counts" and seen["question_id"] == world["first"].pk
            counted = {row["id"]: row["count"] for row in seen["results"]["rows"]}
            assert counted[world["choice"]] == 1

            csrf = "x" * 32
            reply = await client.post(
                f"/sessions/{session.pk}/control/next/",
                headers={"Cookie": f"{world['cookie']}; csrftoken={csrf}", "X-CSRFToken": csrf},
            )
            assert reply.status_code == 302, reply.text
        moved = await _next_json(
            phone, lambda m: m["type"] == "state" and m["question"]["id"] == world["second"].pk
        )
        assert moved["question"]["kind"] == "open"
    finally:
        await phone.close()
        await presenter.close()

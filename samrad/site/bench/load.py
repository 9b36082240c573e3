"""The load generator: phones and a presenter in plain asyncio (websockets + a small HTTP client).

A phone joins, holds its WebSocket open, and answers the multiple-choice question with a
`client_id`; without an acknowledgement (a dropped connection or a 5xx) it resends the same
`client_id` until it gets one, as the real phone does. The presenter records every push of
the stage or its counts (time, respondents), so that each response's submit→seen time can be
read from the ordered acknowledgements.

`path` says which client is imitated:
- "phone": what the phone page sends. It joins by loading `/j/<code>/` (the participant
  cookie and the CSRF token come back with the page), connects its WebSocket with that cookie
  and answers by the htmx form POST (`/j/<code>/questions/<id>/respond/`), acknowledged when
  the returned fragment says so;
- "socket": joins and connects like "phone", then answers over the WebSocket it holds
  (`{"type": "answer", …}`), acknowledged by `{"type": "ack"}` after commit;
- "api": the participant API (`POST /api/v1/participate/join`, `?token=` on the socket, JSON
  answers), as kiosks and other API clients do.
"""

import asyncio
import bisect
import json
import random
import re
import time
import uuid
from dataclasses import dataclass, field

from websockets.asyncio.client import connect as ws_connect
from websockets.typing import Origin

from samrad.site.bench.http import HttpPool, TransportError

now = time.perf_counter


@dataclass
class Target:
    url: str
    code: str
    question_id: int
    choice_ids: list[int]
    presenter_cookie: str = ""

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://", 1)


PATHS = ("phone", "socket", "api")
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ACK_MARK = b'class="ack"'


@dataclass
class Phone:
    token: str = ""
    cookie: str = ""  # the phone page's cookies (participant + CSRF)
    csrf: str = ""
    socket: object = None
    waiter: asyncio.Future | None = None  # the answer sent over the socket, until its ack
    connected: bool = False
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    t_send: float | None = None
    t_ack: float | None = None
    attempts: int = 0
    failures: int = 0
    last_error: str = ""


@dataclass
class Presenter:
    pushes: list[tuple[float, int]] = field(default_factory=list)
    connected: bool = False
    error: str = ""


def http_client(url: str, pool: int) -> HttpPool:
    return HttpPool(url, size=pool)


async def join_all(
    client, target: Target, count: int, *, concurrency: int = 64, path: str = "api"
) -> list[Phone]:
    phones = [Phone() for _ in range(count)]
    gate = asyncio.Semaphore(concurrency)

    async def join_api(phone: Phone) -> int:
        status, data = await client.post_json("/api/v1/participate/join", {"code": target.code})
        if status == 200:
            phone.token = data["participant_token"]
        return status

    async def join_page(phone: Phone) -> int:
        status, cookies, body = await client.request("GET", f"/j/{target.code}/")
        found = CSRF_INPUT.search(body)
        if status == 200 and found and cookies:
            phone.cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
            phone.csrf = found.group(1).decode()
            phone.token = phone.cookie  # joined
        return status

    join_once = join_api if path == "api" else join_page

    async def join(phone: Phone) -> None:
        async with gate:
            for _attempt in range(5):
                try:
                    status = await join_once(phone)
                    if phone.token:
                        return
                    phone.last_error = f"join {status}"
                except TransportError as exc:
                    phone.last_error = f"join {exc}"
                await asyncio.sleep(0.5)

    await asyncio.gather(*(join(phone) for phone in phones))
    return [phone for phone in phones if phone.token]


async def hold_sockets(
    target: Target, phones: list[Phone], stop: asyncio.Event, *, concurrency: int = 100
) -> list[asyncio.Task]:
    """Open every phone's WebSocket (at most `concurrency` handshakes at a time) and keep them
    open, reading what the server sends, until `stop` is set. Returns once all have tried."""
    gate = asyncio.Semaphore(concurrency)
    opened: list[asyncio.Future] = []

    async def hold(phone: Phone, ready: asyncio.Future) -> None:
        try:
            async with gate:
                url, headers = f"{target.ws_url}/ws/live/{target.code}/", {}
                if phone.cookie:
                    headers = {"Cookie": phone.cookie}
                else:
                    url += f"?token={phone.token}"
                socket = await ws_connect(
                    url,
                    additional_headers=headers,
                    origin=Origin(target.url),
                    ping_interval=None,
                    open_timeout=120,
                    close_timeout=2,
                    proxy=None,
                )
                first = json.loads(await asyncio.wait_for(socket.recv(), 60))
                phone.connected = first.get("type") == "state"
        except Exception as exc:  # noqa: BLE001  (a benchmark counts failures, it does not stop)
            phone.last_error = f"ws {type(exc).__name__}"
            ready.set_result(False)
            return
        phone.socket = socket
        ready.set_result(True)
        reader = asyncio.ensure_future(_drain(socket, phone))
        await stop.wait()
        reader.cancel()
        await socket.close()

    tasks = []
    for phone in phones:
        ready = asyncio.get_running_loop().create_future()
        opened.append(ready)
        tasks.append(asyncio.ensure_future(hold(phone, ready)))
    await asyncio.gather(*opened)
    return tasks


async def _drain(socket, phone: Phone) -> None:
    try:
        async for message in socket:
            # Broadcasts are not decoded: only the answers' acknowledgements matter here.
            waiter = phone.waiter
            waiting = waiter is not None and not waiter.done()
            if waiter and waiting and message.startswith(('{"type": "ack"', '{"type": "refused"')):
                waiter.set_result(json.loads(message))
    except Exception:  # noqa: BLE001, S110  (closed under us: the stop or a server crash)
        pass
    if phone.waiter is not None and not phone.waiter.done():
        phone.waiter.set_result({"type": "closed"})


async def watch_presenter(target: Target, presenter: Presenter, stop: asyncio.Event) -> None:
    try:
        async with ws_connect(
            f"{target.ws_url}/ws/present/{target.code}/",
            origin=Origin(target.url),
            additional_headers={"Cookie": target.presenter_cookie},
            ping_interval=None,
            proxy=None,
            max_size=None,
        ) as socket:
            presenter.connected = True
            while not stop.is_set():
                try:
                    message = await asyncio.wait_for(socket.recv(), 0.5)
                except TimeoutError:
                    continue
                payload = json.loads(message)
                results = payload.get("results") or {}
                # the whole stage, or only its counts (samrad/live/tallies.py)
                if payload.get("type") in ("stage", "counts") and "respondents" in results:
                    presenter.pushes.append((now(), results["respondents"]))
    except Exception as exc:  # noqa: BLE001
        presenter.error = f"{type(exc).__name__}: {exc}"


def _api_sender(client, target: Target, phone: Phone):
    body = {"choices": [random.choice(target.choice_ids)], "client_id": phone.client_id}
    path = f"/api/v1/participate/questions/{target.question_id}/responses"
    headers = {"X-Participant-Token": phone.token}

    async def send():
        status, data = await client.post_json(path, body, headers)
        return status == 201, status, data

    return send


def _page_sender(client, target: Target, phone: Phone):
    """The htmx form POST of the phone page (kinds/choice_form.html), with its cookies."""
    from urllib.parse import urlencode

    form = {
        "csrfmiddlewaretoken": phone.csrf,
        "client_id": phone.client_id,
        "choice": random.choice(target.choice_ids),
    }
    body = urlencode(form).encode()
    path = f"/j/{target.code}/questions/{target.question_id}/respond/"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": phone.cookie,
        "HX-Request": "true",
        "HX-Target": "question",
        "HX-Current-URL": f"{target.url}/j/{target.code}/",
    }

    async def send():
        status, _cookies, data = await client.request("POST", path, body, headers)
        return status == 200 and ACK_MARK in data, status, data[:120]

    return send


def _socket_sender(client, target: Target, phone: Phone):
    message = json.dumps(
        {
            "type": "answer",
            "question_id": target.question_id,
            "client_id": phone.client_id,
            "choices": [random.choice(target.choice_ids)],
        }
    )

    async def send():
        if phone.socket is None:
            raise TransportError("no socket")
        phone.waiter = asyncio.get_running_loop().create_future()
        try:
            await phone.socket.send(message)
            reply = await asyncio.wait_for(phone.waiter, 30)
        except Exception as exc:  # noqa: BLE001  (closed or timed out: resend)
            raise TransportError(type(exc).__name__) from exc
        if reply["type"] == "closed":
            raise TransportError("closed")
        return reply["type"] == "ack", 503 if reply.get("code") == "busy" else 409, reply

    return send


SENDERS = {"phone": _page_sender, "socket": _socket_sender, "api": _api_sender}


async def answer(
    client, target: Target, phone: Phone, *, give_up_at: float, path: str = "api"
) -> None:
    """Send one answer; resend the same client_id after a failure, as phones do."""
    send = SENDERS[path](client, target, phone)
    delay = 0.1
    phone.t_send = now()
    while True:
        phone.attempts += 1
        try:
            acked, status, data = await send()
            if acked:
                phone.t_ack = now()
                return
            phone.failures += 1
            phone.last_error = f"{status} {str(data)[:120]}"
            if status < 500 and status != 429:
                return  # refused: resending would not help
        except TransportError as exc:
            phone.failures += 1
            phone.last_error = str(exc)
        if now() + delay > give_up_at:
            return
        await asyncio.sleep(delay + random.random() * delay)
        delay = min(delay * 2, 1.0)


async def answer_all(
    client,
    target: Target,
    phones: list[Phone],
    *,
    mode: str,
    window: float,
    rate: float,
    give_up_after: float = 60,
    at_halfway=None,
    path: str = "api",
) -> None:
    """Burst: each phone answers at a random moment within `window` s (0: all at once).
    Paced: one answer every 1/`rate` s. `at_halfway` (a coroutine function) runs in the middle
    of the sending (the durability benchmark kills the server there)."""
    start = now()
    if mode == "paced":
        offsets = [i / rate for i in range(len(phones))]
    else:
        offsets = sorted(random.uniform(0, window) for _ in phones)
    give_up_at = start + (offsets[-1] if offsets else 0) + give_up_after

    async def later(phone: Phone, offset: float) -> None:
        await asyncio.sleep(max(0.0, start + offset - now()))
        await answer(client, target, phone, give_up_at=give_up_at, path=path)

    tasks = [asyncio.ensure_future(later(p, o)) for p, o in zip(phones, offsets, strict=True)]
    if at_halfway is not None:
        await asyncio.sleep((offsets[-1] if offsets else 0) / 2)
        await at_halfway()
    await asyncio.gather(*tasks)


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def ack_latencies(phones: list[Phone]) -> list[float]:
    return [p.t_ack - p.t_send for p in phones if p.t_ack is not None and p.t_send is not None]


def seen_latencies(phones: list[Phone], pushes: list[tuple[float, int]]) -> list[float]:
    """The k-th acknowledged response is 'seen' at the first stage push whose respondents
    count is at least k (received after the response was sent)."""
    acked = sorted(
        ((p.t_ack, p.t_send) for p in phones if p.t_ack is not None and p.t_send is not None),
        key=lambda times: times[0],
    )
    shown = _running_max([respondents for _t, respondents in pushes])
    latencies = []
    for k, (_ack, sent) in enumerate(acked, start=1):
        i = bisect.bisect_left(shown, k)
        while i < len(pushes) and pushes[i][0] < sent:
            i += 1
        if i < len(pushes):
            latencies.append(pushes[i][0] - sent)
    return latencies


def _running_max(counts: list[int]) -> list[int]:
    out, best = [], 0
    for c in counts:
        best = max(best, c)
        out.append(best)
    return out


def throughput(phones: list[Phone]) -> float:
    acks = [p.t_ack for p in phones if p.t_ack is not None]
    if not acks:
        return 0.0
    span = max(acks) - min(p.t_send for p in phones if p.t_send is not None)
    return len(acks) / span if span > 0 else 0.0

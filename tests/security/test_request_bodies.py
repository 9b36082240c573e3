"""Request bodies before any handler reads them (issue 19, items 6 and 7), through
samrad/core/lean.py's `routed`:

- stalled uploads to the participant API no longer fill its concurrency gate: the body is read
  (within SAMRAD_BODY_TIMEOUT) before a place is taken, and a body that does not come is 408;
- a body larger than its limit is refused with 413 by its Content-Length, or as soon as the
  stream passes the limit, without the handler ever reading (or Django spooling) it;
- in production the participant API applies the same host and HTTPS rules as the pages.
"""

import asyncio
import json

import httpx
import pytest

from samrad.core.lean import LeanASGIHandler, routed

API = "/api/v1/participate/join"


class Recorder:
    """A stand-in application that records the bodies it was given and answers 200."""

    def __init__(self):
        self.bodies: list[bytes] = []

    async def __call__(self, scope, receive, send):
        body = b""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _scope(path=API, headers=()):
    return {
        "type": "http",
        "method": "POST",
        "path": path,
        "headers": [(b"host", b"testserver"), *headers],
        "query_string": b"",
    }


async def _call(app, scope, messages, *, stall=None):
    """Run one request; `messages` are what the client sends, then (with `stall`) it waits
    for that event before anything more. Returns (status, body)."""
    queue = list(messages)
    sent = []

    async def receive():
        if queue:
            return queue.pop(0)
        if stall is not None:
            await stall.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    status = next((m["status"] for m in sent if m["type"] == "http.response.start"), None)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


async def test_stalled_uploads_do_not_hold_the_participant_api_gate(settings):
    settings.SAMRAD_BODY_TIMEOUT = 30
    lean = Recorder()
    app = routed(Recorder(), lean, ("/api/v1/participate/",), concurrency=2)
    never = asyncio.Event()
    stalled = [
        asyncio.create_task(
            _call(
                app,
                _scope(),
                [{"type": "http.request", "body": b"{", "more_body": True}],
                stall=never,
            )
        )
        for _ in range(8)
    ]
    await asyncio.sleep(0)  # let the stalled uploads start (and, before, take every place)
    done = await asyncio.wait_for(
        _call(app, _scope(), [{"type": "http.request", "body": b'{"code": "123456"}'}]), 5
    )
    assert done == (200, b"ok")
    assert lean.bodies == [b'{"code": "123456"}']
    assert not any(task.done() for task in stalled)
    never.set()  # the stalled clients go away: nothing reached the application
    await asyncio.gather(*stalled)
    assert lean.bodies == [b'{"code": "123456"}']


async def test_a_body_that_does_not_arrive_in_time_is_408(settings):
    settings.SAMRAD_BODY_TIMEOUT = 0.05
    lean = Recorder()
    app = routed(Recorder(), lean, ("/api/v1/participate/",), concurrency=1)
    status, body = await asyncio.wait_for(
        _call(
            app,
            _scope(),
            [{"type": "http.request", "body": b"{", "more_body": True}],
            stall=asyncio.Event(),
        ),
        5,
    )
    assert status == 408 and b"too slowly" in body
    assert lean.bodies == []


async def test_large_bodies_are_refused_before_they_are_read(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.SAMRAD_MAX_REQUEST_BYTES = 5000
    pages, lean = Recorder(), Recorder()
    app = routed(pages, lean, ("/api/v1/participate/",), concurrency=1)
    declared = [(b"content-length", b"999999999")]
    # by Content-Length: not one byte is read
    for path in (API, "/insights/d/1/import/"):
        status, body = await _call(app, _scope(path, declared), [])
        assert status == 413 and b"too large" in body, path
    # by the stream, without a Content-Length (chunked): stopped at the limit
    chunk = {"type": "http.request", "body": b"x" * 800, "more_body": True}
    status, _body = await _call(app, _scope(API), [chunk, chunk, chunk])
    assert status == 413
    status, _body = await _call(app, _scope("/insights/d/1/import/"), [chunk] * 10)
    assert status == 413
    assert lean.bodies == [] and pages.bodies == []
    # within the limits, everything arrives
    small = [{"type": "http.request", "body": b"x" * 800}]
    assert (await _call(app, _scope(API), small))[0] == 200
    assert (await _call(app, _scope("/x/"), [chunk, chunk, small[0]]))[0] == 200
    assert lean.bodies == [b"x" * 800] and pages.bodies == [b"x" * 2400]


@pytest.mark.django_db(transaction=True)
async def test_participant_api_applies_the_host_and_https_rules_in_production(settings):
    settings.ALLOWED_HOSTS = ["samrad.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    app = routed(Recorder(), LeanASGIHandler(), ("/api/v1/participate/",))
    transport = httpx.ASGITransport(app=app)
    body = json.dumps({"code": "123456"})
    headers = {"content-type": "application/json"}
    async with httpx.AsyncClient(transport=transport, base_url="http://evil.example") as c:
        assert (await c.post(API, content=body, headers=headers)).status_code == 400
    async with httpx.AsyncClient(transport=transport, base_url="http://samrad.example.org") as c:
        plain = await c.post(API, content=body, headers=headers)
    assert plain.status_code == 301
    assert plain.headers["location"].startswith("https://samrad.example.org/")
    async with httpx.AsyncClient(transport=transport, base_url="https://samrad.example.org") as c:
        secure = await c.post(API, content=body, headers=headers)
    assert secure.status_code == 404  # no session has that code: the request got through
    assert "max-age=31536000" in secure.headers["strict-transport-security"]

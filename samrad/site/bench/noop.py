"""A no-op ASGI app with Samråd's participant contract: the baseline the benchmark compares to.

It answers `POST /api/v1/participate/join` with a token, accepts WebSockets (sending phones one
state message, as Samråd does), and answers a response POST with 201 — no Django, no database.
The phone page's path likewise: `GET /j/<code>/` sets a cookie and carries a CSRF field, and
the form POST returns a fragment with the acknowledgement.
Served by uvicorn with the same options as the real server:
`uvicorn samrad.site.bench.noop:app`.
"""

import itertools
import json

_ids = itertools.count(1)
STATE = json.dumps(
    {"type": "state", "session": {"id": 1}, "question": {"id": 1, "kind": "choice"}}
).encode()


async def _read_body(receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


async def _respond(send, status: int, payload: dict) -> None:
    await _send(send, status, json.dumps(payload).encode(), b"application/json")


async def _send(send, status: int, body: bytes, content_type: bytes, headers=()) -> None:
    headers = [(b"content-type", content_type), (b"content-length", b"%d" % len(body)), *headers]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


PAGE = b'<form><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>'
ACK = b'<p class="ack" role="status">ok</p>'


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] == "http":
        await _read_body(receive)
        path = scope["path"]
        if path.endswith("/participate/join"):
            await _respond(
                send,
                200,
                {"participant_token": f"t{next(_ids)}", "session": {}, "current_question": None},
            )
        elif path.endswith("/responses"):
            await _respond(send, 201, {"id": next(_ids), "question_id": 1})
        elif path.startswith("/j/") and path.endswith("/respond/"):
            await _send(send, 200, ACK, b"text/html")
        elif path.startswith("/j/"):
            cookie = (b"set-cookie", b"p=%d; HttpOnly" % next(_ids))
            await _send(send, 200, PAGE, b"text/html", [cookie])
        else:
            await _respond(send, 200, {})
        return
    if scope["type"] == "websocket":
        await receive()  # websocket.connect
        await send({"type": "websocket.accept"})
        if scope["path"].startswith("/ws/live/"):
            await send({"type": "websocket.send", "bytes": None, "text": STATE.decode()})
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text") or ""
            if text.startswith('{"type": "answer"'):
                client_id = json.loads(text)["client_id"]
                ack = json.dumps({"type": "ack", "client_id": client_id, "id": next(_ids)})
                await send({"type": "websocket.send", "text": ack})


def main() -> None:
    """`python -m samrad.site.bench.noop --port P [--workers N --ws --http --loop]`."""
    import argparse

    from samrad.core.management.commands.serve import run_uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--ws", default="auto")
    parser.add_argument("--http", default="auto")
    parser.add_argument("--loop", default="auto")
    args = parser.parse_args()
    run_uvicorn(
        "samrad.site.bench.noop:app",
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        ws=args.ws,
        http=args.http,
        loop=args.loop,
        backlog=4096,
    )


if __name__ == "__main__":
    main()

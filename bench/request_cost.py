"""CPU cost of one answer inside the server process, without network or load generator.

    .venv/bin/python bench/request_cost.py [--answers 300]

Calls the ASGI application in-process: N phones join, then each answers the demo's multiple
choice question through the participant API. Prints CPU milliseconds per answer (process
time, so other load on the machine matters less than wall time) next to a baseline measured
in the same run: the same requests against a no-op ASGI app that answers 201. Runs on a
throw-away SQLite database under a temporary SAMRAD_VAR_DIR.
"""

import argparse
import asyncio
import json
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def call(app, method: str, path: str, body: dict, headers: dict[str, str]):
    raw = json.dumps(body).encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode()),
        ]
        + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    sent = False
    out: dict = {"body": b""}

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}
        await asyncio.sleep(3600)

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return out


async def noop(scope, receive, send):
    await receive()
    await send({"type": "http.response.start", "status": 201, "headers": []})
    await send({"type": "http.response.body", "body": b'{"id": 1}'})


async def measure(app, requests) -> float:
    start = time.process_time()
    for method, path, body, headers in requests:
        result = await call(app, method, path, body, headers)
        if result["status"] != 201:
            raise SystemExit(f"{path} answered {result['status']}: {result['body'][:200]!r}")
    return (time.process_time() - start) * 1000 / len(requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args()
    from fresh_django import django_on_fresh_sqlite

    django_on_fresh_sqlite("samrad-cost-")
    from config.asgi import application
    from samrad.live import services
    from samrad.live.models import Question
    from tests.factories import ChoiceQuestionFactory, OpenSessionFactory

    session = OpenSessionFactory()
    question = ChoiceQuestionFactory(session=session)
    services.session_go_to(session=session, question=question)
    question = Question.objects.get(pk=question.pk)
    choice = question.choices.first().pk

    async def run():
        tokens = []
        for _ in range(args.answers):
            joined = await call(
                application, "POST", "/api/v1/participate/join", {"code": session.code}, {}
            )
            tokens.append(json.loads(joined["body"])["participant_token"])
        path = f"/api/v1/participate/questions/{question.pk}/responses"
        requests = [
            (
                "POST",
                path,
                {"choices": [choice], "client_id": str(uuid.uuid4())},
                {"X-Participant-Token": token},
            )
            for token in tokens
        ]
        ours = await measure(application, requests)
        baseline = await measure(noop, requests)
        return ours, baseline

    ours, baseline = asyncio.run(run())
    print(f"answers               {args.answers}")
    print(f"cpu per answer        {ours:.2f} ms")
    print(f"no-op baseline        {baseline:.3f} ms")
    print(f"answers per cpu-second {1000 / ours:.0f}")


if __name__ == "__main__":
    main()

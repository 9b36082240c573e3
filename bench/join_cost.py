"""CPU cost of one phone joining through the page (`GET /j/<code>/`), in-process.

    .venv/bin/python bench/join_cost.py [--phones 300] [--language sv] [--profile]

N new phones (no cookies) load the join page one after another through `django.test.Client`
(the whole middleware stack, no server, no thread hops) on a throw-away SQLite database under
a temporary SAMRAD_VAR_DIR; a live session with one multiple-choice question on screen.
Prints process CPU milliseconds per join and the queries per join. `--profile` prints the
top of a cProfile of the same loop instead of timing it.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--language", default="sv")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from fresh_django import django_on_fresh_sqlite

    django_on_fresh_sqlite("samrad-join-cost-")
    from django.db import connection
    from django.test import Client

    from samrad.live import services
    from samrad.live.models import Participant
    from tests.factories import ChoiceQuestionFactory, OpenSessionFactory

    session = OpenSessionFactory()
    question = ChoiceQuestionFactory(session=session)
    services.session_go_to(session=session, question=question)
    path = f"/j/{session.code}/"
    headers = {"HTTP_ACCEPT_LANGUAGE": args.language}

    client = Client()  # one handler (a Client per phone would load the middleware each time)

    def join() -> None:
        client.cookies.clear()  # a new phone: no cookies
        response = client.get(path, **headers)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")

    join()  # warm: templates compiled, translations loaded
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):  # request_started empties connection.queries
        join()
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(lambda: [join() for _ in range(args.phones)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        return
    start = time.process_time()
    for _ in range(args.phones):
        join()
    cpu = (time.process_time() - start) * 1000 / args.phones
    print(f"phones joined         {Participant.objects.filter(session=session).count()}")
    print(f"cpu per join          {cpu:.2f} ms")
    print(f"queries per join      {len(queries)}")


if __name__ == "__main__":
    main()

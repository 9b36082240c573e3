"""CPU cost of the answer writer's batch (`pipeline.responses_submit_batch`), in process.

    PYTHONPATH=$PWD .venv/bin/python bench/batch_cost.py [--batch 25] [--batches 200] [--profile]

A live session with one multiple-choice question on screen and `--batch` phones on a fresh
SQLite database; each round every phone answers once more (an upsert of its earlier answer),
as a room changing its mind would. Prints process CPU milliseconds per answer and per batch;
run it with two batch sizes to split a batch's fixed cost from an answer's. `--profile` prints
the top of a cProfile of the same loop instead.
"""

import argparse
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--batches", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="tottime", help="with --profile: tottime, cumulative …")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--new-phones",
        action="store_true",
        help="every round other phones, answering for the first time (a room's burst: inserts "
        "into a growing table), instead of the same phones changing their answers (updates)",
    )
    args = parser.parse_args()
    from fresh_django import django_on_fresh_sqlite

    django_on_fresh_sqlite("samrad-upsert-cost-")
    from django.conf import settings

    settings.SAMRAD_ANSWERS_PER_MINUTE = 10**9  # each phone answers every round here
    from samrad.live import pipeline, services
    from samrad.live.kinds import Answer
    from samrad.live.models import Response
    from tests.factories import ChoiceQuestionFactory, OpenSessionFactory, ParticipantFactory

    session = OpenSessionFactory()
    question = ChoiceQuestionFactory(session=session)
    services.session_go_to(session=session, question=question)
    choices = list(question.choices.values_list("pk", flat=True))
    rounds_in_all = args.batches + 10
    phones = [
        ParticipantFactory(session=session)
        for _ in range(args.batch * (rounds_in_all if args.new_phones else 1))
    ]
    used = 0

    def run(rounds: int) -> float:
        nonlocal used
        start = time.process_time()
        for round_ in range(rounds):
            if args.new_phones:
                these = phones[used : used + args.batch]
                used += args.batch
            else:
                these = phones
            items = [
                pipeline.Pending(
                    question_id=question.pk,
                    participant=phone,
                    answer=Answer(choices=[str(choices[(round_ + n) % len(choices)])]),
                    client_id=uuid.uuid4(),
                )
                for n, phone in enumerate(these)
            ]
            results = pipeline.responses_submit_batch(items)
            if not all(isinstance(result, Response) for result in results):
                raise SystemExit(f"refused: {results[:3]}")
        return (time.process_time() - start) * 1000

    run(10)  # warm
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(run, args.batches)
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
        return
    cpu = run(args.batches)
    answers = args.batches * args.batch
    print(f"cpu per answer   {cpu / answers:.3f} ms")
    print(f"cpu per batch    {cpu / args.batches:.2f} ms ({args.batch} answers)")
    stored = Response.objects.filter(question=question).count()
    print(f"rows stored      {stored} (one per phone)")


if __name__ == "__main__":
    main()

"""How long the projector's multiple-choice results take with many answers.

    .venv/bin/python bench/results_speed.py [--answers 5000] [--repeat 20]

Counts in the database (`live/kinds/choice.py: results`, what the presenter calls up to four
times a second) against a baseline in the same run: reading every response into Python and
counting there (what it did before). Then what one push to the projector costs while answers
pour in: the whole stage (`selectors.stage_context` + `_stage.html`, what every push was)
against the counts from the running tally (`tallies.results_of` + the event,
encoded), and what building the tally once from the database costs. Throw-away SQLite
database under a temporary SAMRAD_VAR_DIR; set DATABASE_URL to measure PostgreSQL.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def python_count(responses):
    counts: Counter[int] = Counter()
    respondents = 0
    for picked, _other in responses.values_list("choices", "text"):
        respondents += 1
        counts.update(picked)
    return respondents, counts


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.update(SAMRAD_VAR_DIR=tempfile.mkdtemp(prefix="samrad-results-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from samrad.live.kinds import kind_of
    from samrad.live.models import Participant, Response
    from tests.factories import ChoiceQuestionFactory, OpenSessionFactory

    session = OpenSessionFactory()
    question = ChoiceQuestionFactory(session=session)
    choices = list(question.choices.values_list("pk", flat=True))
    participants = Participant.objects.bulk_create(
        [Participant(session=session) for _ in range(args.answers)]
    )
    Response.objects.bulk_create(
        [
            Response(question=question, participant=p, slot=0, choices=[choices[i % len(choices)]])
            for i, p in enumerate(participants)
        ]
    )
    responses = Response.objects.filter(question=question)
    kind = kind_of(question)
    ours = timed(lambda: kind.results(question, responses), args.repeat)
    baseline = timed(lambda: python_count(responses), args.repeat)
    assert kind.results(question, responses)["respondents"] == args.answers
    print(f"answers                      {args.answers}")
    print(f"results in SQL (median)      {ours:.1f} ms")
    print(f"baseline: count in Python    {baseline:.1f} ms")
    print(f"ratio                        {baseline / ours:.1f}x faster")

    import json

    from django.template.loader import render_to_string

    from samrad.live import events, selectors, tallies

    session.current_question = question
    session.save()

    def whole_stage():
        live = selectors.session_by_id(session.pk)
        context = selectors.stage_context(live)
        html = render_to_string("live/_stage.html", context)
        return json.dumps(events.stage_event(live, context, html), default=str)

    def counts_push():
        return json.dumps(events.counts_event(question, tallies.results_of(question)))

    def build_tally():
        tallies.forget_session(session.pk)
        return tallies.tally_of(question)

    stage = timed(whole_stage, args.repeat)
    built = timed(build_tally, args.repeat)
    counts = timed(counts_push, args.repeat)
    assert tallies.tally_of(question).results() == kind.results(question, responses)
    print(f"push: the whole stage        {stage:.2f} ms")
    print(f"push: counts from the tally  {counts:.3f} ms ({stage / counts:.0f}x less)")
    print(f"tally built from the db once {built:.1f} ms")


if __name__ == "__main__":
    main()

"""How long the opinion analysis takes for a big conversation, and how well it finds groups.

    PYTHONPATH=$PWD .venv/bin/python bench/opinions_speed.py [--participants 5000]
        [--statements 300] [--fill 0.3] [--groups 3] [--repeat 3]

Prints numbers, asserts nothing. The votes are generated with planted groups
(samrad/opinions/analysis/synthetic.py); the time is building the vote matrix from the
vote arrays plus the whole analysis (PCA, clustering, representative statements, common
ground, divisive), as the live map and the CLI run it. The target of issue 16 is < 2 s
for 5,000 participants × 300 statements, 30 % filled.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from samrad.opinions.analysis import VoteMatrix, analyse  # noqa: E402
from samrad.opinions.analysis.synthetic import planted_votes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--fill", type=float, default=0.3)
    parser.add_argument("--groups", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    planted = planted_votes(
        participants=args.participants,
        statements=args.statements,
        groups=args.groups,
        fill=args.fill,
        consensus=5,
        seed=1,
    )
    print(
        f"{args.participants} participants x {args.statements} statements, "
        f"{args.fill:.0%} filled: {len(planted.votes)} votes, {args.groups} planted groups"
    )
    times, matrix_times = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        matrix = VoteMatrix.from_arrays(planted.participants, planted.statements, planted.votes)
        built = time.perf_counter()
        analysis = analyse(matrix)
        times.append(time.perf_counter() - start)
        matrix_times.append(built - start)
    found = {p: group.id for group in analysis.groups for p in group.participants}
    members = sorted(found)
    ari = adjusted_rand_score([planted.membership[p] for p in members], [found[p] for p in members])
    consensus = {item.statement for item in analysis.consensus}
    print(
        f"analysis: median {statistics.median(times):.3f} s, min {min(times):.3f} s, "
        f"max {max(times):.3f} s over {args.repeat} runs "
        f"(of which the vote matrix: median {statistics.median(matrix_times):.3f} s)"
    )
    print(
        f"groups: {len(analysis.groups)} (sizes {[g.size for g in analysis.groups]}), "
        f"grouped {analysis.method['grouped']}, adjusted Rand index {ari:.3f}; "
        f"common ground {len(consensus)} (planted {len(planted.consensus)}, "
        f"recovered {len(consensus & planted.consensus)}); divisive {len(analysis.divisive)}"
    )


if __name__ == "__main__":
    main()

"""How well our opinion groups agree with Pol.is's own, on real Pol.is exports.

    PYTHONPATH=$PWD .venv/bin/python bench/opinions_polis_agreement.py EXPORT_DIR [...]

Each EXPORT_DIR is a Pol.is open data export (``votes.csv``, ``comments.csv``,
``participants-votes.csv``), e.g. a folder of github.com/compdemocracy/openData (not
shipped here). Pol.is's groups are the ``group-id`` column of ``participants-votes.csv``;
ours come from ``analyse`` on the same votes (latest vote per voter and comment, comments
moderated out left out). Prints, per export, the groups on both sides, the participants
grouped by both, the adjusted Rand index, and the time. Asserts nothing.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from samrad.opinions.analysis import VoteMatrix, analyse  # noqa: E402
from samrad.opinions.analysis.polis import MODERATED_OUT, latest_votes  # noqa: E402
from samrad.opinions.analysis.polis_export import read_conversation  # noqa: E402


def main() -> None:
    for folder in sys.argv[1:]:
        conversation = read_conversation(folder)
        hidden = {c.comment_id for c in conversation.comments if c.moderated == MODERATED_OUT}
        votes = [v for v in latest_votes(list(conversation.votes)) if v.comment_id not in hidden]
        start = time.perf_counter()
        matrix = VoteMatrix.from_arrays(
            [v.voter_id for v in votes], [v.comment_id for v in votes], [v.vote for v in votes]
        )
        analysis = analyse(matrix)
        seconds = time.perf_counter() - start
        ours = {p: g.id for g in analysis.groups for p in g.participants}
        theirs = conversation.groups
        both = sorted(set(ours) & set(theirs))
        ari = adjusted_rand_score([theirs[p] for p in both], [ours[p] for p in both])
        print(
            f"{Path(folder).name}: {len(matrix.participants)} voters x "
            f"{len(matrix.statements)} statements; Pol.is {len(set(theirs.values()))} groups "
            f"({len(theirs)} grouped), ours {len(analysis.groups)} ({len(ours)} grouped); "
            f"both grouped {len(both)}, ARI {ari:.3f}; {seconds:.2f} s"
        )


if __name__ == "__main__":
    main()

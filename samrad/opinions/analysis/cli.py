"""`samrad opinions analyse VOTES_CSV`: opinion groups of a Pol.is votes export.

Kept free of Django so it can be tested directly; the management command is a thin
wrapper around :func:`analyse_main`. The whole input is read and checked before anything
is written, so a malformed file gives exit status 2, one ``error:`` line on stderr that
names the line, and nothing on stdout.
"""

from __future__ import annotations

import json
import sys
from typing import Protocol

from . import Analysis, VoteMatrix, analyse
from .clustering import MIN_VOTES
from .polis import (
    MODERATED_OUT,
    PolisFormatError,
    latest_votes,
    parse_comments,
    parse_votes,
    read_text,
)
from .statements import CONSENSUS_SHARE


class SupportsWrite(Protocol):
    def write(self, text: str, /) -> object: ...


def analyse_main(
    votes_path: str,
    comments_path: str | None,
    min_votes: int,
    as_json: bool,
    out: SupportsWrite,
) -> int:
    """Analyse the votes in ``votes_path`` and write the result to ``out``; 0 or 2."""
    if min_votes < 1:
        return _fail("--min-votes must be at least 1")
    try:
        votes = latest_votes(parse_votes(read_text(votes_path), votes_path))
        texts: dict[int, str] = {}
        hidden: set[int] = set()
        if comments_path is not None:
            comments = parse_comments(read_text(comments_path), comments_path)
            texts = {comment.comment_id: comment.body for comment in comments}
            hidden = {c.comment_id for c in comments if c.moderated == MODERATED_OUT}
            for vote in votes:
                if vote.comment_id not in texts:
                    raise PolisFormatError(
                        "unknown_comment",
                        file=votes_path,
                        line=vote.line,
                        id=vote.comment_id,
                        comments=comments_path,
                    )
    except PolisFormatError as exc:
        return _fail(str(exc))
    shown = [vote for vote in votes if vote.comment_id not in hidden]
    matrix = VoteMatrix.from_arrays(
        [vote.voter_id for vote in shown],
        [vote.comment_id for vote in shown],
        [vote.vote for vote in shown],
        all_statements=[i for i in texts if i not in hidden],
    )
    analysis = analyse(matrix, min_votes=min_votes)
    if as_json:
        out.write(json.dumps(as_dict(analysis), ensure_ascii=False) + "\n")
    else:
        out.write(as_text(analysis, texts))
    return 0


def as_dict(analysis: Analysis) -> dict[str, object]:
    """The ``--json`` object: the CLI contract of issue 16."""
    return {
        "groups": [
            {
                "id": group.id,
                "size": group.size,
                "participants": sorted(group.participants),  # type: ignore[type-var]  # ids from one file: all int or all str
                "representative": [chosen.statement for chosen in group.representative],
            }
            for group in analysis.groups
        ],
        "consensus": [item.statement for item in analysis.consensus],
        "divisive": [item.statement for item in analysis.divisive],
        "n_participants": analysis.participants,
        "n_statements": len(analysis.statements),
        "method": dict(analysis.method),
    }


def as_text(analysis: Analysis, texts: dict[int, str]) -> str:
    method = analysis.method

    def statement(number: object) -> str:
        text = texts.get(number) if isinstance(number, int) else None
        return f"{number}" + (f"  {text}" if text else "")

    lines = [
        f"{analysis.participants} participants, {len(analysis.statements)} statements; "
        f"{method['grouped']} grouped (at least {method['min_votes']} votes, or all statements)"
    ]
    if analysis.groups:
        lines.append(
            f"{len(analysis.groups)} groups (k-means on the 2-D PCA map, k by silhouette "
            f"{method['silhouette']:.2f})"
        )
    else:
        lines.append("no groups: fewer than 4 participants with enough votes")
    for group in analysis.groups:
        lines.append(f"Group {group.id}: {group.size} participants")
        for chosen in group.representative:
            lines.append(
                f"  {chosen.direction} {chosen.share_in:.0%} (others {chosen.share_out:.0%}): "
                + statement(chosen.statement)
            )
    lines.append(f"Common ground (at least {CONSENSUS_SHARE:.0%} agree in every group):")
    lines.extend(f"  {statement(item.statement)}" for item in analysis.consensus)
    if not analysis.consensus:
        lines.append("  none")
    lines.append("Divisive (one group mostly agrees, another mostly disagrees):")
    lines.extend(f"  {statement(item.statement)}" for item in analysis.divisive)
    if not analysis.divisive:
        lines.append("  none")
    return "\n".join(lines) + "\n"


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


__all__ = ["MIN_VOTES", "analyse_main", "as_dict"]

"""The opinion analysis recovers planted groups, common ground and divisive statements."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from samrad.opinions.analysis import VoteMatrix, analyse
from samrad.opinions.analysis.clustering import grouped_rows, number_groups
from samrad.opinions.analysis.synthetic import planted_votes


def planted_analysis(**kwargs):
    planted = planted_votes(**kwargs)
    matrix = VoteMatrix.from_arrays(planted.participants, planted.statements, planted.votes)
    return planted, analyse(matrix)


def ari(planted, analysis) -> float:
    found = {p: group.id for group in analysis.groups for p in group.participants}
    members = sorted(found)
    planted_labels = [planted.membership[p] for p in members]
    return adjusted_rand_score(planted_labels, [found[p] for p in members])


@pytest.mark.parametrize(
    ("groups", "participants", "statements", "fill", "sizes"),
    [
        (2, 80, 24, 0.5, None),
        (3, 240, 40, 0.4, None),
        (3, 240, 40, 0.5, [0.6, 0.3, 0.1]),
    ],
)
def test_planted_groups_are_recovered(groups, participants, statements, fill, sizes) -> None:
    planted, analysis = planted_analysis(
        participants=participants,
        statements=statements,
        groups=groups,
        fill=fill,
        consensus=3,
        sizes=sizes,
        seed=7,
    )
    assert len(analysis.groups) == groups
    assert ari(planted, analysis) >= 0.9
    assert {c.statement for c in analysis.consensus} == planted.consensus


def test_divisive_statements_split_the_planted_groups() -> None:
    planted, analysis = planted_analysis(
        participants=240, statements=40, groups=3, fill=0.5, consensus=3, seed=3
    )
    assert analysis.divisive
    for item in analysis.divisive:
        assert len(set(planted.stances[:, item.statement].tolist())) == 2
    assert not {d.statement for d in analysis.divisive} & planted.consensus


def test_representative_statements_follow_the_groups_stance() -> None:
    planted, analysis = planted_analysis(
        participants=240, statements=40, groups=3, fill=0.5, consensus=3, seed=5
    )
    for group in analysis.groups:
        assert group.representative
        planted_group = np.bincount(planted.membership[list(group.participants)]).argmax()
        for chosen in group.representative:
            stance = planted.stances[planted_group, chosen.statement]
            assert chosen.direction == ("agree" if stance == 1 else "disagree")
            assert chosen.share_in > chosen.share_out
            assert chosen.z_group > 1.2816 and chosen.z_difference > 1.2816
            assert chosen.statement not in planted.consensus  # everyone agrees there


def test_participants_with_too_few_votes_are_not_grouped() -> None:
    planted = planted_votes(participants=60, statements=20, groups=2, fill=0.6, seed=2)
    extra_voter = 1000  # votes on 6 statements, one fewer than the default of 7
    matrix = VoteMatrix.from_arrays(
        np.concatenate([planted.participants, [extra_voter] * 6]),
        np.concatenate([planted.statements, np.arange(6)]),
        np.concatenate([planted.votes, [1] * 6]),
    )
    analysis = analyse(matrix)
    grouped = {p for group in analysis.groups for p in group.participants}
    assert extra_voter not in grouped and extra_voter not in analysis.points
    assert analysis.participants == 61
    assert analysis.method["grouped"] == 60
    assert extra_voter in {p for g in analyse(matrix, min_votes=6).groups for p in g.participants}


def test_min_votes_is_capped_by_the_number_of_statements() -> None:
    matrix = VoteMatrix.from_arrays([1, 1, 2, 3], [10, 11, 10, 11], [1, -1, 1, 0])
    assert grouped_rows(matrix, 7).tolist() == [0]  # both statements voted; 7 > 2 statements


def test_group_numbers_stay_stable_as_votes_come_in() -> None:
    planted = planted_votes(participants=240, statements=40, groups=3, fill=0.5, seed=11)
    half = len(planted.votes) // 2
    first = analyse(
        VoteMatrix.from_arrays(
            planted.participants[:half], planted.statements[:half], planted.votes[:half]
        )
    )
    matrix = VoteMatrix.from_arrays(planted.participants, planted.statements, planted.votes)
    fresh = analyse(matrix, seed=4)
    later = analyse(matrix, previous=first.previous(), seed=4)
    for group in later.groups:
        before = set(first.previous()[group.id])
        assert len(before & set(group.participants)) > 0.8 * len(before)
    same_members = sorted(g.participants for g in fresh.groups)
    assert sorted(g.participants for g in later.groups) == same_members


def test_number_groups_matches_by_shared_members() -> None:
    previous = {1: ["a", "b", "c"], 2: ["d", "e", "f"]}
    assert number_groups([["d", "e", "x"], ["a", "b"]], previous) == [2, 1]
    assert number_groups([["d"], ["a", "b"], ["y", "z"]], previous) == [2, 1, 3]
    assert number_groups([["q"], ["r", "s"]]) == [2, 1]  # largest first without history


def test_latest_vote_in_the_arrays_counts() -> None:
    matrix = VoteMatrix.from_arrays(["p", "p", "q", "p"], [1, 2, 1, 1], [1, 1, -1, -1])
    assert matrix.participants == ("p", "q")
    assert matrix.values.tolist()[0] == [-1, 1]


def test_a_vote_outside_agree_pass_disagree_is_refused() -> None:
    with pytest.raises(ValueError, match="agree"):
        VoteMatrix.from_arrays([1], [1], [2])


def test_a_pass_counts_against_common_ground() -> None:
    # 3 participants are too few for groups, so the common ground is taken over
    # everyone. Statement 0: 2 agree, 1 pass = 67 %. Statement 1: 1 agree, 2 pass = 33 %.
    voters, statements, votes = [], [], []
    for p in range(3):
        for s in range(8):
            voters.append(p)
            statements.append(s)
            votes.append({0: 1 if p < 2 else 0, 1: 1 if p < 1 else 0}.get(s, 1))
    analysis = analyse(VoteMatrix.from_arrays(voters, statements, votes))
    assert analysis.groups == ()
    common = {c.statement for c in analysis.consensus}
    assert 0 in common and 1 not in common


def test_the_same_votes_give_the_same_analysis() -> None:
    planted = planted_votes(participants=120, statements=30, groups=3, fill=0.5, seed=9)
    matrix = VoteMatrix.from_arrays(planted.participants, planted.statements, planted.votes)
    assert analyse(matrix) == analyse(matrix)


def test_no_votes_give_an_empty_analysis() -> None:
    analysis = analyse(VoteMatrix.from_arrays([], [], [], all_statements=[1, 2]))
    assert analysis.groups == () and analysis.consensus == () and analysis.participants == 0
    assert analysis.statements == (1, 2)

"""The contract of `samrad opinions analyse VOTES_CSV [--comments] [--min-votes N] [--json]`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from sklearn.metrics import adjusted_rand_score

from samrad.opinions.analysis.synthetic import planted_votes

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMRAD = Path(sys.executable).with_name("samrad")
VOTES_HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"
COMMENTS_HEADER = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
)


@pytest.fixture(scope="module")
def planted():
    return planted_votes(participants=90, statements=20, groups=3, fill=0.6, consensus=2, seed=4)


def write_votes(path: Path, rows) -> Path:
    lines = [f"{1_700_000_000_000 + t},Tue Nov 14 2023,{c},{v},{vote}\n" for t, c, v, vote in rows]
    path.write_text(VOTES_HEADER + "".join(lines), encoding="utf-8")
    return path


def planted_file(path: Path, planted) -> Path:
    rows = zip(
        range(len(planted.votes)),
        planted.statements.tolist(),
        planted.participants.tolist(),
        planted.votes.tolist(),
        strict=True,
    )
    return write_votes(path, rows)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("opinions", "analyse", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


def test_json_has_the_contract_keys_and_finds_the_planted_groups(tmp_path, planted) -> None:
    code, out = run(str(planted_file(tmp_path / "votes.csv", planted)), "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {
        "groups",
        "consensus",
        "divisive",
        "n_participants",
        "n_statements",
        "method",
    }
    assert result["n_participants"] == 90 and result["n_statements"] == 20
    assert len(result["groups"]) == 3
    found = {}
    for group in result["groups"]:
        assert set(group) == {"id", "size", "participants", "representative"}
        assert group["size"] == len(group["participants"])
        assert all(isinstance(s, int) for s in group["representative"])
        found.update({voter: group["id"] for voter in group["participants"]})
    voters = sorted(found)
    truth = [planted.membership[v] for v in voters]
    assert adjusted_rand_score(truth, [found[v] for v in voters]) >= 0.9
    assert set(result["consensus"]) == set(planted.consensus)
    assert not set(result["divisive"]) & set(planted.consensus)
    assert result["method"]["min_votes"] == 7


def test_the_latest_timestamp_counts_not_the_last_line(tmp_path) -> None:
    # Four voters on 7 statements; on statement 0 each first disagreed, then agreed. The
    # older disagreeing votes come last in the file: they must not count.
    rows = [(10, s, v, 1) for v in range(4) for s in range(7)]
    rows += [(1, 0, v, -1) for v in range(4)]
    code, out = run(str(write_votes(tmp_path / "votes.csv", rows)), "--json")
    assert code == 0
    assert 0 in json.loads(out)["consensus"]
    rows_reversed = [(10 if vote == -1 else 1, c, v, vote) for _, c, v, vote in rows]
    code, out = run(str(write_votes(tmp_path / "votes2.csv", rows_reversed)), "--json")
    assert 0 not in json.loads(out)["consensus"]


def test_min_votes_decides_who_is_grouped(tmp_path, planted) -> None:
    votes = planted_file(tmp_path / "votes.csv", planted)
    few = [(1, s, 999, 1) for s in range(3)]
    with votes.open("a", encoding="utf-8") as file:
        file.writelines(f"{t},x,{c},{v},{vote}\n" for t, c, v, vote in few)
    _, out = run(str(votes), "--json")
    grouped = {v for g in json.loads(out)["groups"] for v in g["participants"]}
    assert 999 not in grouped
    _, out = run(str(votes), "--json", "--min-votes", "3")
    assert 999 in {v for g in json.loads(out)["groups"] for v in g["participants"]}


def test_comments_give_texts_and_moderated_out_statements_are_left_out(tmp_path, planted) -> None:
    votes = planted_file(tmp_path / "votes.csv", planted)
    comments = tmp_path / "comments.csv"
    body = [
        f'1,x,{s},0,0,0,{-1 if s == 19 else 1},"Statement {s}, with a comma"\n' for s in range(20)
    ]
    comments.write_text(COMMENTS_HEADER + "".join(body), encoding="utf-8")
    code, out = run(str(votes), "--comments", str(comments), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["n_statements"] == 19
    assert 19 not in result["divisive"]
    code, out = run(str(votes), "--comments", str(comments))
    assert code == 0
    assert "Statement 0, with a comma" in out and "Common ground" in out


def test_the_text_lists_the_groups_with_sizes_common_ground_and_divisive(tmp_path, planted):
    votes = planted_file(tmp_path / "votes.csv", planted)
    _, as_json = run(str(votes), "--json")
    result = json.loads(as_json)
    code, out = run(str(votes))
    assert code == 0
    for group in result["groups"]:
        assert f"Group {group['id']}: {group['size']} participants" in out
    common = out.split("Common ground")[1].split("Divisive")[0]
    divisive = out.split("Divisive")[1]
    assert {int(line.split()[0]) for line in common.splitlines()[1:] if line.strip()} == set(
        result["consensus"]
    )
    assert {int(line.split()[0]) for line in divisive.splitlines()[1:] if line.strip()} == set(
        result["divisive"]
    )
    assert result["divisive"]


def test_a_malformed_comments_file_exits_2_naming_its_line(tmp_path, capsys, planted):
    votes = planted_file(tmp_path / "votes.csv", planted)
    comments = tmp_path / "comments.csv"
    comments.write_text(COMMENTS_HEADER + '1,x,0,0,0,0,1,"A"\n2,x,1,0,0,0,7,"B"\n', "utf-8")
    code, out = run(str(votes), "--comments", str(comments), "--json")
    assert (code, out) == (2, "")
    error = capsys.readouterr().err
    assert "comments.csv line 3: moderated must be" in error


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (VOTES_HEADER + "1,x,1,2,1\n2,x,1,3,5\n", 3, "vote must be"),
        (VOTES_HEADER + "1,x,1,2,1\n\n2,x,one,3,1\n", 4, "comment-id"),
        (VOTES_HEADER + "1,x,1,2,1\n2,x,1,3\n", 3, "cells"),
        (VOTES_HEADER + "yesterday,x,1,2,1\n", 2, "timestamp"),
        ("timestamp,datetime,comment-id,voter,vote\n1,x,1,2,1\n", 1, "voter-id"),
        ("", 1, "empty"),
    ],
)
def test_a_malformed_file_exits_2_naming_the_line(tmp_path, capsys, content, line, words) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text(content, encoding="utf-8")
    code, out = run(str(votes), "--json")
    assert code == 2
    assert out == ""
    error = capsys.readouterr().err
    assert f"line {line}:" in error and words in error


def test_a_vote_on_a_statement_missing_from_comments_is_refused(tmp_path, capsys) -> None:
    votes = write_votes(tmp_path / "votes.csv", [(1, 1, 1, 1), (2, 7, 1, 1)])
    comments = tmp_path / "comments.csv"
    comments.write_text(COMMENTS_HEADER + '1,x,1,0,0,0,1,"One"\n', encoding="utf-8")
    code, out = run(str(votes), "--comments", str(comments))
    assert (code, out) == (2, "")
    assert "line 3: comment-id 7 is not in" in capsys.readouterr().err


def test_a_missing_file_exits_2(tmp_path, capsys) -> None:
    code, out = run(str(tmp_path / "nothing.csv"))
    assert (code, out) == (2, "")
    assert "file not found" in capsys.readouterr().err


@pytest.mark.slow
def test_the_console_script_prints_json(tmp_path, planted) -> None:
    """Slow: the real console script in a subprocess, Django's start-up included."""
    # One run of the real console script (Django start-up: a few seconds); the error
    # paths are the same code and are tested through call_command above.
    votes = planted_file(tmp_path / "votes.csv", planted)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(  # noqa: S603 - our own console script with fixed arguments
        [str(SAMRAD), "opinions", "analyse", str(votes), "--json"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["n_participants"] == 90


def test_newer_pol_is_comments_without_datetime_and_with_extra_columns_are_read(tmp_path) -> None:
    votes = write_votes(tmp_path / "votes.csv", [(1, 1, 1, 1), (2, 2, 1, -1)])
    comments = tmp_path / "comments.csv"
    comments.write_text(
        "timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,"
        "group-informed-consensus,comment-body\n"
        "1,1,0,1,0,1,false,true,0.5,Fler bänkar\n"
        "2,2,0,0,1,1,false,false,0.2,Mer ljus\n",
        encoding="utf-8",
    )
    code, out = run(str(votes), "--comments", str(comments))
    assert code == 0
    assert "Fler bänkar" in out

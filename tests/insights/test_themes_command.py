"""`samrad themes evaluate|suggest`: through call_command and through the console script."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMRAD = Path(sys.executable).with_name("samrad")

ROWS = [
    ("Flere busser til sentrum om kvelden", "Trafikk"),
    ("Bussen går altfor sjelden fra Nordbyen", "Trafikk"),
    ("Trenger bedre sykkelvei langs hovedveien", "Trafikk"),
    ("Farlig kryss ved skolen, trengs fotgjengerfelt", "Trafikk;Skole"),
    ("Parkering i sentrum er for dyrt", "Trafikk"),
    ("Skolen trenger flere lærere", "Skole"),
    ("For store klasser på barneskolen", "Skole"),
    ("Skolegården bør rustes opp", "Skole"),
    ("Mer leksehjelp for elevene", "Skole"),
    ("Elevene trenger bedre skolemat", "Skole"),
    ("Hva skjer med biblioteket?", ""),
]


def write_table(path: Path, delimiter: str = ",", bom: bool = False) -> Path:
    lines = [f"text{delimiter}type{delimiter}theme"]
    for text, theme in ROWS:
        cell = f'"{text}"' if delimiter in text else text
        lines.append(f"{cell}{delimiter}Innspill{delimiter}{theme}")
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_samrad(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(  # noqa: S603 - our own console script with fixed arguments
        [str(SAMRAD), *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_evaluate_json_through_call_command(tmp_path: Path) -> None:
    table = write_table(tmp_path / "coded.csv", delimiter=";", bom=True)
    out = io.StringIO()
    call_command(
        "themes", "evaluate", str(table), "--folds", "0", "--lang", "nb", "--json", stdout=out
    )
    result = json.loads(out.getvalue())
    assert set(result) == {"accuracy_at_1", "accuracy_at_3", "majority_baseline", "n", "themes"}
    assert result["n"] == 10  # the row without a theme is skipped
    assert result["themes"] == 2  # "Trafikk;Skole" counts both themes, once each
    assert result["accuracy_at_3"] == 1.0
    assert result["accuracy_at_1"] > result["majority_baseline"]


def test_evaluate_plain_text_and_tsv(tmp_path: Path) -> None:
    table = write_table(tmp_path / "coded.tsv", delimiter="\t")
    out = io.StringIO()
    call_command("themes", "evaluate", str(table), "--folds", "2", stdout=out)
    text = out.getvalue()
    assert "accuracy@1" in text and "accuracy@3" in text and "majority baseline" in text
    assert "n                  10" in text


def test_suggest_json_through_call_command(tmp_path: Path) -> None:
    table = write_table(tmp_path / "inputs.csv")
    out = io.StringIO()
    call_command("themes", "suggest", str(table), "--groups", "2", "--json", stdout=out)
    groups = json.loads(out.getvalue())
    assert len(groups) == 2
    assert all(set(group) == {"label", "terms", "members"} for group in groups)
    members = [member for group in groups for member in group["members"]]
    assert sorted(member["row"] for member in members) == list(range(2, 13))
    by_row = {member["row"]: member["text"] for member in members}
    assert by_row[2] == ROWS[0][0]


@pytest.mark.slow
def test_console_script_evaluate_json(tmp_path: Path) -> None:
    """Slow: the real console script in a subprocess, Django's start-up included."""
    table = write_table(tmp_path / "coded.csv")
    result = run_samrad("themes", "evaluate", str(table), "--folds", "2", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["n"] == 10


@pytest.mark.slow
def test_console_script_suggest_plain(tmp_path: Path) -> None:
    """Slow: the real console script in a subprocess, Django's start-up included."""
    table = write_table(tmp_path / "inputs.csv")
    result = run_samrad("themes", "suggest", str(table), "--lang", "nb")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## ")
    assert "Skolen trenger flere lærere" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", "{table}", "--theme-column", "kod"], "column 'kod' not found"),
        (["evaluate", "{missing}"], "file not found"),
        (["evaluate", "{table}", "--folds", "1"], "--folds"),
        (["suggest", "{table}", "--text-column", "namn"], "column 'namn' not found"),
        (["suggest", "{table}", "--groups", "many"], "--groups"),
        (["evaluate", "{binary}"], "does not look like a CSV"),
        (["suggest", "{empty}"], "is empty"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    table = write_table(tmp_path / "coded.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("\n")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01\x02garbage\x00")
    paths = {"table": table, "missing": tmp_path / "nope.csv", "binary": binary, "empty": empty}
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("themes", *[arg.format(**paths) for arg in args], stdout=out)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert out.getvalue() == ""


@pytest.mark.slow
def test_console_script_missing_column_exits_2(tmp_path: Path) -> None:
    """Slow: the real console script in a subprocess, Django's start-up included."""
    table = write_table(tmp_path / "coded.csv")
    result = run_samrad("themes", "evaluate", str(table), "--theme-column", "kod")
    assert result.returncode == 2
    assert "column 'kod' not found" in result.stderr
    assert "'text', 'type', 'theme'" in result.stderr
    assert result.stdout == ""


def test_help_says_how_several_themes_count(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        call_command("themes", "evaluate", "--help")
    assert "separated by ';'" in " ".join(capsys.readouterr().out.split())

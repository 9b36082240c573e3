"""The pure analysis and `samrad portfolio analyse`, against hand-counted fixtures
(tests/workshops/fixtures/README.md works the numbers out)."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from samrad.workshops.analysis import OverLimit, UnknownImage, analyse
from samrad.workshops.cli import analyse_main

FIXTURES = Path(__file__).parent / "fixtures"
IMAGES = ["Trygghet", "Kollektivitet", "Smidighet"]


def run(name, **options):
    out, err = io.StringIO(), io.StringIO()
    status = analyse_main(str(FIXTURES / name), out=out, err=err, **options)
    return status, out.getvalue(), err.getvalue()


def test_counts_gaps_and_over_representation():
    # 6 on Trygghet, 3 on Kollektivitet, none on Smidighet: 9 placements, even share 3,
    # threshold 4.5 → Trygghet over-represented, Smidighet a gap.
    placements = [("P1", "Trygghet"), ("P2", "Trygghet"), ("P2", "Kollektivitet")]
    placements += [("P3", "Trygghet"), ("P4", "Trygghet"), ("P5", "Trygghet")]
    placements += [("P5", "Kollektivitet"), ("P6", "Trygghet"), ("P7", "Kollektivitet")]
    result = analyse(IMAGES, ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"], placements)
    assert result.counts == {"Trygghet": 6, "Kollektivitet": 3, "Smidighet": 0}
    assert result.gaps == ["Smidighet"]
    assert result.over_represented == ["Trygghet"]
    assert result.multi_mapped == ["P2", "P5"]
    assert result.unmapped == ["P8"]
    assert (result.total, result.even_share, result.threshold) == (9, 3.0, 4.5)


def test_exactly_at_the_threshold_is_not_over_represented():
    # 3 on A, 1 on B, 0 on C: 4 placements, even share 4/3, threshold 2.0 → 3 > 2 over;
    # with factor 2.25 the threshold is 3.0 and 3 is not above it.
    placements = [("1", "A"), ("2", "A"), ("3", "A"), ("4", "B")]
    assert analyse(["A", "B", "C"], ["1", "2", "3", "4"], placements).over_represented == ["A"]
    relaxed = analyse(["A", "B", "C"], ["1", "2", "3", "4"], placements, over_factor=2.25)
    assert relaxed.over_represented == []


def test_sub_areas_counted_and_empty_ones_are_gaps():
    areas = {"Trygghet": ["Belysning", "Vård"], "Smidighet": ["E-tjänster"]}
    placements = [("P1", "Trygghet", "Belysning"), ("P2", "Trygghet", None)]
    result = analyse(IMAGES, ["P1", "P2"], placements, areas=areas)
    assert result.area_counts["Trygghet"] == {"Belysning": 1, "Vård": 0}
    assert result.area_gaps == [("Trygghet", "Vård"), ("Smidighet", "E-tjänster")]


def test_a_repeated_placement_counts_once_and_the_limit_is_checked():
    result = analyse(IMAGES, ["P1"], [("P1", "Trygghet"), ("P1", "Trygghet")])
    assert result.counts["Trygghet"] == 1
    with pytest.raises(OverLimit) as error:
        analyse(IMAGES, ["P9"], [("P9", i) for i in IMAGES], max_per_project=2)
    assert error.value.code == "P9"
    assert analyse(IMAGES, ["P9"], [("P9", i) for i in IMAGES], max_per_project=3).total == 3
    with pytest.raises(UnknownImage):
        analyse(IMAGES, ["P1"], [("P1", "Miljö")])


def test_no_placements_means_every_image_is_a_gap_and_none_over():
    result = analyse(IMAGES, ["P1"], [])
    assert result.gaps == IMAGES and result.over_represented == [] and result.unmapped == ["P1"]


def test_cli_json_on_the_basic_fixture():
    status, out, err = run("portfolio_basic.csv", as_json=True)
    assert status == 0 and err == ""
    assert json.loads(out) == {
        "counts": {"Trygghet": 6, "Kollektivitet": 3, "Smidighet": 0},
        "gaps": ["Smidighet"],
        "over_represented": ["Trygghet"],
        "multi_mapped": ["P02", "P05"],
        "unmapped": ["P06"],
    }


def test_cli_reads_bom_crlf_quotes_and_names_in_every_language():
    status, out, _err = run("portfolio_balanced.csv", as_json=True, lang="en")
    assert status == 0
    assert json.loads(out) == {
        "counts": {"Safety": 2, "Community": 2, "Convenience": 2},
        "gaps": [],
        "over_represented": [],
        "multi_mapped": ["P4"],
        "unmapped": [],
    }


def test_cli_text_output():
    status, out, _err = run("portfolio_basic.csv")  # --lang sv: names and labels in Swedish
    assert status == 0
    assert "Trygghet       6" in out
    assert "luckor: Smidighet" in out
    assert "ej placerade: P06" in out


@pytest.mark.parametrize(
    ("name", "code"), [("portfolio_over_limit.csv", "P02"), ("portfolio_unknown.csv", "P03")]
)
def test_cli_refuses_with_status_2_naming_the_project(name, code):
    status, out, err = run(name, as_json=True)
    assert status == 2
    assert out == ""
    assert err.startswith(code)


def test_cli_limit_is_an_option():
    status, out, _err = run("portfolio_over_limit.csv", as_json=True, max_per_project=3)
    assert status == 0
    assert json.loads(out)["multi_mapped"] == ["P02"]


@pytest.mark.slow
def test_the_samrad_command_end_to_end(tmp_path):
    """Slow: the real `samrad` command twice, each a subprocess (Django starts)."""
    command = [sys.executable, "-c", "from samrad.cli import main; main()", "portfolio", "analyse"]
    done = subprocess.run(  # noqa: S603  (our own interpreter and fixed arguments)
        [*command, str(FIXTURES / "portfolio_over_limit.csv"), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "P02" in done.stderr
    done = subprocess.run(  # noqa: S603  (our own interpreter and fixed arguments)
        [*command, str(FIXTURES / "portfolio_basic.csv"), "--json", "--max-per-project", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["gaps"] == ["Smidighet"]

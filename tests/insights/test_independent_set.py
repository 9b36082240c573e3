"""The independent labelled set (issue 15.5) and the extra scores of `samrad themes
evaluate`: groups' adjusted Rand index and near-duplicates' precision/recall/F1."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from samrad.insights.textanalysis.evaluate import duplicate_scores, groups_ari

DATA = Path(__file__).parent / "data" / "independent"


def test_every_file_is_coded_and_paired():
    for lang in ("nb", "sv", "da"):
        rows = (DATA / f"consultation_{lang}.csv").read_text(encoding="utf-8").splitlines()
        assert rows[0] == "text,theme" and len(rows) == 65
        pairs = (DATA / f"pairs_{lang}.csv").read_text(encoding="utf-8").splitlines()
        assert pairs[0] == "text_a,text_b,paraphrase" and len(pairs) == 21


def test_duplicate_scores_count_found_and_missed_pairs():
    pairs = [
        ("Bussen går for sjelden om kvelden.", "Bussen går altfor sjelden om kvelden!", True),
        ("Bussen går for sjelden om kvelden.", "Toget går for sjelden om kvelden.", False),
        ("Plant flere trær i parken", "Sett opp flere benker ved skolen", True),  # missed
    ]
    background = [
        line.rsplit(",", 1)[0].strip('"')
        for line in (DATA / "consultation_nb.csv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    scores = duplicate_scores(pairs, "nb", 0.8, background=background)
    assert scores["duplicates_precision"] == 1.0
    assert scores["duplicates_recall"] == 0.5
    assert scores["duplicates_f1"] == pytest.approx(2 / 3)


def test_groups_ari_is_one_for_separable_themes_and_low_for_noise():
    texts = ["buss buss rute", "buss rute avgang", "rute buss billett"]
    texts += ["skole lærer klasse", "klasse lærer elev", "elev skole lærer"]
    labels = ["T"] * 3 + ["S"] * 3
    assert groups_ari(texts, labels, "nb") == pytest.approx(1.0)
    assert groups_ari(texts, ["T", "S"] * 3, "nb") < 0.3


def test_evaluate_reports_ari_and_duplicates_in_json(tmp_path):
    out = io.StringIO()
    call_command(
        "themes",
        "evaluate",
        str(DATA / "consultation_nb.csv"),
        "--lang",
        "nb",
        "--folds",
        "2",
        "--json",
        "--ari",
        "--pairs",
        str(DATA / "pairs_nb.csv"),
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert {"accuracy_at_1", "accuracy_at_3", "majority_baseline", "n", "themes"} <= set(result)
    assert result["n"] == 64 and result["themes"] == 8 and result["duplicates_pairs"] == 20
    assert -1 <= result["groups_ari"] <= 1
    assert 0 <= result["duplicates_f1"] <= 1

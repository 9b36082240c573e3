"""Theme suggestions from coded inputs, and their cross-validated evaluation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from samrad.insights.textanalysis.evaluate import evaluate
from samrad.insights.textanalysis.themes import ThemeSuggester

TRAFFIC = [
    "Flere busser til sentrum om kvelden",
    "Bussen går altfor sjelden fra Nordbyen",
    "Trenger bedre sykkelvei langs hovedveien",
    "Farlig kryss ved skolen, trengs fotgjengerfelt",
    "Parkering i sentrum er for dyrt",
    "Togforbindelsen til byen må bli bedre",
    "Lavere fartsgrense i boligområdene",
    "Bussholdeplassen mangler tak",
]
HOUSING = [
    "Bygg flere rimelige boliger for unge",
    "Det er umulig å finne leilighet i kommunen",
    "Boligprisene er altfor høye for førstegangskjøpere",
    "Flere utleieboliger og mindre leiligheter",
    "Kommunen bør regulere tomter til boligbygging",
    "Trenger boliger tilpasset eldre som vil flytte fra enebolig",
    "Husleien stiger hvert år",
    "Flere borettslag med rimelige leiligheter",
]
SCHOOLS = [
    "Skolen trenger flere lærere",
    "For store klasser på barneskolen",
    "Barnehagen har for få plasser",
    "Skolegården bør rustes opp",
    "Mer leksehjelp for elevene",
    "Ungdomsskolen mangler helsesykepleier",
    "Flere barnehageplasser i sentrum",
    "Elevene trenger bedre skolemat",
]


def coded() -> tuple[list[str], list[str]]:
    texts = TRAFFIC + HOUSING + SCHOOLS
    labels = ["trafikk"] * len(TRAFFIC) + ["bolig"] * len(HOUSING) + ["skole"] * len(SCHOOLS)
    return texts, labels


def test_suggester_ranks_the_right_theme_first() -> None:
    texts, labels = coded()
    suggester = ThemeSuggester("nb").fit(texts, labels)
    new = [
        "Bussene må gå oftere til sentrum",
        "Unge har ikke råd til egen bolig",
        "Lærerne på skolen har for mange elever",
    ]
    suggestions = suggester.suggest(new, k=3)
    assert [ranked[0][0] for ranked in suggestions] == ["trafikk", "bolig", "skole"]
    for ranked in suggestions:
        assert len(ranked) == 3
        confidences = [confidence for _, confidence in ranked]
        assert confidences == sorted(confidences, reverse=True)
        assert all(0.0 <= confidence <= 1.0 for confidence in confidences)
        assert ranked[0][1] > 0.5


def test_suggester_accepts_several_themes_per_input_and_k() -> None:
    texts, labels = coded()
    multi: list[list[str]] = [[label] for label in labels]
    multi[0] = ["trafikk", "skole"]
    suggester = ThemeSuggester("nb").fit(texts, multi)
    assert suggester.themes == ["bolig", "skole", "trafikk"]
    ranked = suggester.suggest(["Bygg boliger"], k=1)
    assert len(ranked) == 1 and len(ranked[0]) == 1
    assert ranked[0][0][0] == "bolig"
    assert len(suggester.suggest(["x"], k=10)[0]) == 3


def test_suggester_with_one_theme_nothing_and_single_examples() -> None:
    assert ThemeSuggester().suggest(["noe"]) == []
    assert ThemeSuggester().fit([], []).suggest(["noe"]) == []
    one = ThemeSuggester("nb").fit(["Flere busser", "Bedre tog"], ["trafikk", "trafikk"])
    assert one.suggest(["sykkel", "bolig"]) == [[("trafikk", 1.0)], [("trafikk", 1.0)]]
    single = ThemeSuggester("nb").fit(["Flere busser", "Bygg boliger"], ["trafikk", "bolig"])
    ranked = single.suggest(["Flere busser om kvelden"])
    assert ranked[0][0][0] == "trafikk"
    assert sum(confidence for _, confidence in ranked[0]) == pytest.approx(1.0)


def test_fit_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        ThemeSuggester("nb").fit(["a", "b"], ["x"])


def test_evaluate_beats_the_majority_baseline_on_separable_themes() -> None:
    texts, labels = coded()
    result = evaluate(texts, labels, folds=4, lang="nb")
    assert set(result) == {"accuracy_at_1", "accuracy_at_3", "majority_baseline", "n", "themes"}
    assert result["n"] == 24 and result["themes"] == 3
    assert result["accuracy_at_3"] == 1.0  # only three themes
    assert result["accuracy_at_1"] > result["majority_baseline"] + 0.2


def test_evaluate_counts_single_example_themes_and_leave_one_out() -> None:
    texts, labels = coded()
    texts = [*texts, "Bussen stopper langt unna", "Mer brøyting av veiene", "Benker i parken"]
    labels = [*labels, "trafikk", "trafikk", "natur"]
    result = evaluate(texts, labels, folds=0, lang="nb")
    assert result["n"] == 27
    assert result["themes"] == 4
    # The lone "natur" input can never be predicted: accuracy@1 stays below 27/27.
    assert result["majority_baseline"] < result["accuracy_at_1"] <= 26 / 27
    # Leaving out any one input, "trafikk" (10 of 27) stays the most frequent theme.
    assert result["majority_baseline"] == pytest.approx(10 / 27)


def test_evaluate_skips_uncoded_inputs_and_handles_tiny_input() -> None:
    assert evaluate(["a", "b"], ["", []], folds=5)["n"] == 0
    tiny = evaluate(["Flere busser", "Bygg boliger", "Bedre tog"], ["t", "b", ["t"]], folds=5)
    assert tiny["n"] == 3 and tiny["themes"] == 2
    with pytest.raises(ValueError):
        evaluate(["a", "b"], ["x", "y"], folds=1)


def test_evaluate_on_the_labelled_bokmal_data_beats_the_baseline_clearly() -> None:
    path = Path(__file__).resolve().parents[1] / "data" / "dialogue_nb.csv"
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    texts = [row["text"] for row in rows]
    labels = [row["theme"].split(";") for row in rows]
    result = evaluate(texts, labels, folds=3)  # language detected from the texts
    assert result["n"] == len(rows) and result["themes"] == 8
    assert result["accuracy_at_1"] > 2.5 * result["majority_baseline"]
    assert result["accuracy_at_3"] > 0.7


def test_the_calibrated_threshold_is_the_lowest_that_reaches_the_precision() -> None:
    from samrad.insights.textanalysis.evaluate import calibrated_threshold

    scored = [(0.9, True), (0.8, True), (0.6, True), (0.5, False), (0.4, True), (0.2, False)]
    grid = [0.1, 0.3, 0.45, 0.55, 0.7]
    assert calibrated_threshold(scored, 0.75, grid) == 0.3  # 4 of 5 right from 0.3 on
    assert calibrated_threshold(scored, 0.9, grid) == 0.55
    assert calibrated_threshold(scored, 1.01, grid) is None


def test_the_suggester_learns_from_the_parts_of_compounds_the_lexicon_knows() -> None:
    # Branch themes2: "Ungdomsklubber" is one word in simplemma's Danish lexicon; the suggester
    # (by default) also counts its part "klub", learnt from "Klubben ...", so it is surer.
    from dataclasses import replace

    from samrad.insights.textanalysis.themes import DEFAULT

    texts = [
        "Klubben har for lidt plads",
        "Mere musik i klubben",
        "Klubben skal have åbent om aftenen",
        "Klubben mangler voksne",
        "Hallen er for lille",
        "Flere baner til fodbold",
        "Banerne er slidte",
        "Hallen trænger til maling",
    ]
    labels = ["klub"] * 4 + ["idræt"] * 4
    new = ["Ungdomsklubber i landsbyerne"]
    whole = ThemeSuggester("da", replace(DEFAULT, known_compounds=False)).fit(texts, labels)
    split = ThemeSuggester("da").fit(texts, labels)
    assert DEFAULT.known_compounds
    (best_whole, *_), (best_split, *_) = whole.suggest(new)[0], split.suggest(new)[0]
    assert best_split[0] == "klub"
    assert best_split[1] > best_whole[1] + 0.05

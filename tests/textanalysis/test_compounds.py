"""Compounds split against simplemma's vocabulary for features (issue 15.3)."""

from samrad.insights.textanalysis.compounds import split_compound
from samrad.insights.textanalysis.features import analyser


def test_an_unknown_compound_is_split_into_known_words():
    assert split_compound("innbyggerinvolvering", "nb") == ("innbygger", "involvering")


def test_known_words_and_nonsense_are_not_split():
    assert split_compound("trygghet", "sv") is None  # in the lexicon as a whole
    assert split_compound("qqqxxzzyy", "sv") is None
    assert split_compound("innbyggerinvolvering", "") is None


def test_features_count_the_parts_too():
    keys = analyser("nb").feature_keys("Mer innbyggerinvolvering")
    assert "innbyggerinvolvering" in keys
    assert {"innbygger", "involvering"} <= set(keys)
    assert analyser("nb").stems("Mer innbyggerinvolvering") == ["innbyggerinvolvering"]

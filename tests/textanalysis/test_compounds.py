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


def test_known_compounds_are_split_in_their_base_form_only_when_asked():
    # Branch themes2: simplemma's Danish lexicon lists "ungdomsklub" whole, so without this
    # split "Ungdomsklubben" shares no word with "klubben".
    assert split_compound("ungdomsklubben", "da") is None
    assert split_compound("ungdomsklubben", "da", known_words=True) == ("ungdoms", "klub")
    assert split_compound("fritidsklubben", "nb", known_words=True) == ("fritid", "klubb")
    # A known inflected form is split in its lemma ("lukke"), not cut at its ending.
    assert split_compound("lukker", "da", known_words=True) is None


def test_features_with_known_compounds_count_their_parts():
    default = analyser("da").feature_keys("Ungdomsklubben lukker")
    split = analyser("da").feature_keys("Ungdomsklubben lukker", known_compounds=True)
    assert "klub" not in default
    assert {"ungdomsklub", "klub", "lukke"} <= set(split)

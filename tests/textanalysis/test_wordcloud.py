"""Tests for the Django-free word-cloud counter in samrad.insights.textanalysis."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from samrad.insights.textanalysis.cli import wordcloud_main
from samrad.insights.textanalysis.normalize import count_words, normalize, tokenize
from samrad.insights.textanalysis.stopwords import SUPPORTED_LANGUAGES, stopwords
from samrad.insights.textanalysis.wordcloud import Term, count_terms, entry_is_valid

REPO_ROOT = Path(__file__).resolve().parents[2]


def counts(entries: list[str], lang: str) -> list[tuple[str, int]]:
    return [(term.text, term.count) for term in count_terms(entries, lang)]


# --- normalisation -----------------------------------------------------------


def test_normalize_casefolds_trims_and_collapses_whitespace() -> None:
    assert normalize("  Grönt \t OCH\n skönt  ") == "grönt och skönt"


def test_normalize_treats_underscore_as_space() -> None:
    assert normalize("Spennende_prosjekt") == "spennende prosjekt"


def test_normalize_composes_nfd_input() -> None:
    assert normalize("Ga\u030ard") == "g\u00e5rd"


def test_tokenize_strips_punctuation_quotes_and_emoji() -> None:
    assert tokenize('"Bättre belysning!!!" 💡 (tack)') == ["bättre", "belysning", "tack"]
    assert tokenize("🌳🌳 !!!") == []


def test_tokenize_keeps_hyphenated_and_apostrophe_words() -> None:
    assert tokenize("E-post, don’t -stop-") == ["e-post", "don't", "stop"]
    assert tokenize("e\u2011post") == ["e-post"]  # non-breaking hyphen


def test_count_words_counts_underscore_joined_words_once() -> None:
    assert count_words("Spennende_prosjekt") == 1
    assert count_words("spennende prosjekt") == 2
    assert count_words("e-post och 🙂") == 2


# --- stop words --------------------------------------------------------------


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_stopword_lists_are_loaded_and_hold_single_normalised_words(lang: str) -> None:
    words = stopwords(lang)
    assert 100 <= len(words) <= 250
    assert all(tokenize(word) == [word] for word in words)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", {"och", "att", "det", "som", "en", "ett", "i", "på", "är", "jag", "vi"}),
        ("nb", {"og", "i", "det", "som", "en", "et", "på", "er", "til", "jeg", "vi", "å"}),
        ("da", {"og", "i", "det", "at", "en", "et", "på", "er", "af", "til", "jeg", "vi"}),
        ("en", {"the", "a", "an", "and", "of", "to", "in", "is", "it's"}),
    ],
)
def test_stopword_lists_contain_common_function_words(lang: str, words: set[str]) -> None:
    assert words <= stopwords(lang)


@pytest.mark.parametrize(
    ("lang", "negations"),
    [
        ("sv", {"inte", "ej", "ingen", "aldrig"}),
        ("nb", {"ikke", "ingen", "aldri"}),
        ("da", {"ikke", "ingen", "aldrig"}),
        ("en", {"not", "no", "never", "don't"}),
    ],
)
def test_negations_are_not_stop_words(lang: str, negations: set[str]) -> None:
    assert not negations & stopwords(lang)


def test_stop_words_are_removed_from_entries() -> None:
    assert counts(["Mer träd i parken", "träd parken"], "sv") == [("träd parken", 2)]
    assert counts(["the forest", "Forest", "a forest!"], "en") == [("forest", 3)]


def test_entries_of_only_stop_words_are_dropped() -> None:
    assert counts(["och det", "I", "bänkar"], "sv") == [("bänkar", 1)]
    assert counts(["of the", "to be"], "en") == []


def test_negated_entry_is_not_merged_with_the_plain_one() -> None:
    assert counts(["inte trygg", "trygg", "Trygg"], "sv") == [("trygg", 2), ("inte trygg", 1)]


# --- grouping ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "entries", "expected_text"),
    [
        ("sv", ["Skola", "skolan", " SKOLOR ", "skolorna"], "skola"),
        ("sv", ["lekplats", "lekplatsen", "Lekplatser"], "lekplats"),
        ("sv", ["Detaljplan", "detaljplanen"], "detaljplan"),
        ("nb", ["skole", "Skolen", "skoler", "skolene"], "skole"),
        ("nb", ["Spennende_prosjekt", "spennende prosjekt", "spennende prosjekter"], None),
        ("da", ["skole", "skolen", "skoler", "Skolerne"], "skole"),
        ("da", ["parkeringsplads", "parkeringspladser"], "parkeringsplads"),
        ("en", ["the forest", "Forest", "forests"], "forest"),
        ("en", ["Cycle paths", "cycle path"], "cycle path"),
    ],
)
def test_inflections_group_into_one_term(
    lang: str, entries: list[str], expected_text: str | None
) -> None:
    terms = count_terms(entries, lang)
    assert len(terms) == 1
    assert terms[0].count == len(entries)
    if expected_text is not None:
        assert terms[0].text == expected_text


def test_underscore_joined_entry_groups_with_spaced_entry() -> None:
    assert counts(["Spennende_prosjekt", "spennende prosjekt", "SPENNENDE  prosjekt"], "nb") == [
        ("spennende prosjekt", 3)
    ]


def test_nfc_and_nfd_input_group_together() -> None:
    terms = count_terms(["g\u00e5rd", "ga\u030ard", "Ga\u030aRD"], "sv")
    assert terms == [Term(key="gård", text="g\u00e5rd", count=3)]


def test_swedish_words_ending_in_an_that_are_not_definite_forms_keep_their_stem() -> None:
    assert counts(["roman", "romanen", "ocean"], "sv") == [("roman", 2), ("ocean", 1)]


def test_entry_stays_one_phrase_term() -> None:
    terms = count_terms(["grönt och skönt", "grönt", "skönt"], "sv")
    assert {term.text for term in terms} == {"grönt skönt", "grönt", "skönt"}


def test_term_key_is_the_lemmas_joined_by_a_space() -> None:
    (term,) = count_terms(["Spennende prosjekter"], "nb")
    assert term.key == "spennende prosjekt"


def test_lemmas_keep_trygghet_together_and_trygga_apart() -> None:
    terms = count_terms(["trygghet", "Tryggheten", "TRYGGHET", "trygga", "tryggheten"], "sv")
    assert [(term.text, term.count) for term in terms] == [("trygghet", 3 + 1), ("trygga", 1)]


def test_words_the_lexicon_does_not_know_fall_back_to_snowball() -> None:
    # invented words: no lemma, so Snowball's stem groups them
    terms = count_terms(["skrumpbänkarna", "skrumpbänkar", "skrumpbänkar"], "sv")
    assert [(term.key, term.text, term.count) for term in terms] == [
        ("skrumpbänk", "skrumpbänkar", 3)
    ]


def test_empty_and_whitespace_entries_are_ignored() -> None:
    assert count_terms(["", "   ", "\t", "🙂", "!!!"], "sv") == []


# --- display form and ordering -----------------------------------------------


def test_display_text_is_the_most_frequent_surface_form() -> None:
    assert counts(["skolor", "Skolor", "skola", "skolan"], "sv") == [("skolor", 4)]


def test_display_text_tie_prefers_shortest_then_alphabetical() -> None:
    assert counts(["skolan", "skola"], "sv") == [("skola", 2)]
    # Same count and length: "skolan" < "skolor".
    assert counts(["skolor", "skolan"], "sv") == [("skolan", 2)]


def test_terms_sorted_by_count_then_text() -> None:
    entries = ["träd", "bänkar", "träd", "belysning", "bänkar", "träd", "grus"]
    assert counts(entries, "sv") == [("träd", 3), ("bänkar", 2), ("belysning", 1), ("grus", 1)]


def test_top_limits_the_result() -> None:
    entries = ["träd", "träd", "träd", "bänkar", "bänkar", "grus"]
    assert counts(entries, "sv")[:2] == [("träd", 3), ("bänkar", 2)]
    assert [term.text for term in count_terms(entries, "sv", top=2)] == ["träd", "bänkar"]
    assert count_terms(entries, "sv", top=0) == []
    assert len(count_terms(entries, "sv", top=10)) == 3


def test_negative_top_is_rejected() -> None:
    with pytest.raises(ValueError, match="top"):
        count_terms(["träd"], "sv", top=-1)


def test_unknown_language_raises_clear_error() -> None:
    with pytest.raises(ValueError, match=r"Unsupported language 'fi'.*sv, nb, da, en"):
        count_terms(["puu"], "fi")


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_supported_language_can_be_counted(lang: str) -> None:
    assert count_terms(["test"], lang)[0].count == 1


def test_counts_ten_thousand_entries() -> None:
    rng = random.Random(1)
    words = ["skola", "skolan", "lekplats", "grönområde", "trygghet", "bättre", "cykelväg"]
    words += [f"ord{i}" for i in range(2000)]
    entries = [" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(10_000)]
    terms = count_terms(entries, "sv")
    assert sum(term.count for term in terms) == 10_000


# --- entry validation --------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("Bättre belysning", None),
        ("Spennende_prosjekt er bra", None),  # "_"-joined words count as one word
        ("e-post till alla", None),
        ("", "empty"),
        ("   \n", "empty"),
        ("🙂🙂 !!", "empty"),
        ("ett två tre fyra", "too_many_words"),
        ("x" * 501, "too_long"),
        ("x" * 500, None),
    ],
)
def test_entry_is_valid(entry: str, reason: str | None) -> None:
    assert entry_is_valid(entry) == reason


def test_entry_is_valid_limits_are_configurable() -> None:
    assert entry_is_valid("ett två tre fyra", max_words=4) is None
    assert entry_is_valid("skola", max_length=4) == "too_long"
    # NFD input is measured after composing, so "å" is one character.
    assert entry_is_valid("a\u030a" * 3, max_length=3) is None


# --- command-line front end --------------------------------------------------


def test_cli_writes_tab_separated_terms_most_frequent_first(tmp_path: Path) -> None:
    path = tmp_path / "entries.txt"
    path.write_bytes("\ufeffSkola\r\nskolan\n\nträd\n SKOLOR \noch\n".encode())
    out = io.StringIO()
    assert wordcloud_main(str(path), "sv", None, out) == 0
    assert out.getvalue() == "skola\t3\nträd\t1\n"


def test_cli_applies_top(tmp_path: Path) -> None:
    path = tmp_path / "entries.txt"
    path.write_text("träd\nträd\nbänk\ngrus\n", encoding="utf-8")
    out = io.StringIO()
    assert wordcloud_main(str(path), "sv", 1, out) == 0
    assert out.getvalue() == "träd\t2\n"


def test_cli_rejects_invalid_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("skola\nträd\n".encode("latin-1"))
    out = io.StringIO()
    assert wordcloud_main(str(path), "sv", None, out) == 2
    assert out.getvalue() == ""
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err
    assert "line 2" in err


def test_cli_reports_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing.txt"
    assert wordcloud_main(str(path), "sv", None, io.StringIO()) == 2
    assert f"file not found: {path}" in capsys.readouterr().err


def test_cli_reports_unknown_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "entries.txt"
    path.write_text("puu\n", encoding="utf-8")
    assert wordcloud_main(str(path), "fi", None, io.StringIO()) == 2
    assert "Unsupported language 'fi'" in capsys.readouterr().err


# --- independence from Django ------------------------------------------------


def test_modules_import_no_django() -> None:
    code = (
        "import sys\n"
        "import samrad.insights.textanalysis.cli\n"
        "import samrad.insights.textanalysis.wordcloud\n"
        "import samrad.insights.textanalysis.themes_cli\n"
        "assert not any(m.startswith('django') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('django'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code, no user input
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# --- the grouping shown, and split apart (issue 15.3) --------------------------------


def test_a_term_lists_the_forms_it_groups_most_frequent_first() -> None:
    (term,) = count_terms(["trygghet", "Tryggheten", "TRYGGHET", "tryggheten", "trygghet"], "sv")
    assert term.text == "trygghet"
    assert term.forms == (("trygghet", 3), ("tryggheten", 2))
    assert term.others() == [("tryggheten", 2)]


def test_a_form_kept_apart_counts_as_a_term_of_its_own() -> None:
    entries = ["trygghet", "tryggheten", "Tryggheten", "trygghet", "trygghet"]
    terms = count_terms(entries, "sv", apart={"tryggheten"})
    assert [(t.text, t.count, t.others()) for t in terms] == [
        ("trygghet", 3, []),
        ("tryggheten", 2, []),
    ]
    assert terms[1].key != terms[0].key
    # A form that is the only one of its group changes nothing but its key.
    assert [t.count for t in count_terms(["trygga", "trygga"], "sv", apart={"trygga"})] == [2]

"""Word-cloud entries as exports write them: `--split entries|words` (issue 15.1)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from samrad.insights.textanalysis.cli import wordcloud_main
from samrad.insights.textanalysis.entries import EntryError, split_entries, split_line

# One participant per row, entries separated by spaces, "_" inside an entry (Mentimeter).
MENTI = """trygghet grönområden bättre_belysning
trygghet cykelbanor
Trygghet bättre_belysning grönområden
"""


def run(tmp_path: Path, text: str, *args, **kwargs) -> tuple[int, str]:
    path = tmp_path / "cloud.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    status = wordcloud_main(str(path), *args, out=out, **kwargs)
    return status, out.getvalue()


def test_words_mode_counts_each_entry_of_a_row(tmp_path):
    status, out = run(tmp_path, MENTI, "sv", None, split="words")
    assert status == 0
    assert out.splitlines() == [
        "trygghet\t3",
        "bättre belysning\t2",
        "grönområden\t2",
        "cykelbanor\t1",
    ]


def test_entries_mode_is_the_default_and_counts_rows(tmp_path):
    status, out = run(tmp_path, MENTI, "sv", None)
    assert status == 0
    assert "trygghet\t3" not in out
    assert len(out.splitlines()) == 3


def test_split_line_shows_underscores_as_spaces():
    assert split_line("  Spennende_prosjekt  gode__møteplasser ", "words") == [
        "Spennende prosjekt",
        "gode møteplasser",
    ]
    assert split_line("Spennende prosjekt", "entries") == ["Spennende prosjekt"]
    assert split_line("   ", "words") == []


def test_a_row_of_500_words_counts_every_word(tmp_path):
    words = [f"ord{i % 100}" for i in range(500)]
    status, out = run(tmp_path, " ".join(words) + "\n", "sv", None, split="words")
    assert status == 0
    counts = dict(line.split("\t") for line in out.splitlines())
    assert len(counts) == 100 and set(counts.values()) == {"5"}


def test_a_10000_character_row_is_refused_with_its_line(tmp_path, capsys):
    text = "skola\nlekplats\n" + "x" * 10_000 + "\nbibliotek\n"
    status, out = run(tmp_path, text, "sv", None, split="words")
    assert status == 2 and out == ""
    assert "line 3" in capsys.readouterr().err
    with pytest.raises(EntryError) as error:
        split_entries(text.splitlines(), "sv", "entries")
    assert error.value.line == 3


def test_mixed_languages_are_handled_per_row_and_reported(tmp_path, capsys):
    text = (
        "Vi trenger flere benker og bedre belysning i parken om kvelden\n"
        "Vi behöver fler bänkar och bättre belysning i parken på kvällen\n"
        "skolan\n"
    )
    found = split_entries(text.splitlines(), "sv", "entries")
    assert found.languages == {"sv": 2, "nb": 1}
    assert [lang for _entry, lang in found.entries] == ["nb", "sv", "sv"]
    status, _out = run(tmp_path, text, "sv", None)
    assert status == 0
    assert "note: lines by language (detected per line): sv 2, nb 1" in capsys.readouterr().err


def test_unknown_split_is_refused(tmp_path, capsys):
    status, _out = run(tmp_path, MENTI, "sv", None, split="columns")
    assert status == 2 and "split must be one of" in capsys.readouterr().err

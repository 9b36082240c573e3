"""The sv / nb / da catalogues are complete, keep their placeholders, and are compiled.

Needs neither a database nor GNU gettext: the .po files are parsed here and the .mo files are
read with Python's own `gettext` module. When a test fails, run
`scripts/update-translations.sh`, translate what it reports and commit .po and .mo together.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "samrad" / "locale"
LANGUAGES = ["sv", "nb", "da"]

# %(name)s, %s, %5.2f ... but not %% (a literal percent sign).
PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
)
# {name}, {0}, {}, {name!r}, {name:>5} ... but not {{ or }} (escaped braces).
BRACE_FORMAT = re.compile(r"(?<!\{)\{(?:[A-Za-z_]\w*|\d*)(?:[.\[][^{}]*)?(?:![rsa])?(?::[^{}]*)?\}")


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        ctx = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {ctx}{self.msgid!r}"


def _unquote(token: str, path: Path, lineno: int) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{path}:{lineno}: expected a quoted string, got {token!r}")
    # A PO string uses C escapes, which a Python string literal reads the same way.
    return ast.literal_eval(token)


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: entries with context, plurals and flags; obsolete entries skipped."""
    entries: list[Entry] = []
    flags: set[str] = set()
    current: Entry | None = None
    key: str | None = None  # which field the continuation lines belong to
    start = 0

    def finish():
        nonlocal current, key, flags
        if current is not None:
            entries.append(current)
        current, key, flags = None, None, set()

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):  # obsolete entry, not compiled
            continue
        if line.startswith("#"):
            if current is not None and key is not None and key != "comment":
                finish()  # a comment after msgstr starts the next entry
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            key = "comment" if current is None else key
            continue
        m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if m:
            word, index, value = m.group(1), m.group(2), _unquote(m.group(3), path, lineno)
            if word in ("msgctxt", "msgid") and current is not None and current.msgstr:
                finish()  # a new entry without a blank line in between
            if current is None:
                current = Entry(msgid="", flags=flags, line=lineno)
                start = lineno
            if word == "msgctxt":
                current.msgctxt, key = value, "msgctxt"
            elif word == "msgid":
                current.msgid, current.line, key = value, start, "msgid"
            elif word == "msgid_plural":
                current.msgid_plural, key = value, "msgid_plural"
            else:
                i = int(index) if index is not None else 0
                current.msgstr[i], key = value, f"msgstr[{i}]"
            continue
        if line.startswith('"') and current is not None and key:
            value = _unquote(line, path, lineno)
            if key == "msgctxt":
                current.msgctxt += value
            elif key == "msgid":
                current.msgid += value
            elif key == "msgid_plural":
                current.msgid_plural += value
            elif key.startswith("msgstr["):
                i = int(key[7:-1])
                current.msgstr[i] += value
            continue
        raise ValueError(f"{path}:{lineno}: cannot read {raw!r}")
    finish()
    return entries


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"


def messages(lang: str) -> tuple[Entry, list[Entry]]:
    """The header entry and the real messages of a catalogue."""
    entries = parse_po(po_path(lang))
    header = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    assert len(header) == 1, f"{po_path(lang)} has no header entry"
    return header[0], [e for e in entries if not (e.msgid == "" and e.msgctxt is None)]


def placeholders(text: str, python_format: bool) -> list[str]:
    found = BRACE_FORMAT.findall(text)
    if python_format:
        found += [m.group(0) for m in PYTHON_FORMAT.finditer(text) if m.group(0) != "%%"]
    return sorted(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_exists(lang):
    assert po_path(lang).is_file(), f"missing {po_path(lang)}"
    assert mo_path(lang).is_file(), f"missing {mo_path(lang)}: run compilemessages"
    header, entries = messages(lang)
    assert entries, f"{po_path(lang)} has no messages"
    assert "fuzzy" not in header.flags, f"{po_path(lang)}: the header is still marked fuzzy"
    assert f"Language: {lang}\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang):
    _, entries = messages(lang)
    untranslated = [
        e.label
        for e in entries
        if not e.msgstr
        or any(s == "" for s in e.msgstr.values())
        or (e.msgid_plural is not None and sorted(e.msgstr) != [0, 1])
    ]
    fuzzy = [e.label for e in entries if "fuzzy" in e.flags]
    assert not untranslated and not fuzzy, (
        f"{lang}: {len(untranslated)} untranslated, {len(fuzzy)} fuzzy:\n"
        + "\n".join([f"untranslated {x}" for x in untranslated] + [f"fuzzy {x}" for x in fuzzy])
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    _, entries = messages(lang)
    problems = []
    for e in entries:
        python_format = (
            "python-format" in e.flags
            or "python-brace-format" not in e.flags
            and ("%(" in e.msgid or "%(" in (e.msgid_plural or ""))
        )
        allowed = set(placeholders(e.msgid, python_format)) | set(
            placeholders(e.msgid_plural or "", python_format)
        )
        for i, text in sorted(e.msgstr.items()):
            source = e.msgid if i == 0 or e.msgid_plural is None else e.msgid_plural
            wanted = placeholders(source, python_format)
            got = placeholders(text, python_format)
            missing = [p for p in wanted if p not in got]
            extra = [p for p in got if p not in allowed]
            if missing or extra:
                problems.append(
                    f"{e.label} msgstr[{i}]={text!r}: missing {missing}, unknown {extra}"
                )
    assert not problems, f"{lang}: placeholders differ:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_is_compiled_from_current_po(lang):
    """The committed .mo says what the .po says (file times mean nothing after a git clone)."""
    with mo_path(lang).open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    _, entries = messages(lang)
    stale = []
    for e in entries:
        if e.msgid_plural is None:
            want = {0: e.msgstr.get(0, "")}
            if e.msgctxt is None:
                got = {0: catalogue.gettext(e.msgid)}
            else:
                got = {0: catalogue.pgettext(e.msgctxt, e.msgid)}
        else:
            want = dict(e.msgstr)
            counts = {0: 1, 1: 2}
            if e.msgctxt is None:
                got = {i: catalogue.ngettext(e.msgid, e.msgid_plural, counts[i]) for i in want}
            else:
                got = {
                    i: catalogue.npgettext(e.msgctxt, e.msgid, e.msgid_plural, counts[i])
                    for i in want
                }
        if got != want:
            stale.append(f"{e.label}: .po says {want}, .mo says {got}")
    assert not stale, (
        f"{mo_path(lang)} is out of date ({len(stale)} messages); run compilemessages:\n"
        + "\n".join(stale[:20])
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_django_uses_the_catalogue(lang):
    """Django finds the catalogue through LOCALE_PATHS and gives it precedence."""
    from django.utils import translation

    _, entries = messages(lang)
    wrong = []
    with translation.override(lang):
        for e in entries:
            if e.msgid_plural is not None:
                got = translation.ngettext(e.msgid, e.msgid_plural, 1)
            elif e.msgctxt is not None:
                got = translation.pgettext(e.msgctxt, e.msgid)
            else:
                got = translation.gettext(e.msgid)
            if got != e.msgstr.get(0):
                wrong.append(f"{e.label}: expected {e.msgstr.get(0)!r}, Django gave {got!r}")
    assert not wrong, f"{lang}:\n" + "\n".join(wrong)

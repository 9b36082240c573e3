"""`samrad portfolio analyse FILE`: the analysis of a mapping typed into a spreadsheet.

FILE is CSV or XLSX, read as the web import reads it (`portfolio_import.parse_projects`: the
one table reader, column names in sv/nb/da/en, e.g. `kod,namn,målbilder`); a project without a
code is named by its name; `target_images` lists names separated by `;`, matched
case-insensitively in sv, nb, da or en (see `frameworks.py` for the names). Messages and
labels are in `--lang`. Exit status 0 with the analysis on stdout; 2 with a
message naming the project's code on stderr (and nothing on stdout) when a project is on more
images than allowed or names an unknown one; 1 when the file cannot be read.
"""

from __future__ import annotations

import json
from typing import TextIO

from django.utils import translation
from django.utils.translation import gettext as _

from samrad.workshops.analysis import MappingError, analyse
from samrad.workshops.frameworks import BUILT_IN, image_key_for, image_names, text_in
from samrad.workshops.portfolio_import import parse_projects

EXIT_BAD_MAPPING = 2
EXIT_UNREADABLE = 1


def analyse_main(*args, lang: str = "sv", **options) -> int:
    """The analysis, with every message and label in `lang`."""
    with translation.override(lang):
        return _analyse(*args, lang=lang, **options)


def _analyse(
    path: str,
    *,
    framework: str = "default",
    max_per_project: int = 2,
    as_json: bool = False,
    lang: str = "sv",
    over_factor: float = 1.5,
    out: TextIO,
    err: TextIO,
) -> int:
    data_framework = BUILT_IN.get(framework)
    if data_framework is None:
        err.write(f"unknown framework {framework!r} (known: {', '.join(sorted(BUILT_IN))})\n")
        return EXIT_BAD_MAPPING
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        err.write(_("cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror})
        err.write("\n")
        return EXIT_UNREADABLE
    parsed = parse_projects(data, path)
    if not parsed.ok:
        for problem in parsed.errors:
            err.write(f"{path}: {problem}\n")
        return EXIT_UNREADABLE
    names = {image["key"]: text_in(image["name"], lang) for image in data_framework["images"]}
    codes, placements = [], []
    for project in parsed.rows:
        code = project["code"] or project["name"]
        codes.append(code)
        for name in project["target_images"]:
            key = image_key_for(data_framework, name)
            if key is None:
                message = _("%(code)s: unknown target image “%(name)s”")
                err.write(message % {"code": code, "name": name} + "\n")
                return EXIT_BAD_MAPPING
            placements.append((code, names[key]))
    try:
        result = analyse(
            image_names(data_framework, lang),
            codes,
            placements,
            max_per_project=max_per_project,
            over_factor=over_factor,
        )
    except MappingError as error:
        err.write(f"{error}\n")
        return EXIT_BAD_MAPPING
    if as_json:
        out.write(json.dumps(result.summary(), ensure_ascii=False) + "\n")
        return 0
    width = max(len(name) for name in result.images)
    for image in result.images:
        out.write(f"{image:<{width}}  {result.counts[image]}\n")
    for label, listed in (
        (_("gaps"), result.gaps),
        (_("over-represented"), result.over_represented),
        (_("on two or more"), result.multi_mapped),
        (_("unmapped"), result.unmapped),
    ):
        out.write(f"{label}: {', '.join(listed) or '-'}\n")
    return 0

"""`samrad portfolio analyse FILE`: the analysis of a mapping typed into a spreadsheet.

FILE is CSV (delimiter and encoding sniffed) with the columns `code,name,target_images`;
`target_images` lists names separated by `;`, matched case-insensitively in sv, nb, da or en
(see `frameworks.py` for the names). Exit status 0 with the analysis on stdout; 2 with a
message naming the project's code on stderr (and nothing on stdout) when a project is on more
images than allowed or names an unknown one; 1 when the file cannot be read.
"""

from __future__ import annotations

import json
from typing import TextIO

from samrad.workshops.analysis import MappingError, analyse
from samrad.workshops.frameworks import BUILT_IN, image_key_for, image_names, text_in
from samrad.workshops.portfolio_import import read_table

EXIT_BAD_MAPPING = 2
EXIT_UNREADABLE = 1


def analyse_main(
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
            rows = read_table(handle.read(), path)
    except OSError as error:
        err.write(f"cannot read {path}: {error.strerror}\n")
        return EXIT_UNREADABLE
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        err.write(f"{path}: empty file\n")
        return EXIT_UNREADABLE
    header = [cell.strip().casefold() for cell in rows[0]]
    if "code" not in header or "target_images" not in header:
        err.write(f"{path}: needs the columns code,name,target_images\n")
        return EXIT_UNREADABLE
    code_at, images_at = header.index("code"), header.index("target_images")
    names = {image["key"]: text_in(image["name"], lang) for image in data_framework["images"]}
    codes, placements = [], []
    for row in rows[1:]:
        code = row[code_at].strip() if code_at < len(row) else ""
        if not code:
            continue
        codes.append(code)
        cell = row[images_at] if images_at < len(row) else ""
        for name in (n.strip() for n in cell.split(";")):
            if not name:
                continue
            key = image_key_for(data_framework, name)
            if key is None:
                err.write(f"{code}: unknown target image {name!r}\n")
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
    out.write(f"gaps: {', '.join(result.gaps) or '-'}\n")
    out.write(f"over-represented: {', '.join(result.over_represented) or '-'}\n")
    out.write(f"on two or more: {', '.join(result.multi_mapped) or '-'}\n")
    out.write(f"unmapped: {', '.join(result.unmapped) or '-'}\n")
    return 0

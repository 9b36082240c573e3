"""samrad/opinions/analysis is plain Python: no Django, nothing from the apps' models."""

from __future__ import annotations

import ast
from pathlib import Path

import samrad.opinions.analysis

ALLOWED_SAMRAD = {"samrad.core.tables"}  # decoding uploaded bytes, itself Django-free


def test_the_analysis_package_imports_no_django() -> None:
    folder = Path(samrad.opinions.analysis.__file__).parent
    for module in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("django"), f"{module.name} imports {name}"
                if name.startswith("samrad"):
                    assert name in ALLOWED_SAMRAD, f"{module.name} imports {name}"

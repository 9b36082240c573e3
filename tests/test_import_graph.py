"""The house's plan holds: `core` imports no app, `site` is imported by none, and every import
from one app into another is one that docs/architecture.md lists ("Imports between apps").

Imports are read from the source (ast), module-level and inside functions alike; a dotted
string naming another app's module ("samrad.insights.selectors") counts as an import too.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "samrad"
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
NAMED = re.compile(r"samrad\.(\w+)")


def edges() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "migrations" in parts:
            continue
        app = parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value] if re.fullmatch(r"samrad\.\w+(\.\w+)*", node.value) else []
            for name in names:
                match = NAMED.match(name)
                if match and match.group(1) in APPS and match.group(1) != app:
                    found[app].add(match.group(1))
    return found


def documented() -> dict[str, set[str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Imports between apps", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    listed: dict[str, set[str]] = {}
    for line in block.strip().splitlines():
        app, _, targets = line.partition("→")
        listed[app.strip()] = {t.strip() for t in targets.split(",") if t.strip()}
    return listed


def test_core_imports_no_app():
    assert edges().get("core", set()) == set()


def test_no_app_imports_the_site():
    assert not [app for app, targets in edges().items() if "site" in targets]


def test_every_import_between_apps_is_documented_and_every_documented_one_exists():
    real = {app: targets for app, targets in edges().items() if targets}
    listed = {app: targets for app, targets in documented().items() if targets}
    undocumented = {a: sorted(t - listed.get(a, set())) for a, t in real.items()}
    stale = {a: sorted(t - real.get(a, set())) for a, t in listed.items()}
    assert not {a: t for a, t in undocumented.items() if t}, "add to docs/architecture.md"
    assert not {a: t for a, t in stale.items() if t}, "remove from docs/architecture.md"


HEAVY = ("sklearn", "scipy", "matplotlib", "weasyprint", "wordcloud", "docx")


def test_starting_django_imports_no_heavy_library():
    """Every `manage.py` command, server and worker loads Django and the URLs; the analysis
    and report libraries are imported where they are used (about a second of CPU at every
    start when scikit-learn came in through the live kinds)."""
    import os
    import subprocess
    import sys

    code = (
        "import django, sys; django.setup(); import config.urls; "
        f"print(' '.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"imported at start: {done.stdout.strip()}"

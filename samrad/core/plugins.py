"""Where apps plug in: one registry, filled from each app's `AppConfig.ready`.

An app adds its part of a shared page or document by registering it here, instead of the page
knowing the app (an import in both directions) or probing for a template or module by name.
The app that owns the page reads the registry; the import graph then shows every dependency
(tests/test_import_graph.py). The points:

- `DIALOGUE_SECTIONS`: a template for one stage of the dialogue page ("plan", "meet",
  "sense", "report"), rendered with the dialogue page's context;
- `PUBLIC_SECTIONS`: a template of the public feedback page (`/d/<slug>/`), rendered with
  its context (whatever it shows is read through `samrad.feedback.public`);
- `REPORT_CHAPTERS`: `chapter(dialogue, language) -> list[Block]` of the dialogue report;
- `REPORT_APPENDICES`: `appendix(dialogue, language) -> list[Block]`, the app's part of the
  report's appendix (every answer in full, which its chapter only counts);
- `METHOD_PARTS`: an object with `export(dialogue)`, `import_(dialogue, data, actor)` and
  optionally `guide_blocks(dialogue, language)`: the app's part of a method template and of
  the method guide, stored under the app's key;
- `DEMO_LOADERS`: `load(dialogue, actor)`, the app's part of `samrad demo`;
- `API_ROUTERS`: a django-ninja router and its prefix (the key), mounted under /api/v1/ by
  samrad/api/api.py, which so imports no app.

Within a point, contributions come in `order` (then app), whatever the order of
INSTALLED_APPS; one app registers at most one contribution per point and key.

Like Wagtail's hooks or adhocracy4's phase contents, but with the points named and listed in
one place, so that a newcomer finds every way in here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

STAGES = ("plan", "meet", "sense", "report")


@dataclass(frozen=True)
class Contribution:
    app: str
    value: Any
    order: int = 100
    key: str = ""


class Point:
    """One extension point: a named, ordered list of contributions."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[tuple[str, str], Contribution] = {}

    def register(self, app: str, value: Any, *, order: int = 100, key: str = "") -> None:
        """Add (or, when `ready` runs again, replace) an app's contribution."""
        self._items[(app, key)] = Contribution(app=app, value=value, order=order, key=key)

    def contributions(self) -> list[Contribution]:
        return sorted(self._items.values(), key=lambda c: (c.order, c.app, c.key))

    def __iter__(self) -> Iterator[Any]:
        return iter([c.value for c in self.contributions()])

    def by_app(self) -> dict[str, Any]:
        return {c.app: c.value for c in self.contributions()}

    def apps(self) -> list[str]:
        return [c.app for c in self.contributions()]

    def __repr__(self) -> str:
        return f"<Point {self.name}: {', '.join(self.apps())}>"


DIALOGUE_SECTIONS = Point("dialogue_sections")
PUBLIC_SECTIONS = Point("public_sections")
REPORT_CHAPTERS = Point("report_chapters")
REPORT_APPENDICES = Point("report_appendices")
METHOD_PARTS = Point("method_parts")
DEMO_LOADERS = Point("demo_loaders")
API_ROUTERS = Point("api_routers")

POINTS = (
    DIALOGUE_SECTIONS,
    PUBLIC_SECTIONS,
    REPORT_CHAPTERS,
    REPORT_APPENDICES,
    METHOD_PARTS,
    DEMO_LOADERS,
    API_ROUTERS,
)


def dialogue_sections() -> dict[str, list[str]]:
    """The dialogue page's section templates by stage, in order."""
    stages: dict[str, list[str]] = {stage: [] for stage in STAGES}
    for contribution in DIALOGUE_SECTIONS.contributions():
        stages[contribution.key].append(contribution.value)
    return stages


def register_dialogue_section(app: str, stage: str, template: str, *, order: int = 100) -> None:
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}: one of {', '.join(STAGES)}")
    DIALOGUE_SECTIONS.register(app, template, order=order, key=stage)

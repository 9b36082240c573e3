"""The one registry where apps plug in: what each app registers from its AppConfig.ready, in
the order pages and documents show it, and the points' own rules."""

import pytest

from samrad.core import plugins


def test_every_app_registers_its_parts_in_page_order():
    assert plugins.dialogue_sections() == {
        "plan": ["planning/_dialogue_section.html"],
        "meet": ["workshops/_dialogue_section.html", "signification/_dialogue_section.html"],
        "sense": ["insights/_dialogue_section.html", "concerns/_dialogue_section.html"],
        "report": ["feedback/_dialogue_section.html"],
    }
    assert list(plugins.PUBLIC_SECTIONS) == [
        "planning/_public_section.html",
        "insights/_public_section.html",
        "signification/_public_section.html",
    ]
    assert plugins.REPORT_CHAPTERS.apps() == [
        "planning",
        "live",
        "insights",
        "workshops",
        "concerns",
        "opinions",
        "signification",
    ]
    assert plugins.REPORT_APPENDICES.apps() == ["insights"]
    assert plugins.METHOD_PARTS.apps() == ["planning", "workshops", "signification"]
    assert plugins.DEMO_LOADERS.apps() == [
        "planning",
        "insights",
        "workshops",
        "concerns",
        "signification",
        "feedback",
    ]


def test_registered_parts_are_what_the_apps_provide():
    from samrad.planning import method, report

    assert plugins.METHOD_PARTS.by_app()["planning"] is method
    assert plugins.REPORT_CHAPTERS.by_app()["planning"].func is report.report_blocks
    for part in plugins.METHOD_PARTS:
        assert callable(part.export) and callable(part.import_)


def test_order_then_app_decides_and_registering_again_replaces():
    point = plugins.Point("test")
    point.register("b", "second", order=20)
    point.register("a", "first", order=20)
    point.register("c", "zeroth", order=10)
    assert list(point) == ["zeroth", "first", "second"]
    point.register("a", "first again", order=5)  # ready() running twice does not duplicate
    assert list(point) == ["first again", "zeroth", "second"]


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="unknown stage"):
        plugins.register_dialogue_section("x", "lobby", "x/_dialogue_section.html")

from functools import partial

from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "samrad.planning"
    label = "planning"

    def ready(self) -> None:
        from samrad.core import plugins
        from samrad.planning import demo, method, report

        plugins.register_dialogue_section("planning", "plan", "planning/_dialogue_section.html")
        plugins.PUBLIC_SECTIONS.register("planning", "planning/_public_section.html", order=10)
        # In the dialogue report the lessons have a chapter of their own (feedback/documents.py).
        plugins.REPORT_CHAPTERS.register(
            "planning", partial(report.report_blocks, lessons=False), order=10
        )
        plugins.METHOD_PARTS.register("planning", method, order=10)
        plugins.DEMO_LOADERS.register("planning", demo.load, order=10)

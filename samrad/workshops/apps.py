from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "samrad.workshops"
    label = "workshops"

    def ready(self):
        from samrad.workshops import (
            formats,  # noqa: F401  (registers the step formats, templates)
            privacy,
        )

        privacy.register_all()

        from samrad.core import plugins
        from samrad.workshops import demo, method, report

        plugins.register_dialogue_section(
            "workshops", "meet", "workshops/_dialogue_section.html", order=30
        )
        plugins.METHOD_PARTS.register("workshops", method, order=20)
        plugins.REPORT_CHAPTERS.register("workshops", report.report_blocks, order=40)
        plugins.DEMO_LOADERS.register("workshops", demo.load, order=30)

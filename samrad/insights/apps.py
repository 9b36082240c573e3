from functools import partial

from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "samrad.insights"
    label = "insights"

    def ready(self):
        from samrad.insights import privacy

        privacy.register_all()

        from samrad.core import plugins
        from samrad.insights import demo, measures, report

        plugins.register_dialogue_section(
            "insights", "sense", "insights/_dialogue_section.html", order=10
        )
        plugins.PUBLIC_SECTIONS.register("insights", "insights/_public_section.html", order=20)
        # The answers themselves go to the report's appendix.
        plugins.REPORT_CHAPTERS.register(
            "insights", partial(report.report_blocks, answers=False), order=30
        )
        plugins.REPORT_APPENDICES.register("insights", report.appendix_blocks, order=30)
        plugins.DEMO_LOADERS.register("insights", demo.load, order=20)
        measures.register_all()

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "samrad.feedback"
    label = "feedback"

    def ready(self) -> None:
        from samrad.core import plugins
        from samrad.feedback import demo, documents

        plugins.register_dialogue_section(
            "feedback", "report", "feedback/_dialogue_section.html", order=10
        )
        # The live sessions' results: a chapter this app writes from live's selectors.
        plugins.REPORT_CHAPTERS.register("live", documents.live_blocks, order=20)
        plugins.DEMO_LOADERS.register("feedback", demo.load, order=60)

        from samrad.feedback import privacy

        privacy.register_all()

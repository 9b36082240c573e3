from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "samrad.opinions"
    label = "opinions"

    def ready(self) -> None:
        from samrad.opinions import privacy

        privacy.register_all()

        from samrad.core import plugins
        from samrad.opinions import report_chapter

        plugins.REPORT_CHAPTERS.register("opinions", report_chapter.report_blocks, order=55)

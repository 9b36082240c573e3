from django.apps import AppConfig


class SignificationConfig(AppConfig):
    name = "samrad.signification"
    label = "signification"

    def ready(self) -> None:
        from samrad.core import plugins
        from samrad.signification import demo, method, report

        plugins.register_dialogue_section(
            "signification", "meet", "signification/_dialogue_section.html", order=40
        )
        plugins.PUBLIC_SECTIONS.register(
            "signification", "signification/_public_section.html", order=50
        )
        plugins.REPORT_CHAPTERS.register("signification", report.report_blocks, order=60)
        plugins.METHOD_PARTS.register("signification", method, order=40)
        plugins.DEMO_LOADERS.register("signification", demo.load, order=50)

        from samrad.signification import privacy

        privacy.register_all()

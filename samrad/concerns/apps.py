from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "samrad.concerns"
    label = "concerns"

    def ready(self) -> None:
        from samrad.concerns import steps, workshop_templates
        from samrad.workshops import templates_registry

        steps.register_all()
        templates_registry.register(
            "concerns", _("Lös en farhåga (solve a concern)"), workshop_templates.build_concerns
        )
        templates_registry.register(
            "smarta_orter", _("Smarta Orter workshop"), workshop_templates.build_smarta_orter
        )
        from samrad.concerns import privacy

        privacy.register_all()

        from samrad.concerns import demo, report
        from samrad.core import plugins

        plugins.register_dialogue_section(
            "concerns", "sense", "concerns/_dialogue_section.html", order=20
        )
        plugins.REPORT_CHAPTERS.register("concerns", report.report_blocks, order=50)
        plugins.DEMO_LOADERS.register("concerns", demo.load, order=40)

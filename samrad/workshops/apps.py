from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "samrad.workshops"
    label = "workshops"

    def ready(self):
        from samrad.workshops import (
            kinds,  # noqa: F401  (registers the step kinds, templates)
            privacy,
        )

        privacy.register_all()

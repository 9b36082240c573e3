from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "samrad.insights"
    label = "insights"

    def ready(self):
        from samrad.insights import privacy

        privacy.register_all()

from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "samrad.insights"
    label = "insights"

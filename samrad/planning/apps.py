from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "samrad.planning"
    label = "planning"

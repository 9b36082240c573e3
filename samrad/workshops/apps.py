from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "samrad.workshops"
    label = "workshops"

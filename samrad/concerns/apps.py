from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "samrad.concerns"
    label = "concerns"

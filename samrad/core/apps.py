from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "samrad.core"
    label = "core"

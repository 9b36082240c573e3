from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "samrad.opinions"
    label = "opinions"

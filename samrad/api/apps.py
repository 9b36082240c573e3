from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samrad.api"
    label = "api"

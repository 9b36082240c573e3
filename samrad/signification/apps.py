from django.apps import AppConfig


class SignificationConfig(AppConfig):
    name = "samrad.signification"
    label = "signification"

from django.apps import AppConfig


class SignificationConfig(AppConfig):
    name = "samrad.signification"
    label = "signification"

    def ready(self):
        from samrad.signification import privacy

        privacy.register_all()

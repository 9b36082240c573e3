from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "samrad.opinions"
    label = "opinions"

    def ready(self) -> None:
        from samrad.opinions import privacy

        privacy.register_all()

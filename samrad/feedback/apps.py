from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "samrad.feedback"
    label = "feedback"

    def ready(self):
        from samrad.feedback import privacy

        privacy.register_all()

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "samrad.feedback"
    label = "feedback"

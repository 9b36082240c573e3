from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "samrad.dialogues"
    label = "dialogues"
    verbose_name = _("Dialogues")

    def ready(self) -> None:
        from samrad.core import plugins
        from samrad.dialogues import apis

        plugins.API_ROUTERS.register("dialogues", apis.router, order=20, key="/")

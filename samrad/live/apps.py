from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "samrad.live"
    label = "live"
    verbose_name = _("Live sessions")

    def ready(self):
        from samrad.live import privacy

        privacy.register_all()

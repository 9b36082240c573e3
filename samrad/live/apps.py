from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "samrad.live"
    label = "live"
    verbose_name = _("Live sessions")

    def ready(self):
        from samrad.live import privacy

        privacy.register_all()

        from samrad.core import plugins
        from samrad.live import apis, apis_facilitator

        plugins.API_ROUTERS.register("live", apis.router, order=10, key="/participate/")
        plugins.API_ROUTERS.register("live", apis_facilitator.router, order=30, key="/")

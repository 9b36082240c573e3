from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samrad.accounts"
    label = "accounts"
    verbose_name = _("Organisations and facilitators")

    def ready(self):
        from axes.signals import user_locked_out

        from samrad.accounts.throttling import on_locked_out

        user_locked_out.connect(on_locked_out, dispatch_uid="samrad.accounts.lockout")

"""Password reset with a limit, and unlocking the account when the reset is done."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext as _

from samrad.accounts import throttling
from samrad.core.ratelimit import client_address


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        allowed = throttling.password_reset_allowed(
            email=form.cleaned_data["email"], address=client_address(self.request)
        )
        if not allowed:
            form.add_error(
                "email",
                _("Too many password reset requests. Please wait an hour and try again."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        throttling.lockout_clear(username=form.user.get_username())
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked account or address: how long, and how to unlock."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)

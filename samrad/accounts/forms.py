"""Forms of the accounts pages; they validate, selectors read."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from samrad.accounts.models import Role


class AuditFilterForm(forms.Form):
    # Any text filters (an action, or an app's prefix such as "live"); the menu offers those
    # that occur.
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        apps = sorted({action.split(".", 1)[0] for action in actions})
        choices = [("", _("All"))] + [(app, f"{app}.*") for app in apps]
        self.fields["action"].widget = forms.Select(
            choices=choices + [(action, action) for action in actions]
        )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.FACILITATOR)
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)


class DialogueRoleForm(forms.Form):
    """A member's role on one dialogue; "" gives back the organisation-wide role."""

    # accounts sits below dialogues, so the model is not named here; __init__ sets the queryset.
    dialogue: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Dialogue"), queryset=None)
    role = forms.ChoiceField(
        label=_("Role on this dialogue"),
        choices=[
            (Role.FACILITATOR, _("Facilitator")),
            (Role.VIEWER, _("Viewer")),
            ("", _("As in the organisation")),
        ],
        required=False,
    )

    def __init__(self, *args, dialogues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dialogue"].queryset = dialogues


class AccountForm(UserCreationForm):
    """A new account for an invited person (their e-mail address comes from the invitation)."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)

"""Forms of the accounts pages; they validate, selectors read."""

from django import forms
from django.utils.translation import gettext_lazy as _


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

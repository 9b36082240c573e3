"""Forms of the concerns pages: validation only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.concerns.models import (
    MAX_CONCERN_LENGTH,
    Action,
    ActionStatus,
    OwnerType,
    Sphere,
)


class ConcernForm(forms.Form):
    text = forms.CharField(label=_("Concern"), max_length=MAX_CONCERN_LENGTH)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "One column of text, with or without a heading (text, farhåga, bekymring, concern)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["what", "owner_type", "owner_name", "sphere", "due", "status", "concern"]
        fields += ["public"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].queryset = dialogue.concerns.all()
        self.fields["owner_name"].help_text = _("For example the name of the association.")


def _choices(label, choices):
    return forms.ChoiceField(label=label, required=False, choices=[("", _("All")), *choices])


class ActionFilterForm(forms.Form):
    status = _choices(_("Status"), ActionStatus.choices)
    owner_type = _choices(_("Owner"), OwnerType.choices)
    sphere = _choices(_("Sphere"), Sphere.choices)

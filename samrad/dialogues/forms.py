"""Forms for dialogues; they validate, services write."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samrad.dialogues.models import MeetingKind


class DialogueForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Default language"), choices=settings.LANGUAGES)


class PhasesForm(forms.Form):
    phases = forms.CharField(
        label=_("Phases (one per line, in order)"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean_phases(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["phases"].splitlines() if line.strip()]
        if not names:
            raise forms.ValidationError(_("A dialogue needs at least one phase."))
        if len(set(names)) != len(names):
            raise forms.ValidationError(_("Each phase needs its own name."))
        return names


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Meeting"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)

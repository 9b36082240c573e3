"""Forms of the workshop pages (validation only; services write)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class WorkshopCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the template's name."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class StepForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text on the projector"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    script = forms.CharField(
        label=_("Speaker note (only on your screen)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

"""Forms of the statements pages: importing a Pol.is conversation into a live session."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.live.models import LiveSession


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One zip, or the export's CSV files picked together."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".zip,.csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class PolisImportForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("Live session"),
        queryset=LiveSession.objects.none(),
        help_text=_("The conversation becomes a statements question of this session."),
    )
    prompt = forms.CharField(
        label=_("Question"),
        max_length=500,
        required=False,
        help_text=_("Leave empty to use the conversation's topic."),
    )
    files = MultipleFileField(  # type: ignore[assignment]  # a field; the form metaclass moves it off the class
        label=_("Pol.is export: the zip, or comments.csv and votes.csv"),
        help_text=_(
            "participants-votes.csv and summary.csv are read too when they are there. "
            "Nothing is imported unless everything can be."
        ),
    )

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = LiveSession.objects.filter(
            dialogue=dialogue, workshop__isnull=True
        ).order_by("-id")

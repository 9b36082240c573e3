"""Forms for building sessions; they validate, services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.dialogues.models import Meeting
from samrad.live.models import QuestionKind, SessionMode


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices)
    prompt = forms.CharField(label=_("Question"), max_length=500)
    choices = forms.CharField(
        label=_("Options (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For multiple choice."),
    )
    allow_multiple = forms.BooleanField(label=_("Several answers allowed"), required=False)
    allow_other = forms.BooleanField(label=_("Add 'Other' with free text"), required=False)
    max_entries = forms.IntegerField(
        label=_("Entries per participant"),
        min_value=1,
        max_value=20,
        initial=3,
        help_text=_("For word clouds."),
    )
    max_words = forms.IntegerField(
        label=_("Words per entry"),
        min_value=1,
        max_value=3,
        initial=3,
        help_text=_("For word clouds."),
    )

    def clean(self):
        data = super().clean()
        options = [line.strip() for line in data.get("choices", "").splitlines() if line.strip()]
        if (
            data.get("kind") == QuestionKind.CHOICE
            and len(options) < 2
            and not (options and data.get("allow_other"))
        ):
            self.add_error("choices", _("A multiple-choice question needs at least two options."))
        data["choice_list"] = options
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "prompt": data["prompt"],
            "choices": data["choice_list"] if data["kind"] == QuestionKind.CHOICE else [],
            "allow_multiple": data["allow_multiple"],
            "allow_other": data["allow_other"],
            "max_entries": data["max_entries"],
            "max_words": data["max_words"],
        }


class SessionSettingsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("(no meeting)"),
    )
    opens_at = forms.DateTimeField(
        label=_("Opens (self-paced)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes (self-paced)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    min_group_size = forms.IntegerField(
        label=_("Smallest group shown when results are split"),
        min_value=1,
        max_value=100,
    )

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = dialogue.meetings.all()

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return data

"""Facilitator forms for surveys and signifiers; they validate, services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.signification.models import LABEL_COUNTS, SignifierKind


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    prompt = forms.CharField(
        label=_("Story prompt"),
        max_length=500,
        help_text=_("For example: Tell about a moment when …"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    intro = forms.CharField(
        label=_("Introduction (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    ask_title = forms.BooleanField(label=_("Ask for a title of the story"), required=False)
    consent_text = forms.CharField(
        label=_("Consent text (optional; the storyteller must tick it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NewSurveyForm(SurveyForm):
    with_example_signifiers = forms.BooleanField(
        label=_("Start with the example triads, dyads, tags and age groups"),
        required=False,
        initial=True,
    )


class SignifierForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SignifierKind.choices)
    prompt = forms.CharField(label=_("Question"), max_length=300)
    labels = forms.CharField(
        label=_("Labels, one per line"),
        help_text=_(
            "Triad: three corners (top, bottom left, bottom right). Dyad: two poles (left, right). "
            "Tags and 'about you': 2 to 12 options."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    allow_na = forms.BooleanField(label=_("Offer 'Not applicable'"), required=False, initial=True)
    required = forms.BooleanField(label=_("Required"), required=False)

    def __init__(self, *args, fixed_kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_kind = fixed_kind
        if fixed_kind:
            del self.fields["kind"]

    def clean(self):
        data = super().clean()
        kind = self.fixed_kind or data.get("kind")
        lines = [line.strip() for line in data.get("labels", "").splitlines() if line.strip()]
        if kind and "labels" in data:
            fewest, most = LABEL_COUNTS[kind]
            if not fewest <= len(lines) <= most:
                if fewest == most:
                    message = _("This kind needs exactly %(count)s labels, one per line.") % {
                        "count": fewest
                    }
                else:
                    message = _("This kind needs %(fewest)s to %(most)s labels, one per line.") % {
                        "fewest": fewest,
                        "most": most,
                    }
                self.add_error("labels", message)
            if any(len(line) > 80 for line in lines):
                self.add_error("labels", _("Keep each label under 80 characters."))
        data["labels"] = lines
        return data


class PeekForm(forms.Form):
    enabled = forms.BooleanField(label=_("Sneak peek on"), required=False)
    shows_stories = forms.BooleanField(label=_("Show the story texts too"), required=False)

"""Forms of the board: themes, answers, uploads and the column mapping of an import."""

from __future__ import annotations

import re
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.insights import importing
from samrad.insights.models import InputStatus, Theme

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of white text on `colour` (#rrggbb)."""
    return 1.05 / (_luminance(colour) + 0.05)


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=110)
    parent = forms.ModelChoiceField(
        label=_("Sub-theme of"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("(a main theme)"),
    )
    colour = forms.CharField(
        label=_("Colour"),
        required=False,
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text=_("Theme labels show white text on this colour: choose a dark one."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dialogue, theme: Theme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = dialogue.themes.filter(parent__isnull=True)
        if theme is not None:
            parents = parents.exclude(pk=theme.pk)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents

    def clean_colour(self) -> str:
        colour = self.cleaned_data["colour"].strip()
        if not colour:
            return ""
        if not HEX_COLOUR.match(colour):
            raise forms.ValidationError(_("A colour is written like #1f5f8b."))
        if contrast_with_white(colour) < MIN_CONTRAST:
            raise forms.ValidationError(
                _(
                    "White text on this colour is hard to read (contrast %(ratio).1f:1, at least "
                    "4.5:1 is needed). Choose a darker colour."
                ),
                params={"ratio": contrast_with_white(colour)},
            )
        return colour.lower()


class MergeThemeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=Theme.objects.none())

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        target = cast(forms.ModelChoiceField, self.fields["target"])
        target.queryset = theme.dialogue.themes.exclude(pk=theme.pk)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=InputStatus.choices)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Table of inputs (CSV or Excel)"),
        help_text=_(
            "One row per input. Columns such as text, type, answer and theme are "
            "recognised in Swedish, Norwegian, Danish and English."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importing.max_upload():
            raise forms.ValidationError(importing.too_large_message())
        return upload


class MappingForm(forms.Form):
    """One menu per column of the file: which field it holds."""

    def __init__(self, *args, header: list[str], initial_mapping: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.header = header
        for index, name in enumerate(header):
            self.fields[f"col{index}"] = forms.ChoiceField(
                label=name or _("Column %(n)d") % {"n": index + 1},
                choices=importing.FIELDS,
                required=False,
                initial=initial_mapping.get(index, importing.IGNORE),
            )

    def clean(self):
        data = super().clean()
        chosen = [v for k, v in data.items() if k.startswith("col") and v]
        if importing.TEXT not in chosen:
            raise forms.ValidationError(_("Choose the column that holds the text."))
        doubles = {v for v in chosen if chosen.count(v) > 1}
        if doubles:
            raise forms.ValidationError(_("Each field can come from one column only."))
        return data

    def mapping(self) -> dict[int, str]:
        return {
            int(key[3:]): value
            for key, value in self.cleaned_data.items()
            if key.startswith("col") and value
        }


INPUTS = "inputs"


class ImportRowsForm(forms.Form):
    """What the rows of a table are: inputs for the board, or word-cloud answers read one
    entry per row or several per row (`samrad wordcloud --split entries|words`)."""

    rows = forms.ChoiceField(
        label=_("The rows are"),
        choices=[
            (INPUTS, _("Inputs for the board, one per row")),
            ("entries", _("Word-cloud answers, one entry per row")),
            (
                "words",
                _(
                    "Word-cloud answers, several entries per row separated by spaces; "
                    "_ joins the words of one entry"
                ),
            ),
        ],
        initial=INPUTS,
        required=False,  # a form sent without it (older pages, scripts) imports inputs
        widget=forms.RadioSelect,
        help_text=_(
            "Word-cloud answers become a closed session of this dialogue with one word-cloud "
            "question (channel “Imported”), each row one participant: they count in the "
            "word clouds, the exports and the reports. Only the text column is read."
        ),
    )

    def choice(self) -> str:
        return (self.cleaned_data["rows"] or INPUTS) if self.is_valid() else INPUTS


class ForeignUploadForm(UploadForm):
    """A results export of Mentimeter (XLSX) or Slido (XLSX / CSV)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Results exported from Mentimeter or Slido")
        self.fields["file"].help_text = _(
            "The Excel or CSV file the tool gives for a presentation or an event: word clouds, "
            "multiple choice, open text and Q&A become a session of this dialogue."
        )


class ForeignForm(forms.Form):
    """How word-cloud rows are read, and the name of the session the import becomes."""

    split = forms.ChoiceField(
        label=_("Word-cloud rows"),
        choices=[
            ("entries", _("One entry per row")),
            (
                "words",
                _("Several entries per row, separated by spaces; _ joins the words of one entry"),
            ),
        ],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Name of the session"), max_length=200)

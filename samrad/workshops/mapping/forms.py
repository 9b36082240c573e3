"""Forms of the mapping pages: a project, the import file, the workshop's settings, the
target images, a note. Validation only; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.workshops.models import MAX_PLACEMENTS_PER_PROJECT, TargetFramework
from samrad.workshops.portfolio_import import MAX_BYTES
from samrad.workshops.services import MAX_NOTE_LENGTH


class ProjectForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=12, required=False, help_text=_("Empty: the next free code.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    department = forms.CharField(label=_("Department"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact = forms.CharField(label=_("Contact"), max_length=200, required=False)
    status = forms.CharField(label=_("Status"), max_length=100, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Project list (CSV or XLSX)"),
        help_text=_(
            "One project a row. Columns: name (required), code, department, year, description, "
            "contact, status – in Swedish, Norwegian, Danish or English."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class SettingsForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Target images"), queryset=TargetFramework.objects.none(), empty_label=None
    )
    max_per_project = forms.IntegerField(
        label=_("Target images per project, at most"),
        min_value=1,
        max_value=MAX_PLACEMENTS_PER_PROJECT,
    )
    over_factor = forms.FloatField(
        label=_("Over-represented above this many times an even share"),
        min_value=1.0,
        max_value=10.0,
    )

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks


class FrameworkForm(forms.Form):
    """The framework's name and, per image, its name, description and sub-areas (one a line);
    one empty image at the end adds a new one."""

    name = forms.CharField(label=_("Name of the set of target images"), max_length=200)

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.initial.setdefault("name", framework.name)
        self.image_rows = []
        for image in list(framework.images.prefetch_related("areas")) + [None]:
            prefix = f"image_{image.pk}" if image else "image_new"
            self.fields[f"{prefix}_name"] = forms.CharField(
                label=_("Name"), max_length=120, required=image is not None
            )
            self.fields[f"{prefix}_description"] = forms.CharField(
                label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"{prefix}_areas"] = forms.CharField(
                label=_("Sub-areas (one a line, optional)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if image:
                self.initial.setdefault(f"{prefix}_name", image.name)
                self.initial.setdefault(f"{prefix}_description", image.description)
                self.initial.setdefault(
                    f"{prefix}_areas", "\n".join(a.name for a in image.areas.all())
                )
            self.image_rows.append(
                (image, [self[f"{prefix}_{part}"] for part in ("name", "description", "areas")])
            )

    def images(self, *, for_copy_of=None, copy=None) -> list[dict]:
        """The images as `framework_update` takes them; for a copy, mapped onto its images
        (same positions) instead of the original's."""
        copies = {}
        if copy is not None:
            originals = list(for_copy_of.images.all())
            copies = {o.pk: c.pk for o, c in zip(originals, copy.images.all(), strict=False)}
        result = []
        for image, _fields in self.image_rows:
            prefix = f"image_{image.pk}" if image else "image_new"
            pk = (copies.get(image.pk) if copy is not None else image.pk) if image else None
            result.append(
                {
                    "pk": pk,
                    "name": self.cleaned_data.get(f"{prefix}_name", "").strip(),
                    "description": self.cleaned_data.get(f"{prefix}_description", ""),
                    "areas": self.cleaned_data.get(f"{prefix}_areas", "").splitlines(),
                }
            )
        return result


class NoteForm(forms.Form):
    key = forms.CharField(max_length=20)
    text = forms.CharField(
        label=_("Notes"), required=False, max_length=MAX_NOTE_LENGTH, widget=forms.Textarea
    )

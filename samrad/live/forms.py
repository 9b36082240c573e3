"""Forms for building sessions; they validate, services write."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samrad.dialogues.models import Meeting
from samrad.live import images
from samrad.live.models import QuestionKind, SessionMode


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


# Scales offered on the session page: "from-to".
SCALES = [("1-5", "1–5"), ("1-7", "1–7"), ("1-10", "1–10"), ("0-10", "0–10")]
# Question types that take a list of options.
WITH_OPTIONS = {QuestionKind.CHOICE, QuestionKind.RANKING, QuestionKind.POINTS, QuestionKind.QUIZ}
# A quiz's correct options start with this sign in the options text ("* Stockholm").
CORRECT_MARK = "*"
# Statements: the options text holds the facilitator's seed statements, one per line.
WITH_OPTIONS |= {QuestionKind.STATEMENTS}


def _image_help() -> str:
    return gettext("PNG, JPEG, WebP or GIF, at most %(limit)s MB.") % {
        "limit": settings.SAMRAD_MAX_IMAGE_MB
    }


lazy_limit_help = lazy(_image_help, str)()


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices)
    prompt = forms.CharField(label=_("Question"), max_length=500)
    choices = forms.CharField(
        label=_("Options (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For multiple choice, ranking, points to spend and quizzes. In a quiz, start each "
            "correct option with * (for example: * Stockholm)."
        ),
    )
    quiz_seconds = forms.IntegerField(
        label=_("Seconds for full points"),
        min_value=1,
        max_value=3600,
        initial=20,
        required=False,
        help_text=_(
            "For quizzes: a correct answer earns 1000 points at once and 500 at this time or "
            "later; a wrong one 0."
        ),
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
    scale = forms.ChoiceField(
        label=_("Scale"), choices=SCALES, initial="1-5", required=False, help_text=_("For scales.")
    )
    label_low = forms.CharField(
        label=_("Label of the low end"),
        max_length=80,
        required=False,
        help_text=_("For scales, for example 'Not at all'."),
    )
    label_high = forms.CharField(
        label=_("Label of the high end"),
        max_length=80,
        required=False,
        help_text=_("For scales, for example 'Completely'."),
    )
    number_min = forms.FloatField(
        label=_("Smallest number allowed"),
        required=False,
        localize=True,
        help_text=_("For numbers. Leave empty for no limit."),
    )
    number_max = forms.FloatField(
        label=_("Largest number allowed"),
        required=False,
        localize=True,
        help_text=_("For numbers. Leave empty for no limit."),
    )
    points_budget = forms.IntegerField(
        label=_("Points to spend"),
        min_value=1,
        max_value=1000,
        initial=100,
        required=False,
        help_text=_("For points to spend: each participant spreads this many over the options."),
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
        help_text=lazy_limit_help,
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        max_length=300,
        required=False,
        help_text=_("Required with an image: what it shows, for people who cannot see it."),
    )
    speaker_notes = forms.CharField(
        label=_("Speaker notes (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you see them, on the control page: never on phones or the projector."),
    )

    # Which types each field is for; the session page shows only those (question-form.js).
    FOR_KINDS = {
        "choices": "choice ranking points quiz",
        "allow_multiple": "choice quiz",
        "quiz_seconds": "quiz",
        "allow_other": "choice",
        "max_entries": "wordcloud",
        "max_words": "wordcloud",
        "scale": "scale",
        "label_low": "scale",
        "label_high": "scale",
        "number_min": "numeric",
        "number_max": "numeric",
        "points_budget": "points",
    }
    FOR_KINDS["choices"] += " statements"  # a statements question's seed statements

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, kinds in self.FOR_KINDS.items():
            if name in self.fields:
                self.fields[name].widget.attrs["data-kinds"] = kinds

    def clean(self):
        data = super().clean()
        options = [line.strip() for line in data.get("choices", "").splitlines() if line.strip()]
        kind = data.get("kind")
        if (
            kind == QuestionKind.CHOICE
            and len(options) < 2
            and not (options and data.get("allow_other"))
        ):
            self.add_error("choices", _("A multiple-choice question needs at least two options."))
        if kind in {QuestionKind.RANKING, QuestionKind.POINTS} and len(options) < 2:
            self.add_error("choices", _("This type of question needs at least two options."))
        correct = [i for i, line in enumerate(options) if line.startswith(CORRECT_MARK)]
        if kind == QuestionKind.QUIZ:
            options = [line.lstrip(CORRECT_MARK).strip() for line in options]
            if len(options) < 2 or not all(options):
                self.add_error("choices", _("This type of question needs at least two options."))
            elif not correct:
                self.add_error(
                    "choices",
                    _("Mark at least one correct option with * at the start of its line."),
                )
            elif len(correct) > 1 and not data.get("allow_multiple"):
                self.add_error(
                    "allow_multiple",
                    _("Several options are marked correct: allow several answers, or mark one."),
                )
        data["choice_list"] = options
        data["correct"] = correct if kind == QuestionKind.QUIZ else []
        low, high = data.get("number_min"), data.get("number_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "number_max", _("The largest number must not be smaller than the smallest.")
            )
        scale_min, scale_max = (data.get("scale") or "1-5").split("-")
        data["scale_min"], data["scale_max"] = int(scale_min), int(scale_max)
        if data.get("image"):
            try:
                images.image_check(data["image"], alt=data.get("image_alt", ""))
            except ValidationError as error:
                self.add_error("image_alt" if error.code == "image_alt" else "image", error)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "image": data.get("image") or None,
            "image_alt": data.get("image_alt", ""),
            "kind": data["kind"],
            "prompt": data["prompt"],
            "choices": data["choice_list"] if data["kind"] in WITH_OPTIONS else [],
            "allow_multiple": data["allow_multiple"],
            "allow_other": data["allow_other"],
            "max_entries": data["max_entries"],
            "max_words": data["max_words"],
            "scale_min": data["scale_min"],
            "scale_max": data["scale_max"],
            "label_low": data["label_low"],
            "label_high": data["label_high"],
            "number_min": data["number_min"],
            "number_max": data["number_max"],
            "points_budget": data["points_budget"] or 100,
            "quiz_seconds": data.get("quiz_seconds") or 20,
            "correct": data["correct"],
            "speaker_notes": data.get("speaker_notes", ""),
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
    results_after_close = forms.BooleanField(
        label=_("New questions: results hidden until answering closes"), required=False
    )
    leaderboard = forms.BooleanField(
        label=_("Quiz leaderboard with nicknames"),
        required=False,
        help_text=_(
            "Off by default. When on, phones may choose a nickname and you can show the top 10 "
            "on the projector; each phone sees its own place."
        ),
    )

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = dialogue.meetings.all()

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return data


class QuestionEditForm(QuestionForm):
    """Editing a question: its kind stays; each existing option is a field of its own (renamed
    in place, so its answers follow it, or removed explicitly), new options go below."""

    new_choices = forms.CharField(
        label=_("New options (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, question, **kwargs):
        from samrad.live.editing import SETTINGS, WITH_OPTIONS

        self.question = question
        scale = f"{question.scale_min}-{question.scale_max}"
        kwargs.setdefault(
            "initial",
            {
                "kind": question.kind,
                "prompt": question.prompt,
                "allow_multiple": question.allow_multiple,
                "allow_other": question.allow_other,
                "max_entries": question.max_entries,
                "max_words": question.max_words,
                "scale": scale,
                "label_low": question.label_low,
                "label_high": question.label_high,
                "number_min": question.number_min,
                "number_max": question.number_max,
                "points_budget": question.points_budget,
                "image_alt": question.image_alt,
            },
        )
        super().__init__(*args, **kwargs)
        if scale not in dict(SCALES):  # a scale made elsewhere (API) stays offered
            self.fields["scale"].choices = [*SCALES, (scale, scale.replace("-", "–"))]
        del self.fields["kind"], self.fields["choices"]
        keep = {"prompt", "image", "image_alt"}
        keep |= {
            {"scale_min": "scale", "scale_max": "scale"}.get(name, name)
            for name in SETTINGS.get(question.kind, ())
        }
        self.options = []
        if question.kind in WITH_OPTIONS:
            keep.add("new_choices")
            for number, choice in enumerate(question.choices.all(), start=1):
                label_name, remove_name = f"option_{choice.pk}", f"remove_{choice.pk}"
                self.fields[label_name] = forms.CharField(
                    label=_("Option %(n)d") % {"n": number},
                    max_length=200,
                    initial=choice.label,
                    required=False,
                )
                self.fields[remove_name] = forms.BooleanField(
                    label=_("Remove “%(label)s”") % {"label": choice.label}, required=False
                )
                keep |= {label_name, remove_name}
                self.options.append((choice, label_name, remove_name))
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
            else:
                self.fields[name].widget.attrs.pop("data-kinds", None)
        if "points_budget" in self.fields:
            self.fields["points_budget"].required = True
        options = [name for _choice, *names in self.options for name in names]
        self.order_fields(["prompt", *options, "new_choices"])

    def option_rows(self):
        return [(self[label], self[remove]) for _choice, label, remove in self.options]

    def clean(self):
        data = forms.Form.clean(self)
        kind = self.question.kind
        labels, removed = {}, set()
        for choice, label_name, remove_name in self.options:
            label = (data.get(label_name) or "").strip()
            if data.get(remove_name) or not label:
                removed.add(choice.pk)
            else:
                labels[choice.pk] = label
        added = [line.strip() for line in data.get("new_choices", "").splitlines() if line.strip()]
        kept = len(labels) + len(added)
        if self.options or added:
            if kind == QuestionKind.CHOICE and kept < 2 and not (kept and data.get("allow_other")):
                self.add_error(
                    "new_choices", _("A multiple-choice question needs at least two options.")
                )
            elif kind in {QuestionKind.RANKING, QuestionKind.POINTS} and kept < 2:
                self.add_error(
                    "new_choices", _("This type of question needs at least two options.")
                )
        low, high = data.get("number_min"), data.get("number_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "number_max", _("The largest number must not be smaller than the smallest.")
            )
        if data.get("image"):
            try:
                images.image_check(data["image"], alt=data.get("image_alt", ""))
            except ValidationError as error:
                self.add_error("image_alt" if error.code == "image_alt" else "image", error)
        elif self.question.image and "image_alt" in data and not data["image_alt"].strip():
            self.add_error(
                "image_alt",
                _("Describe the image in a few words (alt text) for people who cannot see it."),
            )
        data["option_labels"], data["option_removed"], data["option_added"] = (
            labels,
            removed,
            added,
        )
        return data

    def changes(self):
        from samrad.live.editing import SETTINGS, QuestionChanges

        data = self.cleaned_data
        settings_ = {}
        for name in SETTINGS.get(self.question.kind, ()):
            if name in {"scale_min", "scale_max"}:
                low, high = (data.get("scale") or "1-5").split("-")
                settings_["scale_min"], settings_["scale_max"] = int(low), int(high)
            else:
                settings_[name] = data.get(name)
        return QuestionChanges(
            prompt=data["prompt"].strip(),
            labels=data["option_labels"],
            removed=data["option_removed"],
            added=data["option_added"],
            settings=settings_,
        )

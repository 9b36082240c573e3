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

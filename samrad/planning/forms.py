"""Forms for the plan and the evaluation; they validate, services write. Forms that offer the
dialogue's own things (phases, questions, options, meetings, target groups) get the dialogue
and list only what belongs to it."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.dialogues.models import Meeting, Phase
from samrad.live.models import Choice, Question, QuestionKind
from samrad.planning import measures, selectors
from samrad.planning.models import (
    ActivityStatus,
    Channel,
    Direction,
    Goal,
    Involvement,
    LabMeasure,
    LessonCategory,
    OrganisationType,
    Purpose,
    TargetGroup,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


MAX_TEXT = 2000  # long enough for a decision or a message, short enough to stay readable


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DialogueForm(forms.Form):
    """A form that lists only what belongs to its dialogue."""

    def __init__(self, *args, dialogue, **kwargs):
        self.dialogue = dialogue
        super().__init__(*args, **kwargs)


def _question_label(question) -> str:
    return f"{question.prompt} ({question.session.title})"


def _choice_label(choice) -> str:
    return f"{choice.question.prompt} → {choice.label}"


class QuestionChoicesMixin(DialogueForm):
    """A `question` and its `choices` (options) among the dialogue's live questions."""

    def setup_question(self, kinds: tuple[str, ...]) -> None:
        questions = selectors.live_questions(self.dialogue, kinds)
        question = cast(forms.ModelChoiceField, self.fields["question"])
        question.queryset = questions
        question.label_from_instance = _question_label  # type: ignore[method-assign,assignment]  # Django documents this hook
        choices = cast(forms.ModelMultipleChoiceField, self.fields["choices"])
        choices.queryset = Choice.objects.filter(
            question__session__dialogue=self.dialogue, question__kind=QuestionKind.CHOICE
        ).select_related("question")
        choices.label_from_instance = _choice_label  # type: ignore[method-assign,assignment]  # Django documents this hook

    def clean_question_choices(self, cleaned: dict) -> None:
        question, choices = cleaned.get("question"), cleaned.get("choices") or []
        if choices and (question is None or any(c.question_id != question.pk for c in choices)):
            self.add_error("choices", _("Choose options of the chosen question."))
        cleaned["choice_ids"] = [choice.pk for choice in choices]


class SettingsForm(forms.Form):
    close_margin = forms.FloatField(
        label=_("A measure is close to its target within (per cent of the target)"),
        min_value=0,
        max_value=100,
    )


class PhasePlanForm(DialogueForm):
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none())
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DateInput())
    contents = forms.CharField(
        label=_("What the phase holds (sessions, workshops, interviews…)"),
        required=False,
        max_length=MAX_TEXT,
        widget=_text(),
    )
    outcome = forms.CharField(
        label=_("What came out of the phase"),
        help_text=_("Shown on the public page's timeline once the phase is over."),
        required=False,
        max_length=MAX_TEXT,
        widget=_text(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = self.dialogue.phases.all()

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The phase cannot end before it starts."))
        return cleaned


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Date"), widget=DateInput())
    body = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("For example the municipal executive board."),
    )
    decision = forms.CharField(label=_("Decision"), max_length=MAX_TEXT, widget=_text())
    consequence = forms.CharField(
        label=_("What it means for the dialogue"),
        required=False,
        max_length=MAX_TEXT,
        widget=_text(),
    )
    public = forms.BooleanField(
        label=_("Show on the public page"),
        required=False,
        help_text=_("Citizens see the date, who decided and the decision."),
    )


class PurposeForm(forms.Form):
    title = forms.CharField(label=_("Purpose"), max_length=300)


class GoalForm(DialogueForm):
    purpose = forms.ModelChoiceField(label=_("Purpose"), queryset=Purpose.objects.none())
    title = forms.CharField(label=_("Goal"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].queryset = self.dialogue.purposes.all()
        self.fields["purpose"].initial = self.dialogue.purposes.order_by("position", "id").last()


class MeasureForm(QuestionChoicesMixin, DialogueForm):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none())
    title = forms.CharField(label=_("Measure"), max_length=300)
    method = forms.CharField(
        label=_("Method"), required=False, max_length=MAX_TEXT, widget=_text(2)
    )
    source = forms.ChoiceField(label=_("Source of the value"))
    target = forms.FloatField(label=_("Target"))
    direction = forms.ChoiceField(label=_("The target is"), choices=Direction.choices)
    close_margin = forms.FloatField(
        label=_("Close within (per cent of the target)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty to use the dialogue's margin."),
    )
    due_on = forms.DateField(
        label=_("To be measured on"),
        required=False,
        widget=DateInput(),
        help_text=_("Until this date a measure that is not met yet counts as pending."),
    )
    question = forms.ModelChoiceField(
        label=_("Live question"),
        queryset=Question.objects.none(),
        required=False,
        help_text=_("For sources that read answers."),
    )
    choices = forms.ModelMultipleChoiceField(
        label=_("Options that count"),
        queryset=Choice.objects.none(),
        required=False,
        help_text=_("For a share of a group or of answers to a multiple-choice question."),
    )
    threshold = forms.FloatField(
        label=_("At or above (scale and number questions)"), required=False
    )

    def __init__(self, *args, with_goal: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        source = cast(forms.ChoiceField, self.fields["source"])
        source.choices = [(s.key, s.label) for s in measures.SOURCES.values()]
        goal = cast(forms.ModelChoiceField, self.fields["goal"])
        goal.queryset = Goal.objects.filter(purpose__dialogue=self.dialogue)
        goal.label_from_instance = lambda g: f"{g.purpose.title} → {g.title}"  # type: ignore[method-assign,assignment]  # Django documents this hook
        self.fields["goal"].initial = (
            Goal.objects.filter(purpose__dialogue=self.dialogue).order_by("-id").first()
        )
        if not with_goal:
            del self.fields["goal"]
        self.setup_question(())

    def clean(self):
        cleaned = super().clean()
        self.clean_question_choices(cleaned)
        source = measures.source_of(cleaned.get("source", ""))
        if source is None:
            return cleaned
        question = cleaned.get("question")
        if "question" in source.needs:
            if question is None:
                self.add_error("question", _("This source needs a live question."))
            elif source.question_kinds and question.kind not in source.question_kinds:
                self.add_error("question", _("This source cannot read this kind of question."))
        if "choices" in source.needs and not cleaned["choice_ids"]:
            self.add_error("choices", _("Choose the options that count."))
        if (
            source.key == "answer_share"
            and question is not None
            and question.kind == QuestionKind.CHOICE
            and not cleaned["choice_ids"]
        ):
            self.add_error("choices", _("Choose the options that count."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "method": data["method"],
            "source": data["source"],
            "target": data["target"],
            "direction": data["direction"],
            "close_margin": data["close_margin"],
            "due_on": data["due_on"],
            "question": data["question"],
            "choice_ids": data["choice_ids"],
            "threshold": data["threshold"],
        }


class RecordForm(forms.Form):
    manual_value = forms.FloatField(label=_("Value"), required=False)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, max_length=MAX_TEXT, widget=_text(2)
    )
    recorded_on = forms.DateField(label=_("Recorded on"), required=False, widget=DateInput())


class TargetGroupForm(QuestionChoicesMixin, DialogueForm):
    name = forms.CharField(label=_("Target group"), max_length=200)
    reach_goal = forms.IntegerField(label=_("Participants to reach"), min_value=1)
    question = forms.ModelChoiceField(
        label=_("Composition question"),
        queryset=Question.objects.none(),
        required=False,
        help_text=_("Leave empty to count the group by hand."),
    )
    choices = forms.ModelMultipleChoiceField(
        label=_("Options that define the group"), queryset=Choice.objects.none(), required=False
    )
    manual_count = forms.IntegerField(
        label=_("Reached (counted by hand)"), min_value=0, required=False
    )
    meetings = forms.ModelMultipleChoiceField(
        label=_("Meetings for this group"),
        queryset=Meeting.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_question((QuestionKind.CHOICE,))
        self.fields["meetings"].queryset = self.dialogue.meetings.all()

    def clean(self):
        cleaned = super().clean()
        self.clean_question_choices(cleaned)
        if cleaned.get("question") is not None and not cleaned["choice_ids"]:
            self.add_error("choices", _("Choose the options that define the group."))
        return cleaned


class CommsForm(DialogueForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    planned_on = forms.DateField(label=_("Date"), widget=DateInput())
    message = forms.CharField(label=_("Message"), max_length=MAX_TEXT, widget=_text(2))
    audience = forms.ModelChoiceField(
        label=_("Audience"), queryset=TargetGroup.objects.none(), required=False
    )
    responsible = forms.CharField(label=_("Responsible"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = self.dialogue.target_groups.all()
        self.fields["audience"].empty_label = _("Everyone")


class LessonForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=LessonCategory.choices)
    text = forms.CharField(label=_("Lesson"), max_length=MAX_TEXT, widget=_text(2))


class LabForm(forms.Form):
    title = forms.CharField(label=_("Project"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=MAX_TEXT, widget=_text(2)
    )


class ActorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    organisation_type = forms.ChoiceField(
        label=_("Organisation type"), choices=OrganisationType.choices
    )
    involvement = forms.ChoiceField(label=_("How involved"), choices=Involvement.choices)


class LabMeasureForm(forms.Form):
    name = forms.CharField(label=_("Measure"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)


class LabValueForm(forms.Form):
    measure = forms.ModelChoiceField(label=_("Measure"), queryset=LabMeasure.objects.none())
    measured_on = forms.DateField(label=_("Date"), widget=DateInput())
    value = forms.FloatField(label=_("Value"))

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = lab.measures.all()

"""The plan and the evaluation of a dialogue (seeds/004 Skellefteå 2030, seeds/002 co-creation
lab): purposes → goals → measures (the goal matrix), the phases' dates and contents, decisions
taken with the politicians, target groups and their reach, the communication plan, lessons
learned, and a co-creation lab with its key actors and user-level measures over time.

Measures read their value from a source in `samrad/planning/measures.py` (a registry); the
status (met / close / not met / pending) is computed by `samrad/planning/status.py`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.core.models import OrderedModel, TimeStampedModel
from samrad.dialogues.models import Dialogue, Meeting, Phase

DEFAULT_CLOSE_MARGIN = 10.0  # per cent of the target


class PlanSettings(models.Model):
    """One per dialogue, made on first use: the "close" margin and the process evaluation."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="plan")
    close_margin = models.FloatField(
        _("close to the target within (per cent of the target)"), default=DEFAULT_CLOSE_MARGIN
    )
    process_session = models.ForeignKey(
        "live.LiveSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("process evaluation questionnaire"),
    )

    def __str__(self) -> str:
        return f"plan of {self.dialogue}"


class PhasePlan(models.Model):
    """Dates and contents of one of the dialogue's phases (dialogues.Phase keeps the name)."""

    phase = models.OneToOneField(Phase, on_delete=models.CASCADE, related_name="plan")
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    contents = models.TextField(_("what the phase holds"), blank=True)
    outcome = models.TextField(_("what came out of the phase"), blank=True)

    def __str__(self) -> str:
        return f"plan of {self.phase}"


class Decision(TimeStampedModel):
    """A decision taken with the politicians, and what it means for the dialogue."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField(_("date"))
    body = models.CharField(_("decided by"), max_length=200)
    decision = models.TextField(_("decision"))
    consequence = models.TextField(_("what it means for the dialogue"), blank=True)
    public = models.BooleanField(_("show on the public page"), default=False)

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.decided_on} {self.body}"


class Purpose(OrderedModel):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="purposes")
    title = models.CharField(_("purpose"), max_length=300)

    def __str__(self) -> str:
        return self.title


class Goal(OrderedModel):
    purpose = models.ForeignKey(Purpose, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    AT_LEAST = "min", _("at least")
    AT_MOST = "max", _("at most")


class Measure(OrderedModel):
    """One measure of the goal matrix: a method, a target and where its value comes from.

    `source` is a key of `measures.SOURCES`; bound sources read `question`, `choice_ids` and
    `threshold` as they need; the manual source reads `manual_value`, `evidence`, `recorded_on`.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("measure"), max_length=300)
    method = models.TextField(_("method"), blank=True)
    source = models.CharField(_("source"), max_length=40, default="manual")
    target = models.FloatField(_("target"))
    direction = models.CharField(
        _("target is"), max_length=3, choices=Direction.choices, default=Direction.AT_LEAST
    )
    close_margin = models.FloatField(
        _("close within (per cent of the target)"),
        null=True,
        blank=True,
        help_text=_("Empty: the dialogue's margin."),
    )
    due_on = models.DateField(_("to be measured on"), null=True, blank=True)
    question = models.ForeignKey(
        "live.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("question"),
    )
    choice_ids = models.JSONField(default=list, blank=True)
    threshold = models.FloatField(_("at or above"), null=True, blank=True)
    manual_value = models.FloatField(_("value"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)

    def __str__(self) -> str:
        return self.title


class TargetGroup(OrderedModel):
    """A group the dialogue must reach, with a goal; counted from a composition answer (a live
    choice question and its options) or by hand."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="target_groups")
    name = models.CharField(_("target group"), max_length=200)
    reach_goal = models.PositiveIntegerField(_("participants to reach"))
    question = models.ForeignKey(
        "live.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("composition question"),
    )
    choice_ids = models.JSONField(default=list, blank=True)
    manual_count = models.PositiveIntegerField(
        _("reached (counted by hand)"), null=True, blank=True
    )
    meetings = models.ManyToManyField(
        Meeting, blank=True, related_name="target_groups", verbose_name=_("meetings")
    )

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    EMAIL = "email", _("E-mail")
    NEWSPAPER = "newspaper", _("Newspaper")
    SOCIAL = "social", _("Social media")
    LEAFLET = "leaflet", _("Leaflet")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class CommsActivity(TimeStampedModel):
    """One activity of the communication plan."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="comms_activities"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    planned_on = models.DateField(_("date"))
    message = models.TextField(_("message"))
    audience = models.ForeignKey(
        TargetGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comms_activities",
        verbose_name=_("audience"),
    )
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.planned_on} {self.get_channel_display()}"


class LessonCategory(models.TextChoices):
    PLANNING = "planning", _("Planning")
    GOALS = "goals", _("Goals and evaluation")
    COMMUNICATION = "communication", _("Communication")
    OUTREACH = "outreach", _("Outreach")
    POLITICS = "politics", _("Politicians and decisions")
    METHOD = "method", _("Method and meetings")
    OTHER = "other", _("Other")


class Lesson(TimeStampedModel):
    """A lesson learned ("medskick") to pass on to the next dialogue."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="lessons")
    category = models.CharField(_("category"), max_length=20, choices=LessonCategory.choices)
    text = models.TextField(_("lesson"))

    class Meta:
        ordering = ["category", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class CoCreationLab(TimeStampedModel):
    """A co-creation lab around one chosen project (seeds/002)."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="labs")
    title = models.CharField(_("project"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    ASSOCIATION = "association", _("Association")
    BUSINESS = "business", _("Business")
    CITIZEN = "citizen", _("Citizen")


class Involvement(models.TextChoices):
    INFORMED = "informed", _("Informed")
    CONSULTED = "consulted", _("Consulted")
    CO_CREATING = "co_creating", _("Co-creating")
    DECIDING = "deciding", _("Deciding")


class KeyActor(models.Model):
    lab = models.ForeignKey(CoCreationLab, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices
    )
    involvement = models.CharField(_("how involved"), max_length=20, choices=Involvement.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class LabMeasure(models.Model):
    """A quantitative measure at user level, recorded over time."""

    lab = models.ForeignKey(CoCreationLab, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("measure"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class LabValue(models.Model):
    measure = models.ForeignKey(LabMeasure, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("date"))
    value = models.FloatField(_("value"))

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "measured_on"], name="one_lab_value_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.measured_on}: {self.value}"

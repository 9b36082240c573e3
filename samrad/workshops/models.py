"""A workshop is a sequence of steps run by a facilitator with a projector and phones.

Phones take part through the workshop's live session (`session`): they join with its code and
are live `Participant`s, so identity, rate limits and personal-data handling are the live app's.

The portfolio-mapping workshop adds: target-image frameworks of an organisation (TargetFramework
→ TargetImage → TargetArea), the workshop's projects (its portfolio), placements of projects on
target images (at most `max_per_project` each, enforced by a unique slot per project) with a
log of who placed what when (PlacementLog, also the undo stack), and notes per discussion
question (StepNote).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.core.models import OrderedModel, TimeStampedModel
from samrad.dialogues.models import Dialogue

MAX_PLACEMENTS_PER_PROJECT = 5  # the highest limit a workshop may set


class TargetFramework(TimeStampedModel):
    """A set of target images an organisation maps its work against."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="target_frameworks"
    )
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    # Which built-in framework this was created from ("smart" = Smarta Samhällen), if any.
    source = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("target-image framework")
        verbose_name_plural = _("target-image frameworks")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class TargetImage(OrderedModel):
    framework = models.ForeignKey(TargetFramework, on_delete=models.CASCADE, related_name="images")
    # A stable key of a built-in image ("safety"), empty for images a facilitator adds.
    key = models.CharField(max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta(OrderedModel.Meta):
        verbose_name = _("target image")
        verbose_name_plural = _("target images")

    def __str__(self) -> str:
        return self.name


class TargetArea(OrderedModel):
    """An optional sub-area of a target image (e.g. 'Lighting' under 'Safety')."""

    image = models.ForeignKey(TargetImage, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=120)

    class Meta(OrderedModel.Meta):
        verbose_name = _("sub-area")
        verbose_name_plural = _("sub-areas")

    def __str__(self) -> str:
        return self.name


class Workshop(TimeStampedModel):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="workshops")
    session = models.OneToOneField(
        "live.LiveSession",
        on_delete=models.PROTECT,
        related_name="workshop",
        help_text=_("The live session phones join with its code."),
    )
    title = models.CharField(_("title"), max_length=200)
    template = models.CharField(_("template"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    current_step = models.ForeignKey(
        "WorkshopStep", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Portfolio mapping
    framework = models.ForeignKey(
        TargetFramework,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("target images"),
    )
    max_per_project = models.PositiveSmallIntegerField(
        _("target images per project, at most"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACEMENTS_PER_PROJECT)],
    )
    over_factor = models.FloatField(
        _("over-represented above this many times an even share"),
        default=1.5,
        validators=[MinValueValidator(1.0), MaxValueValidator(10.0)],
    )
    # Question f: the live poll whose choices are the target images (citizens' weights).
    compare_question = models.ForeignKey(
        "live.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("citizens' poll"),
    )

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class WorkshopStep(OrderedModel):
    """One step. `format` names an entry of the step registry (`samrad.workshops.steps`), which
    says which templates show it on the facilitator's screen, the projector and phones."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="steps")
    format = models.CharField(_("step format"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text on the projector"), blank=True)
    script = models.TextField(
        _("speaker note"), blank=True, help_text=_("Shown only on the facilitator's screen.")
    )
    options = models.JSONField(default=dict, blank=True)

    class Meta(OrderedModel.Meta):
        verbose_name = _("workshop step")
        verbose_name_plural = _("workshop steps")

    def __str__(self) -> str:
        return self.title


class Project(OrderedModel):
    """One project of the portfolio mapped in a workshop, known on the wall by its code."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="projects")
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=200)
    department = models.CharField(_("department"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=100, blank=True)

    class Meta(OrderedModel.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "code"], name="one_project_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ThemeMapping(models.Model):
    """Which target image a theme of the dialogue's codebook speaks to, in one workshop, set
    by the coordinator (question f compares the citizens' coded inputs through it). A theme
    maps to one target image or to none (no row); names are never matched."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="theme_mappings")
    theme = models.ForeignKey(
        "insights.Theme", on_delete=models.CASCADE, related_name="+", verbose_name=_("theme")
    )
    image = models.ForeignKey(
        TargetImage,
        on_delete=models.CASCADE,
        related_name="theme_mappings",
        verbose_name=_("target image"),
    )

    class Meta:
        verbose_name = _("theme mapped to a target image")
        verbose_name_plural = _("themes mapped to target images")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "theme"], name="one_image_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.theme_id} → {self.image_id}"


class Placement(models.Model):
    """A project on a target image. `slot` (1 … the workshop's limit) is unique per project,
    so two screens placing the same project at once cannot both take its last slot."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="placements")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="placements")
    image = models.ForeignKey(TargetImage, on_delete=models.PROTECT, related_name="placements")
    area = models.ForeignKey(
        TargetArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    slot = models.PositiveSmallIntegerField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_by_participant = models.ForeignKey(
        "live.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "image"], name="one_placement_per_image"),
            models.UniqueConstraint(fields=["project", "slot"], name="one_placement_per_slot"),
            models.CheckConstraint(
                condition=models.Q(slot__gte=1, slot__lte=MAX_PLACEMENTS_PER_PROJECT),
                name="placement_slot_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.image_id}"


class PlacementAction(models.TextChoices):
    PLACE = "place", _("placed")
    REMOVE = "remove", _("removed")
    MOVE = "move", _("moved")


class PlacementLog(models.Model):
    """Who placed, removed or moved what and when; the facilitator's undo takes back the most
    recent entry not yet undone."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="placement_log")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=PlacementAction.choices)
    image = models.ForeignKey(TargetImage, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(
        TargetArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_image = models.ForeignKey(
        TargetImage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    from_area = models.ForeignKey(
        TargetArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    participant = models.ForeignKey(
        "live.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.project_id} → {self.image_id}"


class StepNote(models.Model):
    """The facilitator's notes for one discussion question (`key` a–f) of a step."""

    step = models.ForeignKey(WorkshopStep, on_delete=models.CASCADE, related_name="notes")
    key = models.CharField(max_length=20)
    text = models.TextField(_("notes"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["step", "key"], name="one_note_per_key")]

    def __str__(self) -> str:
        return f"{self.step_id}:{self.key}"

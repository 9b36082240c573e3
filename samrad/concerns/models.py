"""Concerns (farhågor) of a dialogue, and what a workshop makes of them: groups that take a
concern, ideas from phones, dot votes and the action items that follow up the best ideas.

Phones are the workshop's live `Participant`s (`samrad.live`), so their identity is the live
session's signed cookie; nothing personal is stored here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.core.models import OrderedModel, TimeStampedModel
from samrad.dialogues.models import Dialogue

MAX_CONCERN_LENGTH = 500


class ConcernSource(models.TextChoices):
    TYPED = "typed", _("Typed")
    IMPORTED = "imported", _("Imported")
    THEME = "theme", _("From a theme")


class Concern(TimeStampedModel, OrderedModel):
    """A concern citizens raised, to be met with ideas and actions."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="concerns")
    text = models.CharField(_("concern"), max_length=MAX_CONCERN_LENGTH)
    source = models.CharField(
        _("source"), max_length=10, choices=ConcernSource.choices, default=ConcernSource.TYPED
    )

    class Meta(OrderedModel.Meta):
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self) -> str:
        return self.text


class Role(models.TextChoices):
    """Who takes part or owns an action in the Smarta Orter method (seeds/001)."""

    ASSOCIATION = "association", _("Association")
    BUSINESS = "business", _("Business")
    MUNICIPALITY = "municipality", _("Municipality")


class OwnerType(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    BUSINESS = "business", _("Business")
    MUNICIPALITY = "municipality", _("Municipality")
    ORGANISATION = "organisation", _("Named organisation")


class Sphere(models.TextChoices):
    """Leva – Bo – Verka: live, dwell, work (seeds/001)."""

    LEVA = "leva", _("Live (Leva)")
    BO = "bo", _("Dwell (Bo)")
    VERKA = "verka", _("Work (Verka)")


class Group(OrderedModel):
    """A table of participants in one workshop; it takes (at most) one concern."""

    workshop = models.ForeignKey(
        "workshops.Workshop", on_delete=models.CASCADE, related_name="concern_groups"
    )
    name = models.CharField(_("name"), max_length=80)
    concern = models.ForeignKey(
        Concern,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups",
        verbose_name=_("concern"),
    )

    class Meta(OrderedModel.Meta):
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "name"], name="concerns_group_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """The group a phone chose. One group per participant (a participant is per workshop)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    participant = models.OneToOneField(
        "live.Participant", on_delete=models.CASCADE, related_name="concern_group"
    )
    role = models.CharField(_("I take part for"), max_length=20, choices=Role.choices, blank=True)

    def __str__(self) -> str:
        return f"{self.participant_id} in {self.group_id}"


class Idea(models.Model):
    """A short idea from a phone (or typed by the facilitator) for a group's concern."""

    workshop = models.ForeignKey(
        "workshops.Workshop", on_delete=models.CASCADE, related_name="concern_ideas"
    )
    step = models.ForeignKey(
        "workshops.WorkshopStep", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="ideas")
    concern = models.ForeignKey(
        Concern, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    participant = models.ForeignKey(
        "live.Participant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concern_ideas",
    )
    text = models.CharField(_("idea"), max_length=500)
    sphere = models.CharField(_("sphere"), max_length=10, choices=Sphere.choices, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    client_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="concerns_idea_idempotent"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_shown(self) -> bool:
        return not self.hidden and self.merged_into_id is None


class Dot(models.Model):
    """One dot of one participant in one vote step.

    `slot` (0 … dots-1) makes the budget a database rule: a participant has as many rows as
    slots at most. `stack` counts this participant's dots on this idea (0, 1, …); when a vote
    allows one dot per idea only, the service always uses stack 0, so a second dot on the same
    idea collides with the first.
    """

    step = models.ForeignKey("workshops.WorkshopStep", on_delete=models.CASCADE, related_name="+")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="dots")
    participant = models.ForeignKey(
        "live.Participant", on_delete=models.CASCADE, related_name="concern_dots"
    )
    slot = models.PositiveSmallIntegerField()
    stack = models.PositiveSmallIntegerField(default=0)
    client_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["step", "participant", "slot"], name="concerns_dot_budget"
            ),
            models.UniqueConstraint(
                fields=["step", "participant", "idea", "stack"], name="concerns_dot_stack"
            ),
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="concerns_dot_idempotent"
            ),
        ]

    def __str__(self) -> str:
        return f"dot {self.slot} of {self.participant_id} on {self.idea_id}"


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# A due date in the past matters only while the action is still open.
OPEN_STATUSES = (ActionStatus.PROPOSED, ActionStatus.AGREED, ActionStatus.IN_PROGRESS)


class Action(TimeStampedModel):
    """An action item that follows up an idea: what, who owns it, where, by when, how far."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="actions")
    workshop = models.ForeignKey(
        "workshops.Workshop",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concern_actions",
    )
    idea = models.OneToOneField(
        Idea, null=True, blank=True, on_delete=models.SET_NULL, related_name="action"
    )
    concern = models.ForeignKey(
        Concern,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("concern"),
    )
    what = models.CharField(_("what"), max_length=500)
    owner_type = models.CharField(_("owner"), max_length=20, choices=OwnerType.choices, blank=True)
    owner_name = models.CharField(_("organisation"), max_length=200, blank=True)
    sphere = models.CharField(_("sphere"), max_length=10, choices=Sphere.choices, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    votes = models.PositiveIntegerField(_("dots"), default=0)
    public = models.BooleanField(
        _("show on the public page"),
        default=False,
        help_text=_("Citizens see what, owner, sphere, due date and status on the public page."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    overdue: bool  # set by selectors.actions for display, never stored

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.what

    @property
    def owner_label(self) -> str:
        if self.owner_name:
            if self.owner_type and self.owner_type != OwnerType.ORGANISATION:
                return f"{self.get_owner_type_display()}: {self.owner_name}"
            return self.owner_name
        return str(self.get_owner_type_display()) if self.owner_type else ""

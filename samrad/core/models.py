"""Abstract base models shared by every app."""

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OrderedModel(models.Model):
    """A row with a place in its list (phases, questions, choices, steps, themes, …):
    `position` 0, 1, …, read in that order, ties by id. A subclass's own Meta inherits
    `OrderedModel.Meta` to keep the ordering."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class AuditEntry(models.Model):
    """One facilitator action, kept for accountability (GDPR art. 5(2)).

    Written only through `samrad.core.audit.record`; never edited. `target` is a short
    "app.model:pk" reference and `summary` a human-readable line without participants' text.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=80)
    target = models.CharField(max_length=120, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    # An edit's changed fields, old → new, in full: [{"field", "old", "new"}] (core/editing.py).
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"

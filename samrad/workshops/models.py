"""A workshop is a sequence of steps run by a facilitator with a projector and phones.

Phones take part through the workshop's live session (`session`): they join with its code and
are live `Participant`s, so identity, rate limits and personal-data handling are the live app's.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.core.models import TimeStampedModel
from samrad.dialogues.models import Dialogue


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

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class WorkshopStep(models.Model):
    """One step. `kind` names an entry of the step registry (`samrad.workshops.steps`), which
    says which templates show it on the facilitator's screen, the projector and phones."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text on the projector"), blank=True)
    script = models.TextField(
        _("speaker note"), blank=True, help_text=_("Shown only on the facilitator's screen.")
    )
    options = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("workshop step")
        verbose_name_plural = _("workshop steps")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

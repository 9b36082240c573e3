"""A dialogue is one municipal citizen dialogue; phases order its work."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.accounts.models import Organisation
from samrad.core.models import OrderedModel, TimeStampedModel


class Dialogue(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="dialogues"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Phase(OrderedModel):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=120)

    class Meta(OrderedModel.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    OPEN = "open", _("Open meeting")
    OUTREACH = "outreach", _("Outreach")


class Meeting(TimeStampedModel):
    """A meeting of the dialogue: an open meeting or an outreach visit; sessions belong to one."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.OPEN
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title

"""A dialogue is one municipal citizen dialogue; phases order its work."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.accounts.models import Organisation
from samrad.core.models import TimeStampedModel


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


class Phase(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

"""Signification surveys (SenseMaker-style): a story prompt, then signifiers the storyteller
uses to say what their own story means — triads, dyads, tags and "about you" segments.

A `Story` is one phone's answer to a survey (one per phone, editable while the survey is
open); its `SignifierAnswer` rows hold the values. Nothing here knows who the storyteller is:
a phone is only the random `respondent` key in a signed cookie.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samrad.core.models import OrderedModel, TimeStampedModel
from samrad.dialogues.models import Dialogue


def new_code() -> str:
    """A short public code for the survey's link (/surveys/s/<code>/), easy to type."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def new_peek_token() -> str:
    return secrets.token_urlsafe(18)


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Survey(TimeStampedModel):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    prompt = models.CharField(_("story prompt"), max_length=500)
    intro = models.TextField(_("introduction"), blank=True)
    ask_title = models.BooleanField(_("ask for a title of the story"), default=True)
    consent_text = models.TextField(_("consent text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    # The sneak peek: a public page with the current picture, behind an unguessable token.
    peek_token = models.CharField(
        max_length=40, unique=True, default=new_peek_token, editable=False
    )
    peek_enabled = models.BooleanField(_("sneak peek on"), default=False)
    peek_shows_stories = models.BooleanField(_("sneak peek shows story texts"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("signification survey")
        verbose_name_plural = _("signification surveys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class SignifierKind(models.TextChoices):
    TRIAD = "triad", _("Triad (a point in a triangle)")
    DYAD = "dyad", _("Dyad (a slider between two poles)")
    TAGS = "tags", _("Tags (multiple choice)")
    SEGMENT = "segment", _("About you (one choice, used as a filter)")


# How many labels each kind takes: (fewest, most).
LABEL_COUNTS: dict[str, tuple[int, int]] = {
    SignifierKind.TRIAD: (3, 3),
    SignifierKind.DYAD: (2, 2),
    SignifierKind.TAGS: (2, 12),
    SignifierKind.SEGMENT: (2, 12),
}


class Signifier(OrderedModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="signifiers")
    kind = models.CharField(_("kind"), max_length=10, choices=SignifierKind.choices)
    prompt = models.CharField(_("question"), max_length=300)
    # Triad: the three corners (top, bottom left, bottom right); dyad: left and right pole;
    # tags and segments: the options.
    labels = models.JSONField(_("labels"), default=list)
    allow_na = models.BooleanField(_("'Not applicable' allowed"), default=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta(OrderedModel.Meta):
        verbose_name = _("signifier")
        verbose_name_plural = _("signifiers")

    def __str__(self) -> str:
        return self.prompt

    @property
    def is_filter(self) -> bool:
        return self.kind in (SignifierKind.TAGS, SignifierKind.SEGMENT)


class Story(models.Model):
    """One phone's story in one survey. `respondent` (the phone's cookie key) makes "one per
    phone" a database rule; `client_id` (the form's id) makes a resent form harmless even
    when the phone never received its cookie."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="stories")
    respondent = models.UUIDField(default=uuid.uuid4, editable=False)
    client_id = models.UUIDField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("story"))
    consented = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="one_story_per_phone"),
            models.UniqueConstraint(
                fields=["survey", "client_id"],
                condition=Q(client_id__isnull=False),
                name="story_idempotent_client_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.text[:40]


class SignifierAnswer(models.Model):
    """A story's value on one signifier: triad weights (a + b + c = 1), a dyad position
    (0..100), chosen option indexes (tags, segments), or "not applicable"."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="answers")
    signifier = models.ForeignKey(Signifier, on_delete=models.CASCADE, related_name="answers")
    not_applicable = models.BooleanField(default=False)
    a = models.FloatField(null=True, blank=True)
    b = models.FloatField(null=True, blank=True)
    c = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "signifier"], name="one_value_per_signifier"),
            models.CheckConstraint(
                condition=(Q(a__isnull=True) | (Q(a__gte=0) & Q(a__lte=1)))
                & (Q(b__isnull=True) | (Q(b__gte=0) & Q(b__lte=1)))
                & (Q(c__isnull=True) | (Q(c__gte=0) & Q(c__lte=1))),
                name="triad_weights_in_bounds",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=0) & Q(value__lte=100)),
                name="dyad_value_in_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"answer of story {self.story_id} to {self.signifier_id}"

    @property
    def weights(self) -> tuple[float, float, float] | None:
        if self.a is None or self.b is None or self.c is None:
            return None
        return (self.a, self.b, self.c)

"""Feedback to the people who took part: the public dialogue page, the e-mail addresses they
left (apart from their answers), the feedback e-mails sent, and the lessons learned that a
method guide passes on."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.core.models import TimeStampedModel
from samrad.dialogues.models import Dialogue


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PublicPage(TimeStampedModel):
    """The dialogue's feedback page at /d/<slug>/, shown without login once published."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="public_page")
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    next_steps = models.TextField(_("what happens next"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    sender_name = models.CharField(_("sender's name"), max_length=100, blank=True)
    sender_email = models.EmailField(_("sender's e-mail address"), blank=True)

    class Meta:
        verbose_name = _("public page")
        verbose_name_plural = _("public pages")

    def __str__(self) -> str:
        return self.slug


class FeedbackSubscriber(models.Model):
    """An e-mail address left for feedback, with the consent given. Deliberately not linked to
    the live Participant: the address cannot be joined to anybody's answers."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="subscribers")
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Double opt-in: an address left on the public page is kept unconfirmed (and gets only the
    # confirmation e-mail) until its owner opens the link; one left on a phone in a session
    # is confirmed at once.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The site address the subscriber used, for links in e-mails sent without a request.
    site_url = models.CharField(max_length=200, blank=True)
    # The last FollowChange this subscriber has been told about.
    notified_through = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("feedback subscriber")
        verbose_name_plural = _("feedback subscribers")
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "email"], name="one_subscription_each")
        ]

    def __str__(self) -> str:
        return f"subscriber {self.pk}"


class FeedbackMailing(TimeStampedModel):
    """A feedback e-mail a facilitator wrote; sent once to each consenting subscriber."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="mailings")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class FeedbackMailingVersion(models.Model):
    """The mailing in another language; a subscriber of that language gets it."""

    mailing = models.ForeignKey(FeedbackMailing, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "language"], name="one_version_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.mailing_id} ({self.language})"


class FollowChange(models.Model):
    """Something public that changed, which followers are told about once: an action's new
    status (`action:<pk>:<status>`) or a newly published answer (`answer:<pk>`). Found by
    comparing what `public.py` shows with the rows already here."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="follow_changes")
    key = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "key"], name="one_change_each")]

    def __str__(self) -> str:
        return self.key


class FeedbackDelivery(models.Model):
    """The sent log: one row per mailing and subscriber, so that a second send skips them.

    An unsubscribed address is deleted; its delivery rows stay (without the address) so that
    the log still counts what went out."""

    mailing = models.ForeignKey(
        FeedbackMailing, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        FeedbackSubscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    language = models.CharField(max_length=8)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="one_delivery_each")
        ]

    def __str__(self) -> str:
        return f"delivery of {self.mailing_id} to {self.subscriber_id}"


class GuideNotes(TimeStampedModel):
    """What the team learned, passed on in the method guide and the method template."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="guide_notes")
    lessons = models.TextField(_("lessons learned"), blank=True)

    def __str__(self) -> str:
        return f"lessons of {self.dialogue_id}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Building")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class ReportBuild(TimeStampedModel):
    """One dialogue report built in the background (`tasks.report_build`): its progress while
    the worker builds it chapter by chapter, then the file, or why it failed. The file is kept
    in the database so that every app process can serve it (no shared disk needed)."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="report_builds")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    format = models.CharField(max_length=8, choices=ReportFormat.choices)
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    task_id = models.CharField(max_length=64, blank=True)
    done_steps = models.PositiveSmallIntegerField(default=0)
    total_steps = models.PositiveSmallIntegerField(default=0)
    # The chapter being built, in the dialogue's language (the report's own heading).
    stage = models.CharField(max_length=300, blank=True)
    content = models.BinaryField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0)  # bytes, shown without loading the file
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == ReportStatus.DONE:
            return 100
        if not self.total_steps:
            return 0
        return min(99, round(100 * self.done_steps / self.total_steps))

    @property
    def finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

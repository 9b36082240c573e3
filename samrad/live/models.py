"""A live session is an ordered list of questions that participants answer on their phones."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.core.models import TimeStampedModel
from samrad.dialogues.models import Dialogue


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class LiveSession(TimeStampedModel):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(_("join code"), max_length=6, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    current_question = models.ForeignKey(
        "Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN


class QuestionKind(models.TextChoices):
    WORDCLOUD = "wordcloud", _("Word cloud")
    CHOICE = "choice", _("Multiple choice")
    OPEN = "open", _("Open input")


class Question(TimeStampedModel):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    prompt = models.CharField(_("question"), max_length=500)
    accepting = models.BooleanField(_("open for answers"), default=True)
    results_visible = models.BooleanField(_("results shown"), default=True)
    # Multiple choice
    allow_multiple = models.BooleanField(_("several answers allowed"), default=False)
    allow_other = models.BooleanField(_("'Other' with free text"), default=False)
    # Word cloud
    max_entries = models.PositiveSmallIntegerField(_("entries per participant"), default=3)
    max_words = models.PositiveSmallIntegerField(_("words per entry"), default=3)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.prompt


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class Participant(models.Model):
    """An anonymous phone in one session, known only by the random key in its signed token."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(max_length=8, blank=True)
    connections = models.IntegerField(default=0)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"participant {self.pk}"


class InputKind(models.TextChoices):
    """The Norwegian conference table's Spørsmål / Innspill / Forslag."""

    QUESTION = "question", _("Question")
    INPUT = "input", _("Input")
    SUGGESTION = "suggestion", _("Suggestion")


class Channel(models.TextChoices):
    LIVE = "live", _("Live")
    SELF_PACED = "self_paced", _("Self-paced")
    PAPER = "paper", _("Paper form")
    INTERVIEW = "interview", _("Interview")


class Response(models.Model):
    """One answer. `slot` makes "never counted twice" a database rule, not a hope.

    Multiple choice uses slot 0 (a new answer replaces the old one); word-cloud entries use
    slots 0..max_entries-1; open inputs leave slot empty (any number, NULLs are distinct).
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    input_kind = models.CharField(max_length=20, choices=InputKind.choices, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.LIVE)
    client_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant", "slot"], name="one_response_per_slot"
            ),
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="idempotent_client_id"
            ),
        ]
        indexes = [models.Index(fields=["question", "created_at"])]

    def __str__(self) -> str:
        return f"response {self.pk} to question {self.question_id}"

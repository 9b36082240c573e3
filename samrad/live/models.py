"""A live session is an ordered list of questions that participants answer on their phones."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samrad.core.models import OrderedModel, TimeStampedModel
from samrad.dialogues.models import Dialogue


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SessionMode(models.TextChoices):
    LIVE = "live", _("Live, paced by the facilitator")
    SELF_PACED = "self_paced", _("Self-paced, all questions open")


class JoinCode(models.Model):
    """Every join code ever given to a session. The row stays when the session is deleted, so
    that no code is given twice: a phone with an old code, link, QR code or bookmark never
    lands in somebody else's session (live/services.py: _new_code)."""

    code = models.CharField(max_length=6, primary_key=True)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("join code given")
        verbose_name_plural = _("join codes given")

    def __str__(self) -> str:
        return self.code


class LiveSession(TimeStampedModel):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="sessions")
    meeting = models.ForeignKey(
        "dialogues.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("title"), max_length=200)
    mode = models.CharField(
        _("mode"), max_length=12, choices=SessionMode.choices, default=SessionMode.LIVE
    )
    # Self-paced sessions take answers between these times (either may be empty).
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown in breakdowns"), default=5
    )
    # The projector shows the current question's results split by this composition question.
    breakdown = models.ForeignKey(
        "Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
    # When `samrad retention` removed the participants' identifiers (keys, client ids); the
    # answers stay as anonymous counts. Empty while identifiers are kept.
    identifiers_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A presenter link's secret (/show/<secret>/): the projector without a login, view only.
    # Empty: no link. A new secret revokes the old link.
    presenter_secret = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The default of new questions' `results_after_close`.
    results_after_close = models.BooleanField(
        _("results hidden until answering closes"), default=False
    )
    # Quiz (kinds/quiz.py, live/quiz.py): a leaderboard with nicknames, off by default; when
    # on, phones offer a nickname and the control page can put the top 10 on the projector.
    leaderboard = models.BooleanField(_("quiz leaderboard with nicknames"), default=False)
    leaderboard_on_screen = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever made the session (services, imports, fixtures), its code is recorded as
        # given, for good; `_new_code` has recorded it already when it chose it.
        if self._state.adding and self.code:
            JoinCode.objects.get_or_create(code=self.code)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN


class QuestionKind(models.TextChoices):
    WORDCLOUD = "wordcloud", _("Word cloud")
    CHOICE = "choice", _("Multiple choice")
    OPEN = "open", _("Open input")
    QA = "qa", _("Q&A")
    SCALE = "scale", _("Scale")
    RANKING = "ranking", _("Ranking")
    NUMERIC = "numeric", _("Number")
    POINTS = "points", _("Points to spend")
    STATEMENTS = "statements", _("Statements")
    INFO = "info", _("Info slide")
    QUIZ = "quiz", _("Quiz")


class QuestionRole(models.TextChoices):
    """Ready-made meeting polls mark their questions; composition answers define segments."""

    NONE = "", _("Ordinary question")
    COMPOSITION = "composition", _("Composition (who is here)")
    EVALUATION = "evaluation", _("Meeting evaluation")


class Question(TimeStampedModel, OrderedModel):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    prompt = models.CharField(_("question"), max_length=500)
    accepting = models.BooleanField(_("open for answers"), default=True)
    results_visible = models.BooleanField(_("results shown"), default=True)
    # The projector shows results only once answering has closed (by hand or countdown).
    results_after_close = models.BooleanField(
        _("results hidden until answering closes"), default=False
    )
    # Phones show the results once answering has closed.
    results_on_phones = models.BooleanField(_("results on phones after closing"), default=False)
    # A countdown: answering closes at this moment (rules.response_refusal decides).
    countdown_ends_at = models.DateTimeField(null=True, blank=True)
    # Multiple choice
    allow_multiple = models.BooleanField(_("several answers allowed"), default=False)
    allow_other = models.BooleanField(_("'Other' with free text"), default=False)
    # Word cloud
    max_entries = models.PositiveSmallIntegerField(_("entries per participant"), default=3)
    max_words = models.PositiveSmallIntegerField(_("words per entry"), default=3)
    # Scale
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    label_low = models.CharField(_("label of the low end"), max_length=80, blank=True)
    label_high = models.CharField(_("label of the high end"), max_length=80, blank=True)
    # Number
    number_min = models.FloatField(_("smallest number"), null=True, blank=True)
    number_max = models.FloatField(_("largest number"), null=True, blank=True)
    # Points to spend
    points_budget = models.PositiveSmallIntegerField(_("points to spend"), default=100)
    # Quiz: full speed points within this many seconds (kinds/quiz.py: quiz_points), and
    # when answering last opened (the question shown, opened by hand or a countdown started).
    quiz_seconds = models.PositiveSmallIntegerField(_("seconds to answer"), default=20)
    answering_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    # For the facilitator only: shown on the control page, never on phones, the projector,
    # public pages or exports.
    speaker_notes = models.TextField(_("speaker notes"), blank=True)
    # Q&A
    premoderated = models.BooleanField(_("approve questions before they are shown"), default=False)
    # An image, any kind (`live/images.py` checks it): stored under MEDIA_ROOT/live/questions/
    # with a random name, served only by `views_images.question_image` with its checked type.
    image = models.FileField(_("image"), upload_to="live/questions/", blank=True, max_length=200)
    image_alt = models.CharField(_("image description"), max_length=300, blank=True)
    image_type = models.CharField(max_length=20, blank=True)

    @property
    def image_name(self) -> str:
        """The stored image's file name (random; the uploaded name is never kept)."""
        return (self.image.name or "").rsplit("/", 1)[-1] if self.image else ""

    pinned = models.ForeignKey(
        "Response", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=QuestionRole.choices, default="", blank=True
    )
    # Which ready-made poll question this is (e.g. "age_band"), to find it again in breakdowns.
    template_key = models.CharField(max_length=40, blank=True)
    # Word clouds: surface forms ("tryggheten") a facilitator split from the group the
    # lemmatizer put them in; each counts as a term of its own wherever this question's
    # terms are counted (services.wordcloud_split / wordcloud_join).
    terms_apart = models.JSONField(default=list, blank=True, editable=False)

    class Meta(OrderedModel.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.prompt

    @property
    def time_up(self) -> bool:
        """The question's countdown has run out."""
        return self.countdown_ends_at is not None and timezone.now() >= self.countdown_ends_at

    @property
    def answering_open(self) -> bool:
        """Open for answers by the facilitator's switch and the countdown (the session's
        state and the current question are `rules.response_refusal`'s part)."""
        return self.accepting and not self.time_up

    @property
    def countdown_remaining(self) -> float | None:
        """Seconds left on a running countdown; None when there is none or it is over."""
        if self.countdown_ends_at is None:
            return None
        left = (self.countdown_ends_at - timezone.now()).total_seconds()
        return left if left > 0 else None

    @property
    def results_shown(self) -> bool:
        """Whether the projector shows the results now."""
        return self.results_visible and not (self.results_after_close and self.answering_open)


class Choice(OrderedModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("label"), max_length=200)
    correct = models.BooleanField(_("correct answer"), default=False)  # quiz

    def __str__(self) -> str:
        return self.label


class Participant(models.Model):
    """An anonymous phone in one session, known only by the random key in its signed token.

    A paper form or an interview entered by a facilitator is a participant too (its channel
    says so), so that its answers hang together for breakdowns like a phone's do.
    """

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(max_length=20, default="live")
    language = models.CharField(max_length=8, blank=True)
    connections = models.IntegerField(default=0)
    # Chosen on the phone for a quiz leaderboard (only when the session has one); personal
    # data: in "My data", erased with the participant and cleared at retention (privacy.py).
    nickname = models.CharField(max_length=30, blank=True)
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
    IMPORTED = "imported", _("Imported")  # results of another tool (insights/foreign.py)


class Moderation(models.TextChoices):
    APPROVED = "approved", _("Shown")
    PENDING = "pending", _("Waiting for approval")
    HIDDEN = "hidden", _("Hidden")


class Response(models.Model):
    """One answer. `slot` makes "never counted twice" a database rule, not a hope.

    One-answer kinds (choice, scale, ranking, number, points) use slot 0, so a new answer
    replaces the old one; word-cloud entries use slots 0..max_entries-1; open inputs and Q&A
    questions leave slot empty (any number of them: NULLs are distinct).
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    input_kind = models.CharField(max_length=20, choices=InputKind.choices, blank=True)
    value = models.FloatField(null=True, blank=True)
    points = models.JSONField(default=dict, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.LIVE)
    client_id = models.UUIDField(null=True, blank=True)
    # Q&A: moderation, the facilitator's short reply, duplicates merged into one, upvotes.
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.APPROVED
    )
    answered = models.BooleanField(default=False)
    reply = models.TextField(blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    upvotes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    duplicates: list["Response"]  # set by selectors for the Q&A panel, never stored

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


class Upvote(models.Model):
    """One participant's upvote of a Q&A question; the unique pair makes a second one count once."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="upvote_set")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="upvotes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "participant"], name="one_upvote_each")
        ]

    def __str__(self) -> str:
        return f"upvote of {self.response_id} by {self.participant_id}"


class BlockedWords(TimeStampedModel):
    """An organisation's word filter for one language (`live/wordfilter.py`): one word or
    phrase per line. Without a row the language's default list applies. Entries of word
    clouds, open inputs and Q&A that contain a listed word wait for the facilitator."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="blocked_words"
    )
    language = models.CharField(max_length=8)
    words = models.TextField(_("words never shown"), blank=True)

    class Meta:
        verbose_name = _("word filter")
        verbose_name_plural = _("word filters")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="one_word_list_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"word filter {self.language} of {self.organisation_id}"

"""The input board: every question, input and suggestion of a dialogue in one list, coded
with themes from the dialogue's codebook, answered and published.

An `Input` comes from a live response (open input or Q&A post, whatever its channel: live,
self-paced, paper, interview), kept in step by `services.inputs_sync`, or from an imported
table (`ImportBatch`). Deleting the live response (a facilitator resets a question) deletes
its input too: the board shows what the sessions hold.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samrad.core.models import OrderedModel, TimeStampedModel
from samrad.dialogues.models import Dialogue
from samrad.live.models import InputKind


class InputChannel(models.TextChoices):
    LIVE = "live", _("Live")
    SELF_PACED = "self_paced", _("Self-paced")
    PAPER = "paper", _("Paper form")
    INTERVIEW = "interview", _("Interview")
    # The channel says how an input came, not a command: "Importerad", not "Importera".
    IMPORT = "import", pgettext_lazy("input channel", "Import")
    IMPORTED = "imported", _("Imported")  # a session imported from Mentimeter / Slido


class InputStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CONSIDERED = "considered", _("Will be considered")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the scope")
    DUPLICATE = "duplicate", _("Duplicate")


# Colours with at least 4.5:1 contrast against white text (WCAG AA), picked in turn.
THEME_COLOURS = [
    "#1f5f8b",
    "#8a3b12",
    "#2e6b30",
    "#6b3f8f",
    "#9b1c4a",
    "#005f5f",
    "#6d5a00",
    "#4a4a4a",
    "#b03a2e",
    "#3949ab",
]


class Theme(TimeStampedModel, OrderedModel):
    """A code of the dialogue's codebook; a sub-theme has a parent theme."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default=THEME_COLOURS[0])

    # Set by selectors.codebook for display, never stored.
    depth: int
    key: str

    class Meta(OrderedModel.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "name"], name="one_theme_name_per_dialogue")
        ]

    def __str__(self) -> str:
        return self.name


class ImportStatus(models.TextChoices):
    DRAFT = "draft", _("Waiting for confirmation")
    QUEUED = "queued", _("Waiting to be imported")
    RUNNING = "running", _("Being imported")
    FAILED = "failed", _("Not imported")
    DONE = "done", _("Imported")


class ImportBatch(models.Model):
    """An uploaded table: kept (as bytes) while the facilitator checks the preview and the
    column mapping, then imported all at once; the bytes are dropped after the import.

    A large import runs in the background (`tasks.import_batch`, docs/architecture/bgimport.md):
    the chosen mapping, the rows stored so far and the outcome (the rows that stop it, or the
    error) are kept here for the page that polls it."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="import_batches")
    filename = models.CharField(max_length=200)
    data = models.BinaryField(blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.DRAFT
    )
    rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The import itself (set when it starts): who, with which columns, in which language its
    # messages are written; then how far it has come and how it ended.
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mapping = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    done_rows = models.PositiveIntegerField(default=0)
    # Themes this import created (taken away again if it fails): every row or none.
    created_themes = models.JSONField(default=list, blank=True)
    # [[line, message], …]: the rows that stopped the last run, in `language`.
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)  # an unexpected failure, for the administrator
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def runnable(self) -> bool:
        """The facilitator may (still or again) start the import."""
        return self.status in (ImportStatus.DRAFT, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.rows:
            return 0
        return min(99, round(100 * self.done_rows / self.rows))


class Input(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="inputs")
    text = models.TextField(_("text"))
    kind = models.CharField(_("type"), max_length=12, choices=InputKind.choices, blank=True)
    channel = models.CharField(
        _("channel"), max_length=12, choices=InputChannel.choices, default=InputChannel.LIVE
    )
    session = models.ForeignKey(
        "live.LiveSession", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "dialogues.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The phone (or paper form) it came from: its composition answers are its segments.
    participant = models.ForeignKey(
        "live.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    response = models.OneToOneField(
        "live.Response", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="inputs"
    )
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    answer = models.TextField(_("answer"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=InputStatus.choices, default=InputStatus.NEW
    )
    published = models.BooleanField(_("published"), default=False)
    # A merged near-duplicate points to the input kept; its upvotes count there.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    upvotes = models.PositiveIntegerField(default=0)
    themes = models.ManyToManyField(Theme, through="Coding", related_name="inputs", blank=True)

    # Set by views.present for display, never stored.
    theme_list: list[Theme]
    duplicate_list: list["Input"]
    total_upvotes: int
    kind_label: str
    status_label: str
    channel_label: str
    urls: dict[str, str]

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["dialogue", "created_at", "id"]),
            models.Index(fields=["dialogue", "status"]),
            models.Index(fields=["dialogue", "kind"]),
            models.Index(fields=["dialogue", "session"]),
            models.Index(fields=["dialogue", "published"]),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Coding(models.Model):
    """One theme on one input (an input may carry several)."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="codings")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codings")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["input", "theme"], name="one_coding_per_theme")
        ]
        indexes = [models.Index(fields=["theme", "input"])]

    def __str__(self) -> str:
        return f"{self.theme_id} on {self.input_id}"

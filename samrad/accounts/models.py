"""An organisation owns everything; a membership gives a user a role in it."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from samrad.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    FACILITATOR = "facilitator", _("Facilitator")
    VIEWER = "viewer", _("Viewer")


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.FACILITATOR
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"


class DialogueRole(TimeStampedModel):
    """A member's role on one dialogue: it replaces their organisation-wide role there (a
    facilitator of the organisation may only view one dialogue; a viewer may facilitate
    another). Owners keep their role everywhere. Deleted with the membership."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="dialogue_roles"
    )
    dialogue = models.ForeignKey(
        "dialogues.Dialogue", on_delete=models.CASCADE, related_name="member_roles"
    )
    role = models.CharField(
        _("role on this dialogue"),
        max_length=20,
        choices=[(Role.FACILITATOR, Role.FACILITATOR.label), (Role.VIEWER, Role.VIEWER.label)],
    )

    class Meta:
        verbose_name = _("role on a dialogue")
        verbose_name_plural = _("roles on dialogues")
        constraints = [
            models.UniqueConstraint(fields=["membership", "dialogue"], name="one_role_per_dialogue")
        ]

    def __str__(self) -> str:
        return f"{self.membership} on {self.dialogue_id}: {self.role}"


class Invitation(TimeStampedModel):
    """An owner's invitation of a colleague by e-mail.

    The link carries a signed token of the invitation's id and `nonce`; it works once
    (`accepted_at`) and until `expires_at`. Inviting the same address again gives a new
    nonce and expiry, so the older link stops working."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language of the e-mail"), max_length=8)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nonce = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=models.Q(accepted_at__isnull=True),
                name="one_open_invitation_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} to {self.organisation}"


class ApiToken(models.Model):
    """A personal token for the facilitator API (`Authorization: Bearer …`).

    Only the SHA-256 of the secret is stored, and its first characters to tell tokens apart;
    the secret itself is shown once, when it is created. Revoking deletes the row.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

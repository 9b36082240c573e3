"""Statements of a "statements" question and the agree / disagree / pass votes on them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.core.models import TimeStampedModel
from samrad.live.models import Moderation, Participant, Question

TEXT_LIMIT = 280


class Vote(models.IntegerChoices):
    AGREE = 1, _("Agree")
    PASS = 0, _("Pass")
    DISAGREE = -1, _("Disagree")


class Statement(TimeStampedModel):
    """A short statement to vote on, seeded by the facilitator (no author) or a participant's.

    ``normalised`` is the text as duplicates are compared (services.normalise);
    ``duplicate_of`` flags a submission that repeats an earlier statement, for the moderator.
    ``input`` is the input it became on the dialogue's board, when it was sent there.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=TEXT_LIMIT)
    normalised = models.CharField(max_length=TEXT_LIMIT, db_index=True)
    author = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.APPROVED
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    # The input it became on the dialogue's input board (sent from the report page); sending
    # again updates that input instead of adding another.
    input = models.OneToOneField(
        "insights.Input", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("statement")

    def __str__(self) -> str:
        return self.text


class StatementVote(TimeStampedModel):
    """One participant's vote on one statement; a new vote replaces it (one row, ever)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="statement_votes"
    )
    value = models.SmallIntegerField(choices=Vote.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant"], name="opinions_one_vote_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=[-1, 0, 1]), name="opinions_vote_value"
            ),
        ]

"""Refusals of the statements kind, with messages in the participant's language."""

from django.utils.translation import gettext_lazy as _

from samrad.live.errors import Refused

MESSAGES = {
    "statement_unavailable": _("This statement is not open for votes (any more)."),
    "vote_value": _("Please choose agree, disagree or pass."),
}


class StatementRefused(Refused):
    """A statement or vote that was turned down; nothing was stored."""

    @property
    def message(self) -> str:
        if self.code in MESSAGES:
            return str(MESSAGES[self.code]) % self.params
        return super().message

    @property
    def status(self) -> int:
        return 404 if self.code == "statement_unavailable" else super().status

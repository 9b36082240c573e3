"""Refusals of the statements kind and problems of Pol.is files, with messages in the
user's language."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samrad.live.errors import Refused
from samrad.opinions.analysis.polis import PolisFormatError

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


def polis_error_message(error: PolisFormatError) -> str:
    """A Pol.is file's problem in the active language: its template is a msgid of the
    project's translations (``gettext`` of a variable: the msgids are listed in the .po
    files by hand, and a test checks every template is translated)."""
    return gettext(error.template).format(**error.fields)

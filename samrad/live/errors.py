"""Refusals a participant can meet, with the message shown in their language."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "unknown_code": _("There is no open session with that code. Check the code and try again."),
    "session_closed": _("This session has ended. Thank you for taking part!"),
    "not_current": _("This question is no longer on screen. Here is the current one."),
    "question_closed": _("This question is closed. Your earlier answers are kept."),
    "empty": _("Please write something before you send."),
    "too_long": _("That is too long. Please keep it under %(limit)s characters."),
    "too_many_words": _("Please use at most %(limit)s words."),
    "limit_reached": _("You have sent as many answers as this question takes."),
    "invalid_choice": _("Please choose one of the options."),
    "single_choice": _("Please choose only one option."),
    "invalid_kind": _("Please say whether this is a question, an input or a suggestion."),
    "invalid": _("That answer could not be understood. Please try again."),
}

# HTTP status for each refusal, shared by the phone pages and the API.
STATUS = {
    "unknown_code": 404,
    "session_closed": 409,
    "not_current": 409,
    "question_closed": 409,
    "limit_reached": 409,
}


class Refused(Exception):
    """A request the rules or validation turned down; nothing was stored."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return str(MESSAGES.get(self.code, MESSAGES["invalid"])) % self.params

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 422)

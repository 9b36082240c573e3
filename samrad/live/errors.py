"""Refusals a participant can meet, with the message shown in their language."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from samrad.core.refusals import Refusal

MESSAGES = {
    "unknown_code": _("There is no open session with that code. Check the code and try again."),
    "too_many_attempts": _(
        "Too many wrong codes from this connection. Please wait a minute and try again."
    ),
    "guess_wait": _("Too many wrong codes. Please wait %(seconds)s seconds and try again."),
    "rejoin_limit": _(
        "You have already joined this session on this device. Please use the page you opened first."
    ),
    "no_codes_left": _(
        "No new join code is left on this server: every code has been given to a session "
        "once, and a code is never given twice. Nothing was created. Please tell the "
        "server's administrator."
    ),
    "too_fast": _("You are sending very fast. Please wait a moment and try again."),
    "session_closed": _("This session has ended. Thank you for taking part!"),
    "not_started": _("The session has not started yet. The question will appear here by itself."),
    "not_current": _("This question is no longer on screen. Here is the current one."),
    "question_closed": _("This question is closed. Your earlier answers are kept."),
    "time_up": _("Time is up: this question no longer takes answers."),
    "no_answer": _("No answer needed: this is information for you."),
    "not_now": _("Reactions are open while the session runs."),
    "invalid_reaction": _("Choose one of the reactions."),
    "not_open_yet": _("This survey has not opened yet. Please come back later."),
    "period_over": _("This survey has closed. Thank you for your interest!"),
    "empty": _("Please write something before you send."),
    "too_long": _("That is too long. Please keep it under %(limit)s characters."),
    "too_many_words": _("Please use at most %(limit)s words."),
    "limit_reached": _("You have sent as many answers as this question takes."),
    "invalid_choice": _("Please choose one of the options."),
    "single_choice": _("Please choose only one option."),
    "invalid_kind": _("Please say whether this is a question, an input or a suggestion."),
    "scale_value": _("Please choose a value from %(min)s to %(max)s."),
    "rank_all": _("Please put every option in order, each one once."),
    "not_a_number": _("Please enter a number, for example 12 or 3.5."),
    "out_of_range": _("Please enter a number from %(min)s to %(max)s."),
    "too_small": _("Please enter a number of at least %(min)s."),
    "too_large": _("Please enter a number of at most %(max)s."),
    "points_whole": _("Please give each option a whole number of points, 0 or more."),
    "points_total": _("Please spend exactly %(budget)s points. You have spent %(spent)s."),
    "invalid": _("That answer could not be understood. Please try again."),
    "post_unavailable": _("This question is not shown in the list (any more)."),
    "merge_invalid": _("Choose another question of this Q&A to merge into."),
    "busy": _("Very many answers are arriving right now. Please try again in a moment."),
    "no_leaderboard": _("This session has no leaderboard."),
    "nickname_blocked": _("Please choose another nickname."),
}

# HTTP status for each refusal, shared by the phone pages and the API.
STATUS = {
    "unknown_code": 404,
    "too_many_attempts": 429,
    "too_fast": 429,
    "guess_wait": 429,
    "rejoin_limit": 429,
    "no_codes_left": 503,
    "session_closed": 409,
    "not_started": 409,
    "not_current": 409,
    "question_closed": 409,
    "time_up": 409,
    "not_now": 409,
    "not_open_yet": 409,
    "period_over": 409,
    "limit_reached": 409,
    "post_unavailable": 404,
    "busy": 503,
}


class Refused(Refusal):
    """A request the rules or validation turned down; nothing was stored."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return str(MESSAGES.get(self.code, MESSAGES["invalid"])) % self.params

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 422)


class NoCodesLeft(Refused):
    """Every join code has been given once (codes are never given twice): no new session can
    be made. Pages, the API and commands that create sessions answer with the message."""

    def __init__(self) -> None:
        super().__init__("no_codes_left")


def refused_as_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page view whose Refused (too many wrong codes, above all) becomes a page with the
    message and the refusal's status, in the visitor's language."""
    from samrad.core.views import error_page

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return error_page(refused.message, status=refused.status)

    return wrapper

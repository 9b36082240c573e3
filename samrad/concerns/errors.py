"""Refusals a participant or facilitator can meet in a concerns workshop, in their language.

The same `Refused` as the live app (code → message, HTTP status); codes of our own are looked
up here first, then in `samrad.live.errors`.
"""

from django.utils.translation import gettext_lazy as _

from samrad.live import errors as live_errors

MESSAGES = {
    "not_current": _("This step is no longer on screen. Here is the current one."),
    "no_group": _("Please choose your group first."),
    "unknown_group": _("That group does not exist (any more). Please choose another one."),
    "ideas_closed": _("This idea round is closed. Your ideas are kept."),
    "vote_closed": _("Voting is closed. Your dots are kept."),
    "no_dots_left": _("You have used all your %(dots)s dots. Take one back to move it."),
    "one_per_idea": _("You can put only one dot on each idea."),
    "no_dot_here": _("You have no dot on this idea."),
    "idea_unavailable": _("This idea is no longer in the vote."),
    "too_long": _("That is too long. Please keep it under %(limit)s characters."),
    "group_name_taken": _("There is already a group with that name."),
    "group_has_ideas": _("This group has ideas; it cannot be removed."),
    "vote_started": _("Dots have been given already; the vote's settings stay as they are."),
    "merge_invalid": _("Choose another idea of this workshop to merge into."),
}

STATUS = {
    "not_current": 409,
    "ideas_closed": 409,
    "vote_closed": 409,
    "no_dots_left": 409,
    "one_per_idea": 409,
    "no_dot_here": 409,
    "idea_unavailable": 404,
    "unknown_group": 404,
}


class Refused(live_errors.Refused):
    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code) or live_errors.MESSAGES.get(
            self.code, live_errors.MESSAGES["invalid"]
        )
        return str(template) % self.params

    @property
    def status(self) -> int:
        return STATUS.get(self.code) or live_errors.STATUS.get(self.code, 422)

"""What a storyteller is told when a story cannot be stored, in their language."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "survey_closed": _(
        "This survey is closed. Thank you for your interest! Stories already sent are kept."
    ),
    "story_empty": _("Please tell your story before you send."),
    "too_long": _("That is too long. Please keep it under %(limit)s characters."),
    "triad_invalid": _(
        "Please place the point inside the triangle (the three shares must add up to 100)."
    ),
    "dyad_invalid": _("Please choose a position from 0 to 100."),
    "choice_invalid": _("Please choose among the options shown."),
    "single_choice": _("Please choose only one option."),
    "required": _("Please answer this question, or choose 'Not applicable'."),
    "consent": _("Please agree to the consent text to send your story."),
}


def message(code: str, **params) -> str:
    return str(MESSAGES[code]) % params if params else str(MESSAGES[code])


class SurveyClosed(Exception):
    """The survey does not take stories now; nothing was stored."""

    @property
    def message(self) -> str:
        return message("survey_closed")


class InvalidStory(Exception):
    """The story or some of its values are not valid; nothing was stored.

    `errors` maps a form field ("text", "title", "consent", "s<signifier id>") to its message.
    """

    def __init__(self, errors: dict[str, str]):
        super().__init__(", ".join(errors))
        self.errors = errors

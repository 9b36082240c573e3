"""Authentication of the facilitator API: a personal token in `Authorization: Bearer …`, the
role check every writing endpoint makes, and the text patterns request bodies share."""

from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from samrad.accounts.rules import can_facilitate
from samrad.accounts.services import apitoken_use

# Text fields of request bodies: no NUL character (PostgreSQL refuses it), and for names and
# prompts at least one character that is not a space.
NO_NUL = r"^[^\x00]*$"
SOME_TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"


class FacilitatorToken(HttpBearer):
    """Resolves the token's user (`request.auth`, also `request.user`); None answers 401."""

    def authenticate(self, request, token):
        user = apitoken_use(secret=token.strip())
        if user is not None:
            request.user = user
        return user


def require_facilitator(user, organisation) -> None:
    """Owners and facilitators write; a viewer gets 403 (another organisation's data is 404
    before this is asked, because selectors scope every lookup to the user's organisations)."""
    if not can_facilitate(user, organisation):
        raise HttpError(403, _("Your role in this organisation may read but not change."))

"""Authentication of the facilitator API: a personal token in `Authorization: Bearer …`, the
role check every writing endpoint makes, and the patterns and types requests share."""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import BeforeValidator, Field

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


# Ids in paths and queries: what a database key can hold. A larger number is not valid
# (422) rather than an overflow in the database.
Id = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


def _a_json_number(value):
    """A number in a body is a JSON number: true/false or a string is not one (lax Pydantic
    would read true as 1 and "5" as 5, which the OpenAPI document does not promise)."""
    if isinstance(value, bool | str):
        raise ValueError("must be a number")
    return value


# A whole number, or any number, in a body (3.0 is a whole number, as in JSON Schema).
Whole = Annotated[int, BeforeValidator(_a_json_number)]
Number = Annotated[float, BeforeValidator(_a_json_number)]

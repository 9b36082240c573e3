"""Who is on a phone in a workshop: the live Participant of the workshop's session.

The phone joined through the live join flow (`/j/<code>/`), which set the signed participant
cookie of the session (`samrad.live.tokens`) and sent it to the workshop's phone page.
"""

from django.http import HttpRequest

from samrad.live.models import Participant
from samrad.live.tokens import cookie_name, participant_from_token


def participant_for(request: HttpRequest, workshop) -> Participant | None:
    """The phone's participant in `workshop`, or None if it has not joined its session."""
    token = request.COOKIES.get(cookie_name(workshop.session_id)) or request.headers.get(
        "X-Participant-Token"
    )
    return participant_from_token(token, session_id=workshop.session_id)

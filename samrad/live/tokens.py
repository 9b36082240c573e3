"""Participant tokens: the signed random key that is a phone's only identity."""

import uuid

from django.conf import settings
from django.core import signing

from samrad.live.models import Participant

SALT = "samrad.live.participant"


def participant_token(participant: Participant) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(participant.key))


def participant_from_token(
    token: str | None, *, session_id: int | None = None
) -> Participant | None:
    """The participant a token names, or None if it is forged, expired or of another session."""
    key = participant_key(token)
    if key is None:
        return None
    participants = Participant.objects.select_related("session")
    if session_id is not None:
        participants = participants.filter(session_id=session_id)
    return participants.filter(key=key).first()


def participant_key(token: str | None) -> uuid.UUID | None:
    """The participant key a token carries, if its signature holds and it has not expired:
    checked without the database (a socket looks the participant up with its session)."""
    if not token:
        return None
    max_age = settings.SAMRAD_PARTICIPANT_COOKIE_DAYS * 86400
    try:
        return uuid.UUID(signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age))
    except (signing.BadSignature, ValueError):
        return None


def cookie_name(session_id: int) -> str:
    return f"samrad_p{session_id}"

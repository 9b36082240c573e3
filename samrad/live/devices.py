"""The device cookie: which browser is guessing join codes or joining again and again.

A phone's participant cookie names it in one session; this cookie names the browser across
sessions, so that limits fall on the client that misbehaves and not on everyone behind its
address (a hall on one guest Wi-Fi). A client that drops it is counted by address instead.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from samrad.core.ratelimit import client_address
from samrad.live.models import Participant
from samrad.live.tokens import cookie_name, participant_token

COOKIE = "samrad_device"
SALT = "samrad.live.device"
MAX_AGE = 365 * 86400


@dataclass(frozen=True)
class Device:
    """Who asks to join: a device id (a fresh one when no valid cookie came: `new`) and the
    client's address."""

    id: str
    address: str
    new: bool = False


def device_of(request: HttpRequest) -> Device:
    address = client_address(request)
    try:
        device_id = signing.TimestampSigner(salt=SALT).unsign(
            request.COOKIES.get(COOKIE, ""), max_age=MAX_AGE
        )
        uuid.UUID(device_id)
    except (signing.BadSignature, ValueError):
        return Device(id=uuid.uuid4().hex, address=address, new=True)
    return Device(id=device_id, address=address)


def device_cookie_set(response: HttpResponse, device: Device) -> None:
    """Give a browser that came without one its device cookie."""
    if not device.new:
        return
    response.set_cookie(
        COOKIE,
        signing.TimestampSigner(salt=SALT).sign(device.id),
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def joined_cookies_set(response: HttpResponse, participant: Participant, device: Device) -> None:
    """The cookies of a phone that has just joined: its participant token (its only identity
    in the session) and, if it came without one, its device cookie."""
    response.set_cookie(
        cookie_name(participant.session_id),
        participant_token(participant),
        max_age=settings.SAMRAD_PARTICIPANT_COOKIE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    device_cookie_set(response, device)

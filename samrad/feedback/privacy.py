"""What feedback stores about a phone, for the registry of personal data
(core/personal_data.py): the e-mail address it left for feedback, with the consent given.

The address is deliberately not linked to the participant in the database (nobody can join
it to the answers). The phone that left it keeps the subscription's token in a signed cookie
(`samrad_feedback`, set by the sign-up page); "My data" reads it (`held`) and shows and
erases the address, as the unsubscribe link in every e-mail does.
"""

from django.conf import settings
from django.core import signing

from samrad.core import personal_data
from samrad.feedback.models import FeedbackSubscriber

NAME = "feedback.subscriptions"
COOKIE = "samrad_feedback"
SALT = "samrad.feedback.subscriptions"
KEPT_TOKENS = 20  # a phone that signs up for more dialogues keeps the latest ones
MAX_AGE = 2 * 365 * 86400


def held(request) -> list[str]:
    try:
        tokens = signing.loads(request.COOKIES.get(COOKIE, ""), salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError):
        return []
    return [token for token in tokens if isinstance(token, str)] if isinstance(tokens, list) else []


def remember(request, response, subscriber: FeedbackSubscriber) -> None:
    """The sign-up page's answer: add this subscription's token to the phone's cookie."""
    tokens = [token for token in held(request) if token != subscriber.token]
    tokens = [*tokens, subscriber.token][-KEPT_TOKENS:]
    response.set_cookie(
        COOKIE,
        signing.dumps(tokens, salt=SALT, compress=True),
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _subscriptions(phone: personal_data.Phone):
    subscribers = FeedbackSubscriber.objects.filter(token__in=phone.keys(NAME))
    if phone.participant is not None:  # "My data" of a session: its dialogue's address
        subscribers = subscribers.filter(dialogue_id=phone.participant.session.dialogue_id)
    return subscribers


def _export(phone: personal_data.Phone) -> list[dict]:
    return [
        {
            "dialogue": subscriber.dialogue.title,
            "email": subscriber.email,
            "language": subscriber.language,
            "consent": subscriber.consent_text,
            "consented_at": subscriber.consented_at.isoformat(),
        }
        for subscriber in _subscriptions(phone).select_related("dialogue")
    ]


def _erase(phone: personal_data.Phone) -> int:
    """The address goes; the sent log keeps its rows without it (as unsubscribing does)."""
    return _subscriptions(phone).delete()[1].get("feedback.FeedbackSubscriber", 0)


def register_all() -> None:
    personal_data.register(
        NAME,
        models=("feedback.FeedbackSubscriber",),
        export=_export,
        erase=_erase,
        held=held,
        kept="the count of feedback e-mails sent (the sent log, without the address)",
    )

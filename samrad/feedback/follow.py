"""Following a dialogue: signing up on the public page with double opt-in, and the e-mail a
follower gets when an action's status changes or an answer is published.

What changed is found by comparing what `public.py` shows now with the `FollowChange` rows
already recorded (one per action status and per published answer), so the apps that change
actions and answers only say "this dialogue may have changed" (`dialogue_changed`), after
their commit. Each follower keeps the id of the last change they were told about
(`notified_through`); moving it forward with a conditional UPDATE before the e-mail leaves
means two notifiers at once never mail anybody twice.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samrad.core import audit, ratelimit
from samrad.dialogues.models import Dialogue
from samrad.feedback import public
from samrad.feedback.models import FeedbackSubscriber, FollowChange, PublicPage

logger = logging.getLogger(__name__)

CONFIRM_SALT = "samrad.feedback.follow"
CONFIRM_DAYS = 7
MAX_ITEMS = 20  # changes listed in one e-mail; the rest are on the public page


class FollowRefused(Exception):
    """A refusal with a message for the person who asked (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Sender and links ----------------------------------------------------------------------


def sender(dialogue: Dialogue) -> str:
    """The "From" of the dialogue's e-mails: the public page's sender when set (name and/or
    address), else DEFAULT_FROM_EMAIL."""
    page = PublicPage.objects.filter(dialogue=dialogue).first()
    name = page.sender_name.strip() if page else ""
    address = (page.sender_email.strip() if page else "") or settings.DEFAULT_FROM_EMAIL
    return formataddr((name, address)) if name else address


def base_url(subscriber: FeedbackSubscriber) -> str:
    return settings.SITE_URL or subscriber.site_url


def unsubscribe_url(subscriber: FeedbackSubscriber) -> str:
    return base_url(subscriber) + reverse("feedback:unsubscribe", args=[subscriber.token])


def page_url(subscriber: FeedbackSubscriber) -> str:
    page = PublicPage.objects.filter(dialogue_id=subscriber.dialogue_id, published=True).first()
    return base_url(subscriber) + reverse("feedback:public", args=[page.slug]) if page else ""


def _mail(subscriber: FeedbackSubscriber, subject: str, body: str) -> EmailMessage:
    unsubscribe = unsubscribe_url(subscriber)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body="".join([body]),  # plain text: drop render_to_string's "safe" mark
        from_email=sender(subscriber.dialogue),
        to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "Content-Language": subscriber.language},
    )


# --- Signing up (double opt-in) ------------------------------------------------------------


def signup_allowed(*, email: str, address: str) -> bool:
    """Count one sign-up; False past SAMRAD_FOLLOW_SIGNUPS_PER_HOUR for the e-mail address,
    or four times that for the client address."""
    limit = settings.SAMRAD_FOLLOW_SIGNUPS_PER_HOUR
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    per_email = ratelimit.hit(f"follow-email:{digest}", window=3600)
    per_address = ratelimit.hit(f"follow-address:{ratelimit.address_group(address)}", window=3600)
    return per_email <= limit and per_address <= 4 * limit


def confirm_token(subscriber: FeedbackSubscriber) -> str:
    return signing.dumps(subscriber.token, salt=CONFIRM_SALT)


@transaction.atomic
def follow_request(
    *, dialogue: Dialogue, email: str, language: str, consent: bool, address: str, site_url: str
) -> FeedbackSubscriber | None:
    """Someone asks to follow the dialogue — on its public page, or on a phone in one of its
    sessions: keep the address unconfirmed and e-mail a confirmation link (double opt-in).
    An address that already follows gets nothing new (the page answers the same either way,
    so it tells nobody who follows)."""
    from samrad.feedback.services import LANGUAGE_CODES, consent_text

    if not consent:
        raise FollowRefused(
            _("Tick the box to agree, or leave without giving your address. Nothing was saved.")
        )
    local, _at, domain = email.strip().rpartition("@")
    if not local or not domain:
        raise FollowRefused(_("Enter a valid e-mail address."))
    email = f"{local}@{domain.lower()}"
    if not signup_allowed(email=email, address=address):
        raise FollowRefused(_("Too many sign-ups from here. Try again in an hour."))
    language = language if language in LANGUAGE_CODES else dialogue.language
    unconfirmed_forget(dialogue=dialogue)
    existing = (
        FeedbackSubscriber.objects.select_for_update()
        .filter(dialogue=dialogue, email__iexact=email)
        .first()
    )
    if existing is not None and existing.confirmed_at is not None:
        return None
    with translation.override(language):
        text = consent_text(dialogue)
    fields = {
        "email": email,
        "language": language,
        "consent_text": text,
        "consented_at": timezone.now(),
        "site_url": site_url[:200],
    }
    if existing is None:
        subscriber = FeedbackSubscriber.objects.create(dialogue=dialogue, **fields)
    else:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        subscriber = existing
    confirm = base_url(subscriber) + reverse("feedback:confirm", args=[confirm_token(subscriber)])
    with translation.override(language):
        body = render_to_string(
            "feedback/follow_confirm_email.txt",
            {
                "dialogue": dialogue,
                "confirm_url": confirm,
                "days": CONFIRM_DAYS,
                "unsubscribe_url": unsubscribe_url(subscriber),
            },
        )
        subject = _("Confirm that you want to follow “%(dialogue)s”") % {"dialogue": dialogue.title}
    _mail(subscriber, subject, body).send(fail_silently=False)
    return subscriber


def unconfirmed_forget(*, dialogue: Dialogue) -> int:
    """Addresses never confirmed within the link's life are deleted (data minimisation)."""
    deadline = timezone.now() - timedelta(days=CONFIRM_DAYS)
    deleted, _rows = FeedbackSubscriber.objects.filter(
        dialogue=dialogue, confirmed_at__isnull=True, consented_at__lt=deadline
    ).delete()
    return deleted


def subscriber_for_confirm_token(token: str) -> FeedbackSubscriber:
    try:
        secret = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.SignatureExpired as expired:
        raise FollowRefused(
            _("This confirmation link has expired. Sign up again on the dialogue's page.")
        ) from expired
    except signing.BadSignature as bad:
        raise FollowRefused(_("This confirmation link is not valid.")) from bad
    subscriber = FeedbackSubscriber.objects.select_related("dialogue").filter(token=secret).first()
    if subscriber is None:
        raise FollowRefused(
            _("This address no longer follows the dialogue. Sign up again on its page.")
        )
    return subscriber


@transaction.atomic
def follow_confirm(*, token: str) -> FeedbackSubscriber:
    """The owner of the address opened the link: they follow the dialogue from now on (what
    was public before is not sent to them)."""
    subscriber = subscriber_for_confirm_token(token)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.notified_through = changes_detect(subscriber.dialogue)
        subscriber.save(update_fields=["confirmed_at", "notified_through"])
        audit.record(
            None,
            "feedback.follow_confirm",
            subscriber.dialogue,
            organisation=subscriber.dialogue.organisation,
            summary="a follower confirmed",
        )
    return subscriber


def follow_from_now(subscriber: FeedbackSubscriber) -> None:
    """A subscriber confirmed another way (on a phone) follows from now on too."""
    latest = changes_detect(subscriber.dialogue)
    FeedbackSubscriber.objects.filter(pk=subscriber.pk).update(notified_through=latest)


# --- What changed --------------------------------------------------------------------------


def _current_keys(dialogue: Dialogue) -> list[str]:
    keys = [f"action:{action.pk}:{action.status}" for action in public.public_actions(dialogue)]
    keys += [f"answer:{item.pk}" for item in public.public_answers(dialogue)]
    return keys


def changes_detect(dialogue: Dialogue) -> int:
    """Record what became public since the last look; returns the newest change's id."""
    FollowChange.objects.bulk_create(
        [FollowChange(dialogue=dialogue, key=key) for key in _current_keys(dialogue)],
        ignore_conflicts=True,
    )
    return FollowChange.objects.filter(dialogue=dialogue).aggregate(last=Max("id"))["last"] or 0


@dataclass
class News:
    actions: list  # (Action, status label)
    answers: list  # Input
    more: int


def news_since(dialogue: Dialogue, after: int) -> News:
    """The changes after `after` that are still public now, read through `public.py`."""
    keys = list(
        FollowChange.objects.filter(dialogue=dialogue, id__gt=after).values_list("key", flat=True)
    )
    current = set(_current_keys(dialogue))
    keys = [key for key in keys if key in current]
    actions = {a.pk: a for a in public.public_actions(dialogue)}
    answers = {i.pk: i for i in public.public_answers(dialogue)}
    listed_actions, listed_answers = [], []
    for key in keys:
        kind, pk, *_rest = key.split(":")
        if kind == "action" and int(pk) in actions:
            listed_actions.append(actions[int(pk)])
        elif kind == "answer" and int(pk) in answers:
            listed_answers.append(answers[int(pk)])
    more = max(0, len(listed_actions) + len(listed_answers) - MAX_ITEMS)
    listed_actions = listed_actions[:MAX_ITEMS]
    listed_answers = listed_answers[: max(0, MAX_ITEMS - len(listed_actions))]
    return News(listed_actions, listed_answers, more)


def notification_mail(subscriber: FeedbackSubscriber, news: News) -> EmailMessage:
    dialogue = subscriber.dialogue
    with translation.override(subscriber.language):
        body = render_to_string(
            "feedback/follow_news_email.txt",
            {
                "dialogue": dialogue,
                "actions": [(a, a.get_status_display()) for a in news.actions],
                "answers": news.answers,
                "more": news.more,
                "page_url": page_url(subscriber),
                "unsubscribe_url": unsubscribe_url(subscriber),
            },
        )
        subject = _("News from the dialogue “%(dialogue)s”") % {"dialogue": dialogue.title}
    return _mail(subscriber, subject, body)


def followers_notify(*, dialogue: Dialogue) -> int:
    """Tell every confirmed follower what became public since they last heard; returns how
    many e-mails left. A failed e-mail gives the follower their place back and stops."""
    latest = changes_detect(dialogue)
    sent = 0
    connection = get_connection()
    waiting = FeedbackSubscriber.objects.filter(
        dialogue=dialogue, confirmed_at__isnull=False, notified_through__lt=latest
    ).select_related("dialogue")
    for subscriber in waiting.order_by("id"):
        before = subscriber.notified_through
        claimed = FeedbackSubscriber.objects.filter(
            pk=subscriber.pk, notified_through=before
        ).update(notified_through=latest)
        if not claimed:
            continue  # another notifier has it
        news = news_since(dialogue, before)
        if not (news.actions or news.answers):
            continue
        message = notification_mail(subscriber, news)
        message.connection = connection
        try:
            message.send(fail_silently=False)
        except Exception:
            FeedbackSubscriber.objects.filter(pk=subscriber.pk).update(notified_through=before)
            raise
        sent += 1
    return sent


def _notify_safely(dialogue_id: int) -> None:
    dialogue = Dialogue.objects.filter(pk=dialogue_id).first()
    if dialogue is None:
        return
    try:
        followers_notify(dialogue=dialogue)
    except Exception:
        # The change itself is saved; the followers are told at the next change.
        logger.exception("notifying the followers of dialogue %s failed", dialogue_id)


def dialogue_changed(dialogue: Dialogue) -> None:
    """Called by services that change actions or answers: once their transaction commits,
    followers hear of whatever became public."""
    transaction.on_commit(lambda: _notify_safely(dialogue.pk))

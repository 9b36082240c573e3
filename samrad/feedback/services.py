"""Writes for feedback: the public page, subscriptions with consent, feedback e-mails, notes."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samrad.core import audit
from samrad.dialogues.models import Dialogue
from samrad.feedback import follow
from samrad.feedback.models import (
    FeedbackDelivery,
    FeedbackMailing,
    FeedbackMailingVersion,
    FeedbackSubscriber,
    GuideNotes,
    PublicPage,
    ReportBuild,
    ReportFormat,
    ReportStatus,
)
from samrad.live.models import LiveSession, SessionStatus

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class FeedbackRefused(Exception):
    """A refusal with a message for the person who asked (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- The public page -----------------------------------------------------------------------


@transaction.atomic
def page_save(
    *,
    actor,
    dialogue: Dialogue,
    slug: str,
    intro: str,
    next_steps: str,
    contact: str,
    sender_name: str = "",
    sender_email: str = "",
) -> PublicPage:
    if PublicPage.objects.filter(slug=slug).exclude(dialogue=dialogue).exists():
        raise FeedbackRefused(_("Another dialogue already uses this address."))
    page, created = PublicPage.objects.update_or_create(
        dialogue=dialogue,
        defaults={
            "slug": slug,
            "intro": intro,
            "next_steps": next_steps,
            "contact": contact,
            "sender_name": " ".join(sender_name.split()),
            "sender_email": sender_email.strip(),
        },
    )
    audit.record(
        actor,
        "feedback.page_create" if created else "feedback.page_update",
        page,
        organisation=dialogue.organisation,
        summary=f"/d/{slug}/",
    )
    return page


@transaction.atomic
def page_publish(*, actor, page: PublicPage, published: bool) -> PublicPage:
    page.published = published
    page.published_at = timezone.now() if published else None
    page.save(update_fields=["published", "published_at", "updated_at"])
    audit.record(
        actor,
        "feedback.page_publish" if published else "feedback.page_unpublish",
        page,
        organisation=page.dialogue.organisation,
    )
    return page


# --- Subscriptions -------------------------------------------------------------------------


def consent_text(dialogue: Dialogue) -> str:
    """What the participant agrees to, in the active language; stored with the address."""
    return _(
        "Yes, %(organisation)s may send me feedback about the dialogue “%(dialogue)s” to this "
        "e-mail address: what came out of it and what happens next. The address is kept apart "
        "from my answers, used for nothing else and deleted when I unsubscribe (every e-mail "
        "has a link)."
    ) % {"organisation": dialogue.organisation.name, "dialogue": dialogue.title}


@transaction.atomic
def subscriber_add(
    *, session: LiveSession, email: str, language: str, consent: bool, site_url: str = ""
) -> FeedbackSubscriber:
    """Keep an address for the session's dialogue as confirmed, only with explicit consent
    (the demo, and tests that need a follower). Subscribing again updates the language and the
    consent instead of adding a second address. Sign-ups from pages — a phone in a session or
    the public page — go through `follow.follow_request` instead: double opt-in."""
    if session.status == SessionStatus.DRAFT:
        raise FeedbackRefused(_("This session has not started."))
    if not consent:
        raise FeedbackRefused(
            _("Tick the box to agree, or leave without giving your address. Nothing was saved.")
        )
    email = email.strip()
    if "@" not in email:
        raise FeedbackRefused(_("Enter a valid e-mail address."))
    local, _at, domain = email.rpartition("@")
    email = f"{local}@{domain.lower()}"
    dialogue = session.dialogue
    language = language if language in LANGUAGE_CODES else dialogue.language
    with translation.override(language):
        text = consent_text(dialogue)
    subscriber, _created = FeedbackSubscriber.objects.update_or_create(
        dialogue=dialogue,
        email__iexact=email,
        defaults={
            "email": email,
            "language": language,
            "consent_text": text,
            "consented_at": timezone.now(),
            "confirmed_at": timezone.now(),
            "site_url": site_url[:200],
        },
        create_defaults={
            "dialogue": dialogue,
            "email": email,
            "language": language,
            "consent_text": text,
            "consented_at": timezone.now(),
            "confirmed_at": timezone.now(),
            "site_url": site_url[:200],
        },
    )
    follow.follow_from_now(subscriber)
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, token: str) -> bool:
    """Delete the address (data minimisation); the sent log keeps its rows without it."""
    subscriber = FeedbackSubscriber.objects.filter(token=token).select_related("dialogue").first()
    if subscriber is None:
        return False
    dialogue = subscriber.dialogue
    subscriber.delete()
    audit.record(
        None,
        "feedback.unsubscribe",
        dialogue,
        organisation=dialogue.organisation,
        summary="a subscriber unsubscribed",
    )
    return True


@transaction.atomic
def subscribers_delete_all(*, actor, dialogue: Dialogue) -> int:
    """When the feedback is done: delete every address the dialogue keeps."""
    deleted, _rows = FeedbackSubscriber.objects.filter(dialogue=dialogue).delete()
    audit.record(
        actor,
        "feedback.subscribers_delete",
        dialogue,
        organisation=dialogue.organisation,
        summary=f"{deleted} addresses deleted",
    )
    return deleted


# --- Feedback e-mails ----------------------------------------------------------------------


@transaction.atomic
def one_line(text: str) -> str:
    """A mail header's text on one line (line breaks and other whitespace runs → one space)."""
    return " ".join(text.split())


def mailing_create(*, actor, dialogue: Dialogue, subject: str, body: str) -> FeedbackMailing:
    mailing = FeedbackMailing.objects.create(
        dialogue=dialogue, subject=one_line(subject), body=body.strip(), created_by=actor
    )
    audit.record(
        actor,
        "feedback.mailing_create",
        mailing,
        organisation=dialogue.organisation,
        summary=subject,
    )
    return mailing


@transaction.atomic
def mailing_version_save(
    *, actor, mailing: FeedbackMailing, language: str, subject: str, body: str
) -> FeedbackMailingVersion | None:
    """The mailing in another language (an empty body removes that version)."""
    if language not in LANGUAGE_CODES:
        raise ValueError(f"unknown language {language!r}")
    if not body.strip():
        FeedbackMailingVersion.objects.filter(mailing=mailing, language=language).delete()
        version = None
    else:
        version, _created = FeedbackMailingVersion.objects.update_or_create(
            mailing=mailing,
            language=language,
            defaults={"subject": one_line(subject), "body": body.strip()},
        )
    audit.record(
        actor,
        "feedback.mailing_version",
        mailing,
        organisation=mailing.dialogue.organisation,
        summary=f"{language}: {'saved' if version else 'removed'}",
    )
    return version


def mail_version(mailing: FeedbackMailing, language: str) -> tuple[str, str, str]:
    """Subject, body and their language for a subscriber of `language`: the coordinator's
    version in that language when there is one, else the mailing as written."""
    version = next((v for v in mailing.versions.all() if v.language == language), None)
    if version is not None:
        return version.subject, version.body, language
    return mailing.subject, mailing.body, mailing.dialogue.language


def mail_for(
    mailing: FeedbackMailing, subscriber: FeedbackSubscriber, *, site_url: str
) -> EmailMessage:
    """The e-mail one subscriber gets: the version in their language if written, the framing
    in their language, from the dialogue's sender."""
    unsubscribe = site_url + reverse("feedback:unsubscribe", args=[subscriber.token])
    page = getattr(mailing.dialogue, "public_page", None)
    page_url = (
        site_url + reverse("feedback:public", args=[page.slug]) if page and page.published else ""
    )
    subject, body, _language = mail_version(mailing, subscriber.language)
    with translation.override(subscriber.language):
        text: str = render_to_string(
            "feedback/email.txt",
            {
                "subject": subject,
                "body": body,
                "mailing": mailing,
                "dialogue": mailing.dialogue,
                "unsubscribe_url": unsubscribe,
                "page_url": page_url,
            },
        )
    # render_to_string marks its output safe; an e-mail body is plain text, and must be escaped
    # again wherever a page shows it (the preview), so drop the mark: join builds a plain str.
    text = "".join([text])
    return EmailMessage(
        subject=one_line(subject),  # a header: a line break would start another
        body=text,
        from_email=follow.sender(mailing.dialogue),
        to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "Content-Language": subscriber.language},
    )


def mailing_send(*, actor, mailing: FeedbackMailing, site_url: str) -> int:
    """Send the mailing to every subscriber of its dialogue who has not had it yet.

    Each delivery row is written before its e-mail leaves (the unique pair refuses a second
    row), so two sends at once, or a send repeated after a failure, never mail anybody twice.
    A failed e-mail removes its row again and stops the send; the rest can be sent later.
    """
    sent = 0
    connection = get_connection()
    pending = FeedbackSubscriber.objects.filter(
        dialogue=mailing.dialogue, confirmed_at__isnull=False
    ).exclude(deliveries__mailing=mailing)
    for subscriber in pending.order_by("id"):
        try:
            with transaction.atomic():
                delivery = FeedbackDelivery.objects.create(
                    mailing=mailing,
                    subscriber=subscriber,
                    language=mail_version(mailing, subscriber.language)[2],
                )
        except IntegrityError:
            continue
        message = mail_for(mailing, subscriber, site_url=site_url)
        message.connection = connection
        try:
            message.send(fail_silently=False)
        except Exception:
            delivery.delete()
            raise
        sent += 1
    if sent:
        FeedbackMailing.objects.filter(pk=mailing.pk).update(sent_at=timezone.now())
    audit.record(
        actor,
        "feedback.mailing_send",
        mailing,
        organisation=mailing.dialogue.organisation,
        summary=f"{sent} e-mails",
    )
    return sent


# --- Guide notes ---------------------------------------------------------------------------


@transaction.atomic
def notes_save(*, actor, dialogue: Dialogue, lessons: str) -> GuideNotes:
    notes, _created = GuideNotes.objects.update_or_create(
        dialogue=dialogue, defaults={"lessons": lessons}
    )
    audit.record(actor, "feedback.notes_save", notes, organisation=dialogue.organisation)
    return notes


# --- The dialogue report, built in the background -------------------------------------------

KEEP_BUILDS = 5  # finished builds kept per dialogue (older files are deleted)


def report_filename(dialogue: Dialogue, fmt: str) -> str:
    """ "storby-2030-rapport.pdf": the report's file name in the dialogue's language."""
    from django.utils.text import slugify

    with translation.override(dialogue.language):
        return f"{slugify(dialogue.title) or 'dialogue'}-{pgettext('file name', 'report')}.{fmt}"


@transaction.atomic
def report_build_start(*, actor, dialogue: Dialogue, fmt: str) -> ReportBuild:
    """Queue the dialogue's report (`tasks.report_build`): the build's row and the task's row
    are written in one transaction, so a queued task always has its build and the reverse.
    The file name is in the dialogue's language."""
    from samrad.feedback.tasks import report_build

    if fmt not in ReportFormat.values:
        raise FeedbackRefused(_("Choose PDF or DOCX."))
    build = ReportBuild.objects.create(
        dialogue=dialogue, requested_by=actor, format=fmt, filename=report_filename(dialogue, fmt)
    )
    result = report_build.enqueue(build.pk)
    ReportBuild.objects.filter(pk=build.pk).update(task_id=str(result.id))
    build.refresh_from_db()
    old = ReportBuild.objects.filter(
        dialogue=dialogue, status__in=(ReportStatus.DONE, ReportStatus.FAILED)
    ).order_by("-created_at", "-id")[KEEP_BUILDS:]
    ReportBuild.objects.filter(pk__in=list(old.values_list("pk", flat=True))).delete()
    return build

"""Feedback pages: the public dialogue page and unsubscribe link (no login), the phone's
subscribe form (no login), and the facilitator's feedback page with its documents."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samrad.accounts.rules import can_facilitate
from samrad.accounts.selectors import current_organisation
from samrad.core import reporting
from samrad.core.filenames import download_name
from samrad.core.ratelimit import client_address
from samrad.dialogues.selectors import (
    dialogue_editable_or_404,
    dialogue_for_user_or_404,
    dialogues_for_user,
)
from samrad.feedback import (
    documents,
    follow,
    method_template,
    privacy,
    public,
    selectors,
    services,
)
from samrad.feedback.forms import (
    MailingForm,
    MailingVersionForm,
    MethodImportForm,
    NotesForm,
    PublicPageForm,
    SubscribeForm,
)
from samrad.feedback.models import FeedbackMailing, FeedbackSubscriber, GuideNotes, ReportStatus
from samrad.live.devices import device_of
from samrad.live.errors import NoCodesLeft, refused_as_page
from samrad.live.models import SessionStatus
from samrad.live.services import session_by_code_counted


def site_url(request: HttpRequest) -> str:
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(dialogue, suffix: str) -> str:
    """ "leaflet.pdf" → samrad-folder-<title>.pdf in Swedish (the dialogue's language)."""
    what, fmt = suffix.split(".", 1)
    return download_name(what, dialogue.title, fmt, language=dialogue.language)


# --- Public --------------------------------------------------------------------------------


def _public_context(page, *, preview: bool = False) -> dict:
    dialogue = page.dialogue
    return {
        "page": page,
        "dialogue": dialogue,
        "results": public.dialogue_results(dialogue),
        "numbers": selectors.participation(dialogue),
        "sections": selectors.contributed_sections(dialogue),
        "actions": public.public_actions(dialogue),
        "preview": preview,
    }


def public_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.public_page_or_404(slug=slug)
    context = _public_context(page)
    context["follow_form"] = SubscribeForm()
    context["consent_text"] = services.consent_text(page.dialogue)
    return render(request, "feedback/public.html", context)


def follow_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow the dialogue from its public page: the address waits for its owner to confirm
    it from the e-mail (double opt-in); sign-ups are rate-limited."""
    page = selectors.public_page_or_404(slug=slug)
    form = SubscribeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            follow.follow_request(
                dialogue=page.dialogue,
                email=form.cleaned_data["email"],
                language=getattr(request, "LANGUAGE_CODE", ""),
                consent=form.cleaned_data["consent"],
                address=client_address(request),
                site_url=site_url(request),
            )
        except follow.FollowRefused as refused:
            error = refused.message
        else:
            return render(
                request,
                "feedback/follow_sent.html",
                {"page": page, "dialogue": page.dialogue, "email": form.cleaned_data["email"]},
            )
    return render(
        request,
        "feedback/follow.html",
        {
            "page": page,
            "dialogue": page.dialogue,
            "form": form,
            "error": error,
            "consent_text": services.consent_text(page.dialogue),
        },
        status=400 if request.method == "POST" else 200,
    )


def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: GET asks, POST confirms (mail scanners follow
    links)."""
    try:
        subscriber = (
            follow.follow_confirm(token=token)
            if request.method == "POST"
            else follow.subscriber_for_confirm_token(token)
        )
    except follow.FollowRefused as refused:
        return render(
            request, "feedback/follow_confirm.html", {"refused": refused.message}, status=410
        )
    page = selectors.page_of(subscriber.dialogue)
    return render(
        request,
        "feedback/follow_confirm.html",
        {
            "subscriber": subscriber,
            "dialogue": subscriber.dialogue,
            "page": page if page and page.published else None,
            "done": subscriber.confirmed_at is not None,
        },
    )


@refused_as_page
def subscribe(request: HttpRequest, code: str) -> HttpResponse:
    """A participant leaves an e-mail address for feedback, with explicit consent."""
    session = session_by_code_counted(code=code, address=client_address(request))
    if session is None or session.status == SessionStatus.DRAFT:
        raise Http404
    form = SubscribeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        # The same double opt-in and rate limit as on the public page (follow.follow_request):
        # a phone cannot sign up other people's addresses (issue 19, item 4). A phone that
        # joined is counted by its device cookie, so that a hall behind one address is not
        # limited as one client (issue 18, item 1); without the cookie, by its address.
        device = device_of(request)
        try:
            subscriber = follow.follow_request(
                dialogue=session.dialogue,
                email=form.cleaned_data["email"],
                language=getattr(request, "LANGUAGE_CODE", ""),
                consent=form.cleaned_data["consent"],
                address=client_address(request) if device.new else f"device:{device.id}",
                site_url=site_url(request),
            )
        except follow.FollowRefused as refused:
            error = refused.message
        else:
            response = render(
                request,
                "feedback/subscribed.html",
                {"session": session, "email": form.cleaned_data["email"]},
            )
            if subscriber is not None:
                privacy.remember(request, response, subscriber)  # "My data" on this phone
            return response
    return render(
        request,
        "feedback/subscribe.html",
        {
            "session": session,
            "form": form,
            "error": error,
            "consent_text": services.consent_text(session.dialogue),
        },
        status=400 if request.method == "POST" else 200,
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """From the link in every feedback e-mail; a POST (the button) deletes the address, so that
    mail scanners that follow links do not unsubscribe anybody."""
    subscriber = FeedbackSubscriber.objects.filter(token=token).select_related("dialogue").first()
    if request.method == "POST":
        services.subscriber_unsubscribe(token=token)
        return render(request, "feedback/unsubscribe.html", {"done": True})
    return render(
        request,
        "feedback/unsubscribe.html",
        {"subscriber": subscriber, "done": False},
        status=200 if subscriber else 404,
    )


# --- Facilitator ---------------------------------------------------------------------------


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The dialogue's feedback: the public page, subscribers, e-mails, documents, notes."""
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=pk, change=request.method == "POST"
    )
    page = selectors.page_of(dialogue)
    initial = {
        "slug": page.slug if page else slugify(dialogue.title)[:80],
        "intro": page.intro if page else dialogue.description,
        "next_steps": page.next_steps if page else "",
        "contact": page.contact if page else "",
        "sender_name": page.sender_name if page else "",
        "sender_email": page.sender_email if page else "",
    }
    posted = request.method == "POST"
    page_form = PublicPageForm(
        request.POST if "save_page" in request.POST else None, initial=initial
    )
    notes = GuideNotes.objects.filter(dialogue=dialogue).first()
    notes_form = NotesForm(
        request.POST if "save_notes" in request.POST else None,
        initial={"lessons": notes.lessons if notes else ""},
    )
    mailing_form = MailingForm(request.POST if "write_mailing" in request.POST else None)
    if posted:
        if "save_page" in request.POST and page_form.is_valid():
            try:
                services.page_save(actor=request.user, dialogue=dialogue, **page_form.cleaned_data)
            except services.FeedbackRefused as refused:
                page_form.add_error("slug", refused.message)
            else:
                messages.success(request, _("Public page saved. Preview it before publishing."))
                return redirect("feedback:manage", pk=dialogue.pk)
        if "publish" in request.POST and page:
            publish = request.POST["publish"] == "1"
            services.page_publish(actor=request.user, page=page, published=publish)
            messages.success(
                request, _("The page is published.") if publish else _("The page is hidden.")
            )
            return redirect("feedback:manage", pk=dialogue.pk)
        if "delete_subscribers" in request.POST:
            deleted = services.subscribers_delete_all(actor=request.user, dialogue=dialogue)
            messages.success(request, _("%(n)s e-mail addresses deleted.") % {"n": deleted})
            return redirect("feedback:manage", pk=dialogue.pk)
        if "save_notes" in request.POST and notes_form.is_valid():
            services.notes_save(
                actor=request.user, dialogue=dialogue, lessons=notes_form.cleaned_data["lessons"]
            )
            messages.success(request, _("Lessons learned saved."))
            return redirect("feedback:manage", pk=dialogue.pk)
        if "write_mailing" in request.POST and mailing_form.is_valid():
            mailing = services.mailing_create(
                actor=request.user, dialogue=dialogue, **mailing_form.cleaned_data
            )
            return redirect("feedback:mailing", pk=mailing.pk)
    subscribers = selectors.subscribers_of(dialogue)
    return render(
        request,
        "feedback/manage.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "page": page,
            "page_form": page_form,
            "notes_form": notes_form,
            "mailing_form": mailing_form,
            "subscriber_count": subscribers.count(),
            "languages": dict(settings.LANGUAGES),
            "subscriber_languages": _languages(subscribers),
            "mailings": selectors.mailings_of(dialogue),
            **_builds_context(request, dialogue),
        },
    )


def _other_language(dialogue, language: str) -> str:
    """The first language offered for a version: the user's, unless it is the dialogue's."""
    if language != dialogue.language:
        return language
    return next(code for code, _name in settings.LANGUAGES if code != dialogue.language)


def _languages(subscribers) -> list[tuple[str, int]]:
    names = dict(settings.LANGUAGES)
    counts: dict[str, int] = {}
    for language in subscribers.values_list("language", flat=True):
        counts[language] = counts.get(language, 0) + 1
    return [(names.get(code, code), n) for code, n in sorted(counts.items())]


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    page = selectors.page_of(dialogue)
    if page is None:
        raise Http404
    return render(request, "feedback/public.html", _public_context(page, preview=True))


@login_required
def mailing(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview a feedback e-mail as one subscriber will get it, and send it."""
    mailing = get_object_or_404(
        FeedbackMailing.objects.select_related("dialogue"),
        pk=pk,
        dialogue__in=dialogues_for_user(user=request.user),
    )
    dialogue = mailing.dialogue
    editable = can_facilitate(request.user, dialogue)
    version_form = MailingVersionForm(
        request.POST if "save_version" in request.POST else None,
        initial={"language": _other_language(dialogue, request.LANGUAGE_CODE)},
    )
    if request.method == "POST" and "save_version" in request.POST:
        if not editable:
            raise PermissionDenied
        if version_form.is_valid():
            services.mailing_version_save(
                actor=request.user, mailing=mailing, **version_form.cleaned_data
            )
            messages.success(
                request,
                _("The version in %(language)s is saved.")
                % {"language": dict(settings.LANGUAGES)[version_form.cleaned_data["language"]]},
            )
            return redirect("feedback:mailing", pk=mailing.pk)
    elif request.method == "POST":
        if not editable:
            raise PermissionDenied
        sent = services.mailing_send(
            actor=request.user, mailing=mailing, site_url=site_url(request)
        )
        messages.success(request, _("%(n)s e-mails sent.") % {"n": sent})
        return redirect("feedback:mailing", pk=mailing.pk)
    sample = selectors.subscribers_of(dialogue).first()
    # Without subscribers yet, the preview shows an example address (never saved).
    example = FeedbackSubscriber(
        dialogue=dialogue, email="namn@example.org", language=dialogue.language
    )
    preview_mail = services.mail_for(mailing, sample or example, site_url=site_url(request))
    versions = []
    for version in mailing.versions.all():
        reader = FeedbackSubscriber(
            dialogue=dialogue, email="namn@example.org", language=version.language
        )
        versions.append(
            (
                version,
                dict(settings.LANGUAGES).get(version.language, version.language),
                services.mail_for(mailing, reader, site_url=site_url(request)),
            )
        )
    delivered = mailing.deliveries.count()
    waiting = selectors.subscribers_of(dialogue).exclude(deliveries__mailing=mailing).count()
    return render(
        request,
        "feedback/mailing.html",
        {
            "dialogue": dialogue,
            "mailing": mailing,
            "editable": editable,
            "preview_mail": preview_mail,
            "versions": versions,
            "version_form": version_form,
            "delivered": delivered,
            "waiting": waiting,
        },
    )


@login_required
@require_safe
def leaflet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    page = selectors.page_of(dialogue)
    url = (
        site_url(request) + reverse("feedback:public", args=[page.slug])
        if page and page.published
        else ""
    )
    pdf = documents.leaflet_pdf(dialogue, public_url=url)
    return _download(pdf, "application/pdf", _filename(dialogue, "leaflet.pdf"))


@login_required
@require_safe
def report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    doc = documents.dialogue_report(dialogue)
    if fmt == "docx":
        return _download(
            reporting.render_docx(doc),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            services.report_filename(dialogue, "docx"),
        )
    return _download(
        reporting.render_pdf(doc), "application/pdf", services.report_filename(dialogue, "pdf")
    )


@login_required
@require_safe
def guide_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    pdf = reporting.render_pdf(documents.guide(dialogue))
    return _download(pdf, "application/pdf", _filename(dialogue, "guide.pdf"))


@login_required
@require_safe
def method_json(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    data = method_template.dumps(method_template.export(dialogue))
    return _download(data, "application/json", _filename(dialogue, "method.json"))


@login_required
def method_import(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(user=request.user)
    if organisation is None or not can_facilitate(request.user, organisation):
        raise PermissionDenied
    form = MethodImportForm(request.POST or None, request.FILES or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            data = method_template.parse(form.cleaned_data["file"].read())
            dialogue = method_template.import_(
                organisation=organisation,
                actor=request.user,
                data=data,
                title=form.cleaned_data["title"],
            )
        except method_template.MethodImportError as refused:
            form.add_error("file", refused.message)
        except NoCodesLeft as refused:
            form.add_error(None, refused.message)
            status = refused.status
        else:
            messages.success(request, _("The method was imported as a new dialogue."))
            return redirect("dialogues:detail", pk=dialogue.pk)
    return render(
        request,
        "feedback/import.html",
        {"form": form},
        status=status,
    )


# --- The dialogue report, built in the background -------------------------------------------


def _builds_context(request: HttpRequest, dialogue) -> dict:
    builds = selectors.report_builds_of(dialogue)
    return {
        "dialogue": dialogue,
        "builds": [(build, selectors.report_build_state(build)) for build in builds],
    }


@login_required
def report_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the report (POST, members: it only reads); the list of builds shows its progress.
    htmx gets the list back, a plain form goes back to the feedback page."""
    dialogue = dialogue_for_user_or_404(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect(reverse("feedback:manage", args=[dialogue.pk]) + "#documents-heading")
    try:
        services.report_build_start(
            actor=request.user, dialogue=dialogue, fmt=request.POST.get("format", "")
        )
    except services.FeedbackRefused as refused:
        return HttpResponse(refused.message, status=400)
    if request.headers.get("HX-Request"):
        return render(request, "feedback/_report_builds.html", _builds_context(request, dialogue))
    return redirect(reverse("feedback:manage", args=[dialogue.pk]) + "#documents-heading")


@login_required
def report_progress(request: HttpRequest, build_pk: int) -> HttpResponse:
    """One build's line (polled by htmx every second while it is not finished; `seen` is what
    the page shows, answered with 204 while it is still true)."""
    build = selectors.report_build_for_user_or_404(user=request.user, pk=build_pk)
    state = selectors.report_build_state(build)
    if request.GET.get("seen") == f"{state}-{build.done_steps}":
        # Nothing new: htmx swaps nothing, so the list's live region speaks only on a change.
        return HttpResponse(status=204)
    return render(request, "feedback/_report_build.html", {"build": build, "state": state})


@login_required
@require_safe
def report_download(request: HttpRequest, build_pk: int) -> HttpResponse:
    build = selectors.report_build_for_user_or_404(user=request.user, pk=build_pk)
    if build.status != ReportStatus.DONE or build.content is None:
        return redirect(reverse("feedback:manage", args=[build.dialogue_id]) + "#documents-heading")
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[build.format]
    return _download(bytes(build.content), content_type, build.filename)

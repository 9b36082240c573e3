"""Entry on behalf of others: a facilitator types in paper forms and interviews.

Each form or interview is one respondent (a participant whose channel says paper or
interview); every question of the session is on one page, each with the same form the phone
shows. One "Save form" sends them all (`entry_save`; core/static/samrad/entry.js gathers the
questions the facilitator touched, each field prefixed `q<id>-`); a new form becomes a
respondent only once something on it is saved (`live/entry.py`). Without JavaScript each
question's own button still saves it (`entry_respond`, or `entry_save?question=<id>` on a new
form). The session's live state does not matter here (`rules.response_refusal` lets these
channels through): forms are often typed in afterwards.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samrad.accounts.rules import can_facilitate
from samrad.core.ids import id_or_404
from samrad.live import entry, rules, selectors, services
from samrad.live.entry import EntryAnswer
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Channel, LiveSession, Participant, Question
from samrad.live.views import client_id_from, give_back, question_context


def _session(request, pk) -> LiveSession:
    session = selectors.session_for_user_or_404(user=request.user, pk=pk)
    if not can_facilitate(request.user, session.dialogue):
        raise PermissionDenied
    return session


def _respondent(session, participant_pk) -> Participant:
    return get_object_or_404(
        Participant, pk=participant_pk, session=session, channel__in=rules.FACILITATOR_CHANNELS
    )


def _section(
    request, session, respondent, question, *, channel=None, refused=None, dirty=False, **extra
) -> str:
    channel = respondent.channel if respondent else channel
    context = question_context(
        request, session, respondent, question=question, channel=channel, **extra
    )
    if respondent:
        context["respond_url"] = reverse(
            "live:entry_respond", args=[session.pk, respondent.pk, question.pk]
        )
    else:  # without JavaScript, a new form's question saves on its own (and makes the form)
        context["respond_url"] = (
            reverse("live:entry_save", args=[session.pk])
            + f"?channel={channel}&question={question.pk}"
        )
    context["respond_target"] = f"#entry-q{question.pk}"
    context["subheading_level"] = 3  # under the question's <h2>
    context["dirty"] = dirty
    if refused is not None:
        give_back(context, question, refused)
    return render_to_string("live/_entry_question.html", context, request=request)


def _channel_or_403(channel) -> str:
    if channel not in rules.FACILITATOR_CHANNELS:
        raise PermissionDenied
    return channel


@login_required
def entry_list(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if request.method == "POST":  # "New paper form": nobody yet, until something is saved
        channel = _channel_or_403(request.POST.get("channel"))
        return redirect("live:entry_new", pk=session.pk, channel=channel)
    respondents = (
        session.participants.filter(channel__in=rules.FACILITATOR_CHANNELS)
        .annotate(answers=Count("responses"))
        .order_by("-pk")
    )
    return render(
        request,
        "live/entry_list.html",
        {"session": session, "respondents": respondents, "channels": Channel},
    )


def _form_page(request, session, respondent, *, channel, given=None, refused=None, status=200):
    """The whole form; after a refusal `given` holds every answer to give back."""
    given, refused = given or {}, refused or {}
    sections = []
    for question in session.questions.order_by("position", "id"):
        refusal = refused.get(question.pk)
        html = _section(
            request,
            session,
            respondent,
            question,
            channel=channel,
            refused=given.get(question.pk),
            dirty=question.pk in given,
            error=refusal.message if refusal else None,
        )
        sections.append(mark_safe(html))  # noqa: S308 (our template)
    return render(
        request,
        "live/entry_form.html",
        {
            "session": session,
            "respondent": respondent,
            "channel": channel,
            "sections": sections,
            "refused": bool(refused),
            "once": uuid.uuid4().hex,
        },
        status=status,
    )


@login_required
def entry_form(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    session = _session(request, pk)
    respondent = _respondent(session, participant_pk)
    return _form_page(request, session, respondent, channel=respondent.channel)


@login_required
def entry_new(request: HttpRequest, pk: int, channel: str) -> HttpResponse:
    session = _session(request, pk)
    return _form_page(request, session, None, channel=_channel_or_403(channel))


def _posted_answers(post, questions, only=None) -> list[EntryAnswer]:
    """Each question's fields, prefixed `q<id>-` (one form), or one question's own form."""
    answers = []
    for question in questions:
        if only is not None:
            if question.pk != only:
                continue
            fields = post
        else:
            prefix = f"q{question.pk}-"
            fields = QueryDict(mutable=True)
            for key in post:
                if key.startswith(prefix):
                    fields.setlist(key.removeprefix(prefix), post.getlist(key))
            if not fields:
                continue
        answers.append(
            EntryAnswer(question, Answer.from_form(fields), _client_id(fields.get("client_id")))
        )
    return answers


def _client_id(raw) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw or "")
    except ValueError:
        return None


@login_required
@require_POST
def entry_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a whole form: "Save form" stays on it, "Save and next form" opens a new one."""
    session = _session(request, pk)
    post = request.POST
    respondent = None
    if post.get("respondent"):
        respondent = _respondent(session, id_or_404(post["respondent"]))
        channel = respondent.channel
    else:
        channel = post.get("channel") or request.GET.get("channel") or ""
        if channel not in rules.FACILITATOR_CHANNELS:
            return HttpResponseBadRequest(_("Choose a paper form or an interview."))
    only = id_or_404(request.GET["question"]) if "question" in request.GET else None
    questions = list(session.questions.order_by("position", "id"))
    answers = _posted_answers(post, questions, only)
    then_next = post.get("then") == "next"
    once = f"samrad:entry-once:{post.get('once', '')}" if post.get("once") else ""
    if once and not cache.add(once, "", timeout=3600):
        # The same form sent twice (a double click): the first saves it, this one follows.
        return redirect(cache.get(once) or reverse("live:entry_list", args=[session.pk]))
    result = entry.entry_save(
        session=session,
        respondent=respondent,
        channel=channel,
        answers=answers,
        actor=request.user,
    )
    if result.refused:
        messages.error(request, _("Nothing was saved: correct the answers marked below."))
        given = {item.question.pk: item.answer for item in answers}
        return _form_page(
            request, session, respondent, channel=channel, given=given, refused=result.refused
        )
    if result.saved:
        messages.success(
            request,
            ngettext("Saved: %(n)d answer.", "Saved: %(n)d answers.", result.saved)
            % {"n": result.saved},
        )
    elif respondent is not None:
        messages.info(request, _("Nothing new on this form to save."))
    else:
        messages.info(request, _("Nothing entered on this form, so it was not counted."))
    if then_next:
        target = reverse("live:entry_new", args=[session.pk, channel])
    elif result.respondent is not None:
        target = reverse("live:entry_form", args=[session.pk, result.respondent.pk])
    else:
        target = reverse("live:entry_new", args=[session.pk, channel])
    if once:
        cache.set(once, target, timeout=3600)
    return redirect(target)


@login_required
@require_POST
def entry_respond(request: HttpRequest, pk: int, participant_pk: int, question_pk: int):
    session = _session(request, pk)
    respondent = _respondent(session, participant_pk)
    question = get_object_or_404(Question, pk=question_pk, session=session)
    answer = Answer.from_form(request.POST)
    message = error = None
    try:
        services.response_submit(
            question=question,
            participant=respondent,
            answer=answer,
            channel=respondent.channel,
            client_id=client_id_from(request),
        )
        message = _("Saved.")
    except Refused as refused:
        error = refused.message
    html = _section(
        request,
        session,
        respondent,
        question,
        message=message,
        error=error,
        refused=answer if error else None,
    )
    if request.headers.get("HX-Request") == "true":
        # The fragment is the whole <section>: it replaces the section, not its inside (the
        # forms target the section, as the phone's target #question, whose inside they are).
        return HttpResponse(html, headers={"HX-Reswap": "outerHTML"})
    return redirect("live:entry_form", pk=session.pk, participant_pk=respondent.pk)

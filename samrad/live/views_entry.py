"""Entry on behalf of others: a facilitator types in paper forms and interviews.

Each form or interview is one respondent (a participant whose channel says paper or
interview); every question of the session is on one page, each with the same form the phone
shows, posting to `entry_respond`. The session's live state does not matter here
(`rules.response_refusal` lets these channels through): forms are often typed in afterwards.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samrad.accounts.rules import can_facilitate
from samrad.live import rules, selectors, services
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


def _section(request, session, respondent, question, *, refused=None, **extra) -> str:
    context = question_context(
        request, session, respondent, question=question, channel=respondent.channel, **extra
    )
    context["respond_url"] = reverse(
        "live:entry_respond", args=[session.pk, respondent.pk, question.pk]
    )
    context["respond_target"] = f"#entry-q{question.pk}"
    context["subheading_level"] = 3  # under the question's <h2>
    if refused is not None:
        give_back(context, question, refused)
    return render_to_string("live/_entry_question.html", context, request=request)


@login_required
def entry_list(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if request.method == "POST":
        channel = request.POST.get("channel")
        if channel not in rules.FACILITATOR_CHANNELS:
            raise PermissionDenied
        respondent = services.proxy_participant_create(
            session=session, channel=channel, actor=request.user
        )
        return redirect("live:entry_form", pk=session.pk, participant_pk=respondent.pk)
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


@login_required
def entry_form(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    session = _session(request, pk)
    respondent = _respondent(session, participant_pk)
    sections = [
        mark_safe(_section(request, session, respondent, question))  # noqa: S308 (our template)
        for question in session.questions.order_by("position", "id")
    ]
    return render(
        request,
        "live/entry_form.html",
        {"session": session, "respondent": respondent, "sections": sections},
    )


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

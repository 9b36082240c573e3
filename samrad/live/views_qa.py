"""Q&A pages: the phone's list of posts and its upvote buttons, and the facilitator's
moderation (on its own page and inside the control page when a Q&A is on screen).

Phones reach only their own session's posts through their participant cookie; moderation
needs a facilitator of the session's organisation (another organisation's session: 404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samrad.core.ids import id_or_404
from samrad.live import rules, selectors, services
from samrad.live.errors import Refused
from samrad.live.kinds import qa
from samrad.live.models import LiveSession, Question, QuestionKind, Response
from samrad.live.views import (
    _is_htmx,
    _phone_session,
    _session_for_facilitator,
)

# --- Phone -----------------------------------------------------------------------------------


def _posts_page(
    request, session: LiveSession, participant, question: Question, *, sort, error=None
):
    context = {
        "session": session,
        "question": question,
        "posts": selectors.qa_posts(question=question, participant=participant, sort=sort),
        "sort": sort,
        "sorts": qa.SORTS,
        "accepting": rules.response_refusal(question) is None,
        "error": error,
    }
    return render(request, "live/kinds/qa_posts.html", context)


def _phone(request, code):
    """(session, participant, None) or (None, None, the response to give instead)."""
    session, participant, refused = _phone_session(request, code)
    if refused:
        # A limit says so (never "the session has ended"); a wrong or ended code says ended.
        message = refused.message if refused.status == 429 else Refused("session_closed").message
        closed = render(request, "live/_participant_closed.html", {"error": message})
        return None, None, closed
    if participant is None:
        join = reverse("live:join_code", args=[code])
        return None, None, HttpResponse(status=204, headers={"HX-Redirect": join})
    return session, participant, None


def participant_qa(request: HttpRequest, code: str, question_id: int) -> HttpResponse:
    """The list of posts as an htmx fragment: refetched on a "qa" event and by the sort
    buttons. Only the list: the form, with whatever is being typed, stays as it is."""
    session, participant, page = _phone(request, code)
    if page:
        return page
    question = get_object_or_404(Question, pk=question_id, session=session, kind=QuestionKind.QA)
    sort = qa.sort_or_default(request.GET.get("sort"))
    return _posts_page(request, session, participant, question, sort=sort)


@require_POST
def participant_upvote(request: HttpRequest, code: str, response_id: int) -> HttpResponse:
    """Upvote (`upvote=1`) or withdraw (`upvote=0`) a post; answers with the list again."""
    session, participant, page = _phone(request, code)
    if page:
        return page
    post = get_object_or_404(
        Response.objects.select_related("question"),
        pk=response_id,
        question__session=session,
        question__kind=QuestionKind.QA,
    )
    vote = services.qa_upvote if request.POST.get("upvote") == "1" else services.qa_unvote
    error = None
    try:
        vote(response=post, participant=participant)
    except Refused as refused:
        error = refused.message
    if not _is_htmx(request):
        return redirect("live:join_code", code=code)
    sort = qa.sort_or_default(request.POST.get("sort"))
    return _posts_page(request, session, participant, post.question, sort=sort, error=error)


# --- Facilitator: moderation -----------------------------------------------------------------


def _qa_question(request, pk: int, question_pk: int) -> Question:
    session = _session_for_facilitator(request, pk)
    return get_object_or_404(
        Question.objects.select_related("session", "session__dialogue"),
        pk=question_pk,
        session=session,
        kind=QuestionKind.QA,
    )


def _panel_context(question: Question, source: str) -> dict:
    return {
        "session": question.session,
        "question": question,
        "qa": selectors.qa_moderation(question),
        "source": source,
        # Inside the control page the panel's sections are h3, under its own h2.
        "level": 3 if source == "control" else 2,
    }


def _panel_or_redirect(request, question: Question, *, done: str = "", error: str = ""):
    source = "control" if request.POST.get("from") == "control" else "page"
    if _is_htmx(request):
        context = _panel_context(question, source) | {"done": done, "error": error}
        return render(request, "live/_qa_moderation.html", context)
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    if source == "control":
        return redirect("live:session_control", pk=question.session_id)
    return redirect("live:qa_moderation", pk=question.session_id, question_pk=question.pk)


@login_required
def qa_moderation(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _qa_question(request, pk, question_pk)
    if _is_htmx(request):
        source = "control" if request.GET.get("from") == "control" else "page"
        return render(request, "live/_qa_moderation.html", _panel_context(question, source))
    return render(request, "live/qa_moderation.html", _panel_context(question, "page"))


def _merge(question, post, request):
    target = get_object_or_404(Response, pk=id_or_404(request.POST.get("into")), question=question)
    services.qa_merge(target=target, duplicate=post, actor=request.user)


# What each button does, and what the panel says afterwards (read out by screen readers).
POST_ACTIONS = {
    "approve": (
        lambda q, p, r: services.qa_moderate(response=p, action="approve", actor=r.user),
        gettext_lazy("Shown."),
    ),
    "hide": (
        lambda q, p, r: services.qa_moderate(response=p, action="hide", actor=r.user),
        gettext_lazy("Hidden."),
    ),
    "answered": (
        lambda q, p, r: services.qa_moderate(response=p, action="answered", actor=r.user),
        gettext_lazy("Marked as answered."),
    ),
    "unanswered": (
        lambda q, p, r: services.qa_moderate(response=p, action="unanswered", actor=r.user),
        gettext_lazy("Marked as not answered."),
    ),
    "pin": (
        lambda q, p, r: services.qa_pin(question=q, response=p, actor=r.user),
        gettext_lazy("Pinned to the screen."),
    ),
    "unpin": (
        lambda q, p, r: services.qa_pin(question=q, response=None, actor=r.user),
        gettext_lazy("Unpinned."),
    ),
    "reply": (
        lambda q, p, r: services.qa_reply(response=p, text=r.POST.get("reply", ""), actor=r.user),
        gettext_lazy("Reply saved."),
    ),
    "merge": (_merge, gettext_lazy("Merged.")),
}


@login_required
@require_POST
def qa_post_action(
    request: HttpRequest, pk: int, question_pk: int, response_pk: int, action: str
) -> HttpResponse:
    question = _qa_question(request, pk, question_pk)
    post = get_object_or_404(Response, pk=response_pk, question=question)
    if action not in POST_ACTIONS:
        raise Http404
    act, done = POST_ACTIONS[action]
    try:
        act(question, post, request)
    except Refused as refused:
        return _panel_or_redirect(request, question, error=refused.message)
    question.refresh_from_db()
    return _panel_or_redirect(request, question, done=str(done))


@login_required
@require_POST
def qa_premoderation(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _qa_question(request, pk, question_pk)
    on = request.POST.get("premoderated") == "1"
    question = services.question_set_premoderated(
        question=question, premoderated=on, actor=request.user
    )
    done = (
        _("New questions wait for your approval.") if on else _("New questions are shown at once.")
    )
    return _panel_or_redirect(request, question, done=done)

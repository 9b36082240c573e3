"""Pages for participants (phone), the presenter (projector) and the facilitator's control.

Views validate input and call services; they never write to models themselves.
"""

import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from samrad.accounts.rules import can_facilitate, can_view
from samrad.core.ids import id_or_404, id_or_none
from samrad.core.links import absolute_url, qr_svg
from samrad.dialogues.selectors import dialogue_editable_or_404
from samrad.live import events, phone_page, quiz, rules, selectors, services, writer
from samrad.live.devices import device_cookie_set, device_of, joined_cookies_set
from samrad.live.errors import NoCodesLeft, Refused
from samrad.live.forms import QuestionForm, SessionForm, SessionSettingsForm
from samrad.live.kinds import Answer, kind_of
from samrad.live.models import (
    InputKind,
    LiveSession,
    Question,
    QuestionKind,
    QuestionRole,
    SessionMode,
    SessionStatus,
)
from samrad.live.pipeline import Pending
from samrad.live.polls import POLLS
from samrad.live.tokens import cookie_name, participant_from_token


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def join_url(request: HttpRequest, session: LiveSession) -> str:
    """Where a phone joins this session (also the workshops' sessions)."""
    return absolute_url(request, reverse("live:join_code", args=[session.code]))


# --- Participant ---------------------------------------------------------------------------


def join(request: HttpRequest) -> HttpResponse:
    """Type the 6-digit code; a wrong or expired code gets a clear message and the form again."""
    code = request.POST.get("code", request.GET.get("code", "")).strip().replace(" ", "")
    if code:
        device = device_of(request)
        try:
            session = services.session_for_join(
                code=code, address=device.address, device_id=device.id
            )
        except Refused as refused:
            context = {"code": code, "error": refused.message}
            response = render(request, "live/join.html", context, status=_join_page_status(refused))
        else:
            response = redirect("live:join_code", code=session.code)
        device_cookie_set(response, device)
        return response
    return render(request, "live/join.html", {"code": code, "error": None})


def _participant(request: HttpRequest, session: LiveSession):
    return participant_from_token(
        request.COOKIES.get(cookie_name(session.pk)), session_id=session.pk
    )


def _join_page_status(refused: Refused) -> int:
    """A wrong or ended code shows the join form again (404); only throttling differs (429)."""
    return 429 if refused.status == 429 else 404


def _phone_session(request: HttpRequest, code: str):
    """(session, participant, refusal) for a phone's request.

    A phone that joined (a valid participant cookie for the code's session) is never counted
    as guessing, whatever its address did; anyone else goes through the join limits.
    """
    session = selectors.session_by_code(code)
    participant = _participant(request, session) if session else None
    if participant is not None:
        refusal = rules.join_refusal(session)
        return (None, None, Refused(refusal)) if refusal else (session, participant, None)
    device = device_of(request)
    try:
        session = services.session_for_join(
            code=code, address=device.address, device_id=device.id, found=session
        )
    except Refused as refused:
        return None, None, refused
    return session, None, None


def _join_page(request: HttpRequest, code: str, refused: Refused) -> HttpResponse:
    context = {"code": code, "error": refused.message}
    return render(request, "live/join.html", context, status=_join_page_status(refused))


def client_id_from(request: HttpRequest) -> uuid.UUID | None:
    """The id a form carries so that a resent answer is stored once (see response_submit)."""
    try:
        return uuid.UUID(request.POST.get("client_id", ""))
    except ValueError:
        return None


def _shown_question(request, session: LiveSession, participant) -> Question | None:
    """Live: the question on screen. Self-paced: the one the participant asked for (`?q=`),
    else their first unanswered one, else the first."""
    if session.mode != SessionMode.SELF_PACED:
        question = session.current_question
        if question is not None:
            question.session = session  # read once, not again by the rules and the kind
        return question
    questions = list(session.questions.order_by("position", "id"))
    wanted = request.GET.get("q") or request.POST.get("q")
    for question in questions:
        if str(question.pk) == wanted:
            return question
    answered = set(participant.responses.values_list("question_id", flat=True))
    return next((q for q in questions if q.pk not in answered), questions[0] if questions else None)


# What a screen reader says for each reaction button.
REACTION_LABELS = {
    "👍": gettext_lazy("Thumbs up"),
    "❤️": gettext_lazy("Heart"),
    "👏": gettext_lazy("Applause"),
    "😂": gettext_lazy("Laughter"),
    "😮": gettext_lazy("Surprise"),
}


def question_context(
    request,
    session,
    participant,
    *,
    question=None,
    message=None,
    error=None,
    channel="live",
    new=False,
):
    """What a kind's form template needs: the question, the participant's own answers (none
    when the participant is `new`: not looked for), whether it takes answers now, and a fresh
    client_id (the phone and the paper-entry page share it)."""
    # Phones wait in the lobby until the facilitator opens; paper entry works in any state.
    if session.status == SessionStatus.DRAFT and channel not in rules.FACILITATOR_CHANNELS:
        return {"session": session, "lobby": True, "state_key": events.phone_state_key(session)}
    question = question or _shown_question(request, session, participant)
    own = (
        selectors.own_responses(question=question, participant=participant)
        if question and not new
        else []
    )
    refusal = rules.response_refusal(question, channel=channel) if question else None
    context = {
        "respond_url": question
        and reverse("live:participant_respond", args=[session.code, question.pk]),
        "respond_target": "#question",
        "session": session,
        "state_key": events.phone_state_key(session),
        "question": question,
        "own": own,
        "accepting": refusal is None,
        "refusal": Refused(refusal).message if refusal else None,
        "message": message,
        "error": error,
        "client_id": uuid.uuid4(),
        "input_kinds": InputKind.choices,
        "max_length": settings.SAMRAD_MAX_TEXT_LENGTH,
        # Headings inside a kind's form ("You sent"): under the question's heading, an <h1>
        # on the phone (the paper-entry page, whose questions are <h2>, sets 3).
        "subheading_level": 2,
    }
    if question:
        context.update(kind_of(question).phone_context(question, participant, own))
        context["form_template"] = f"live/kinds/{question.kind}_form.html"
        if channel == "live":
            context["reactions"] = [(emoji, REACTION_LABELS[emoji]) for emoji in services.REACTIONS]
        if question.results_on_phones and question.results_visible and refusal is not None:
            # Once answering has closed the phone shows what the projector shows.
            context["phone_results"] = selectors.question_results(question)
            context["results_template"] = f"live/kinds/{question.kind}_results.html"
    if question and session.mode == SessionMode.SELF_PACED:
        questions = list(session.questions.order_by("position", "id"))
        index = questions.index(question)
        context["steps"] = {
            "number": index + 1,
            "total": len(questions),
            "previous": questions[index - 1] if index > 0 else None,
            "next": questions[index + 1] if index + 1 < len(questions) else None,
        }
    return context


def give_back(context: dict, question: Question, answer: Answer) -> None:
    """After a refusal, put what was entered back into the form so that nothing typed is lost
    (the phone and the paper-entry page alike)."""
    context["draft"] = answer.draft()
    context["draft_kind"] = answer.kind or ""
    if context["question"] == question:
        context.update(kind_of(question).draft_summary(question, answer))


def join_code(request: HttpRequest, code: str) -> HttpResponse:
    """The phone's page: joins on first visit (cookie), then follows the facilitator."""
    session, participant, refused = _phone_session(request, code)
    if refused:
        return _join_page(request, code, refused)
    new = participant is None
    device = device_of(request)
    if new:
        try:
            participant = services.participant_join(
                session=session,
                language=getattr(request, "LANGUAGE_CODE", ""),
                device_id=device.id,
            )
        except Refused as refused:
            return _join_page(request, code, refused)
    response: HttpResponse
    if hasattr(session, "workshop"):  # a workshop's phones follow its steps, not questions
        response = redirect("workshops:phone", code=session.code)
    elif new:  # the same page for every new phone but its token and client_id
        response = phone_page.render_new_phone(
            request, session, lambda: question_context(request, session, participant, new=True)
        )
    else:
        context = question_context(request, session, participant)
        response = render(request, "live/participant.html", context)
    if new:
        joined_cookies_set(response, participant, device)
    return response


def participant_question(request: HttpRequest, code: str) -> HttpResponse:
    """The current question as an htmx fragment (fetched when the facilitator moves on)."""
    session, participant, refused = _phone_session(request, code)
    if refused:
        # A limit says so (never "the session has ended"); a wrong or ended code says ended.
        message = refused.message if refused.status == 429 else Refused("session_closed").message
        return render(request, "live/_participant_closed.html", {"error": message})
    if participant is None:
        return HttpResponse(
            status=204, headers={"HX-Redirect": reverse("live:join_code", args=[code])}
        )
    # After an answer sent over the WebSocket was acknowledged (participant-answers.js).
    message = _("Thank you! Your answer was received.") if request.GET.get("sent") else None
    context = question_context(request, session, participant, message=message)
    return render(request, "live/_participant_question.html", context)


@require_POST
def participant_respond(request: HttpRequest, code: str, question_id: int) -> HttpResponse:
    session, participant, refused = _phone_session(request, code)
    if refused:
        return _join_page(request, code, refused)
    if participant is None:
        return redirect("live:join_code", code=code)
    question = get_object_or_404(Question, pk=question_id, session=session)
    message = error = None
    client_id = client_id_from(request)
    answer = Answer.from_form(request.POST)
    try:
        writer.submit_from_thread(
            Pending(
                question_id=question.pk, participant=participant, answer=answer, client_id=client_id
            )
        )
        message = _("Thank you! Your answer was received.")
    except Refused as refused:
        error = refused.message
    session.refresh_from_db()
    # Live: show what is on screen now; self-paced: stay on the question just answered.
    shown = question if session.mode == SessionMode.SELF_PACED else None
    context = question_context(
        request, session, participant, question=shown, message=message, error=error
    )
    if error:
        give_back(context, question, answer)
    template = "live/_participant_question.html" if _is_htmx(request) else "live/participant.html"
    # For an answer kept offline and resent by participant.js: was it counted?
    response = render(request, template, context)
    response["X-Samrad-Answer"] = "refused" if error else "received"
    return response


@require_POST
def participant_react(request: HttpRequest, code: str) -> HttpResponse:
    """A reaction emoji for the projector; answers with a short status for the phone."""
    session, participant, refused = _phone_session(request, code)
    if refused:
        return _join_page(request, code, refused)
    if participant is None:
        return redirect("live:join_code", code=code)
    try:
        services.reaction_send(participant=participant, emoji=request.POST.get("emoji", ""))
        message, error = _("Sent to the screen."), None
    except Refused as refused:
        message, error = None, refused.message
    if not _is_htmx(request):
        return redirect("live:join_code", code=code)
    return render(request, "live/_reaction_status.html", {"message": message, "error": error})


@require_POST
def participant_nickname(request: HttpRequest, code: str) -> HttpResponse:
    """A phone's nickname for the quiz leaderboard (only while the session has one)."""
    session, participant, refused = _phone_session(request, code)
    if refused:
        return _join_page(request, code, refused)
    if participant is None:
        return redirect("live:join_code", code=code)
    message = error = None
    try:
        quiz.nickname_set(participant=participant, nickname=request.POST.get("nickname", ""))
        message = _("Nickname saved.")
    except Refused as refused:
        error = refused.message
    context = question_context(request, session, participant)
    context["nickname_message"], context["nickname_error"] = message, error
    if error:
        context["nickname_draft"] = request.POST.get("nickname", "")
    template = "live/_participant_question.html" if _is_htmx(request) else "live/participant.html"
    return render(request, template, context)


# --- Presenter -----------------------------------------------------------------------------


def _session_for_viewer(request, code) -> LiveSession:
    session = selectors.session_by_code(code)
    if session is None or not can_view(request.user, session.dialogue):
        raise Http404
    return session


def _presenter_page(request, session: LiveSession, *, editable: bool, socket: str):
    url = join_url(request, session)
    # The projector speaks the dialogue's language, like the stage its WebSocket pushes
    # (PresenterConsumer); otherwise the page would switch language when the first push lands.
    with translation.override(session.dialogue.language):
        context = selectors.stage_context(session)
        context.update(
            join_url=url,
            join_host=url.split("//", 1)[-1].split("/j/")[0],
            qr=qr_svg(url, _("QR code to join the session")),
            editable=editable,
            socket=socket,
        )
        return render(request, "live/presenter.html", context)


@login_required
def presenter(request: HttpRequest, code: str) -> HttpResponse:
    session = _session_for_viewer(request, code)
    editable = can_facilitate(request.user, session.dialogue)
    return _presenter_page(request, session, editable=editable, socket=f"/ws/present/{code}/")


def presenter_link(request: HttpRequest, secret: str) -> HttpResponse:
    """The projector through a presenter link: no login, view only, until it is revoked."""
    session = selectors.session_by_presenter_secret(secret)
    if session is None:
        raise Http404
    response = _presenter_page(request, session, editable=False, socket=f"/ws/show/{secret}/")
    response["Referrer-Policy"] = "no-referrer"  # the secret stays out of other sites' logs
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def presenter_stage(request: HttpRequest, code: str) -> HttpResponse:
    session = _session_for_viewer(request, code)
    with translation.override(session.dialogue.language):
        return render(request, "live/_stage.html", selectors.stage_context(session))


@login_required
def qr_image(request: HttpRequest, code: str) -> HttpResponse:
    session = _session_for_viewer(request, code)
    svg = segno.make(join_url(request, session), error="m").svg_inline(scale=10)
    return HttpResponse(svg, content_type="image/svg+xml")


# --- Facilitator: build and run --------------------------------------------------------------


def _session_for_facilitator(request, pk) -> LiveSession:
    session = selectors.session_for_user_or_404(user=request.user, pk=pk)
    if not can_facilitate(request.user, session.dialogue):
        raise PermissionDenied
    return session


@login_required
def session_create(request: HttpRequest, dialogue_pk: int) -> HttpResponse:
    dialogue, _editable = dialogue_editable_or_404(user=request.user, pk=dialogue_pk, change=True)
    form = SessionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                dialogue=dialogue, title=form.cleaned_data["title"], created_by=request.user
            )
        except NoCodesLeft as refused:
            form.add_error(None, refused.message)
            status = refused.status
        else:
            return redirect("live:session_edit", pk=session.pk)
    context = {"form": form, "dialogue": dialogue}
    return render(request, "live/session_form.html", context, status=status)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_for_user_or_404(user=request.user, pk=pk)
    editable = can_facilitate(request.user, session.dialogue)
    is_settings = "save_settings" in request.POST
    settings_form = SessionSettingsForm(
        request.POST if is_settings else None,
        dialogue=session.dialogue,
        initial={
            "title": session.title,
            "mode": session.mode,
            "meeting": session.meeting,
            "opens_at": session.opens_at,
            "closes_at": session.closes_at,
            "min_group_size": session.min_group_size,
            "results_after_close": session.results_after_close,
            "leaderboard": session.leaderboard,
        },
    )
    form = QuestionForm(
        None if is_settings else (request.POST or None),
        None if is_settings else (request.FILES or None),
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if is_settings:
            if settings_form.is_valid():
                services.session_update(
                    session=session, actor=request.user, **settings_form.cleaned_data
                )
                messages.success(request, _("Session saved."))
                return redirect("live:session_edit", pk=session.pk)
        elif form.is_valid():
            services.question_add(session=session, actor=request.user, **form.service_kwargs())
            messages.success(request, _("Question added."))
            return redirect("live:session_edit", pk=session.pk)
    return render(
        request,
        "live/session_edit.html",
        {
            "session": session,
            "questions": session.questions.prefetch_related("choices"),
            "order": question_order(session),
            "polls_present": set(session.questions.exclude(role="").values_list("role", flat=True)),
            "form": form,
            "settings_form": settings_form,
            "editable": editable,
            "join_url": join_url(request, session),
        },
    )


@login_required
@require_POST
def question_action(request: HttpRequest, pk: int, question_pk: int, action: str) -> HttpResponse:
    session = _session_for_facilitator(request, pk)
    question = Question.objects.filter(pk=question_pk, session=session).first()
    if action not in {"delete", "up", "down", "move"}:
        raise Http404
    if question is None and action == "delete":  # a double click: deleted by the first
        return redirect("live:session_edit", pk=session.pk)
    if question is None:
        raise Http404
    if "order" in request.POST and request.POST["order"] != question_order(session):
        # Drawn before another move (a double click, another window): moving again from
        # there would move the wrong way, so nothing is done and the list is shown as it is.
        messages.info(request, _("The list had changed since this page was drawn: check it."))
        return redirect("live:session_edit", pk=session.pk)
    if action == "delete":
        services.question_delete(question=question, actor=request.user)
    elif action in {"up", "down"}:
        offset = -1 if action == "up" else 1
        services.question_move(question=question, offset=offset, actor=request.user)
    else:
        from samrad.live.editing import question_move_to

        position = id_or_404(request.POST.get("position"))
        question_move_to(question=question, position=position, actor=request.user)
    return redirect("live:session_edit", pk=session.pk)


def question_order(session) -> str:
    """The session's questions in their order, as a page draws them (ids)."""
    return ",".join(
        str(pk) for pk in session.questions.order_by("position", "id").values_list("pk", flat=True)
    )


@login_required
@require_POST
def poll_add(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    session = _session_for_facilitator(request, pk)
    if key not in POLLS:
        raise Http404
    added = services.poll_add(session=session, key=key, actor=request.user)
    messages.success(
        request,
        ngettext("%(n)d question added.", "%(n)d questions added.", len(added)) % {"n": len(added)},
    )
    return redirect("live:session_edit", pk=session.pk)


@login_required
def session_control(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_for_user_or_404(user=request.user, pk=pk)
    url = join_url(request, session)
    context = selectors.stage_context(session)
    context.update(
        questions=session.questions.all(),
        segments=selectors.segment_questions(session),
        presenter_link=(
            request.build_absolute_uri(
                reverse("live:presenter_link", args=[session.presenter_secret])
            )
            if session.presenter_secret
            else ""
        ),
        join_url=url,
        editable=can_facilitate(request.user, session.dialogue),
        seen=control_seen(session),
    )
    question = context["question"]
    if context["editable"] and question is not None and question.kind == QuestionKind.QA:
        context["qa"] = selectors.qa_moderation(question)
    if context["editable"] and question is not None and question.kind in services.ENTRY_KINDS:
        context["entries"] = selectors.entries_moderation(question)
    return render(request, "live/control.html", context)


def control_seen(session: LiveSession) -> str:
    """What a control page's buttons were drawn for: the question on screen, as last changed
    (every action on a question touches its `updated_at`; answers do not)."""
    question = session.current_question
    if question is None:
        return f"{session.status}:-"
    return f"{session.status}:{question.pk}:{question.updated_at.isoformat()}"


# Each command: (session, its current question, the facilitator) → service call.
CONTROL_ACTIONS = {
    "open": lambda s, q, u: services.session_open(session=s, actor=u),
    "close": lambda s, q, u: services.session_close(session=s, actor=u),
    "next": lambda s, q, u: services.session_step(session=s, offset=1),
    "previous": lambda s, q, u: services.session_step(session=s, offset=-1),
    "accept": lambda s, q, u: (
        q and services.question_set_accepting(question=q, accepting=True, actor=u)
    ),
    "stop": lambda s, q, u: (
        q and services.question_set_accepting(question=q, accepting=False, actor=u)
    ),
    "show": lambda s, q, u: (
        q and services.question_set_results_visible(question=q, visible=True, actor=u)
    ),
    "hide": lambda s, q, u: (
        q and services.question_set_results_visible(question=q, visible=False, actor=u)
    ),
    "reset": lambda s, q, u: q and services.question_reset(question=q, actor=u),
    "after_close_on": lambda s, q, u: (
        q and services.question_set_display(question=q, results_after_close=True, actor=u)
    ),
    "after_close_off": lambda s, q, u: (
        q and services.question_set_display(question=q, results_after_close=False, actor=u)
    ),
    "phone_results_on": lambda s, q, u: (
        q and services.question_set_display(question=q, results_on_phones=True, actor=u)
    ),
    "phone_results_off": lambda s, q, u: (
        q and services.question_set_display(question=q, results_on_phones=False, actor=u)
    ),
    "leaderboard_show": lambda s, q, u: quiz.leaderboard_show(session=s, shown=True, actor=u),
    "leaderboard_hide": lambda s, q, u: quiz.leaderboard_show(session=s, shown=False, actor=u),
}


@login_required
@require_POST
def session_command(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    session = _session_for_facilitator(request, pk)
    if "seen" in request.POST and request.POST["seen"] != control_seen(session):
        # The button was drawn for another state: a double click's second press, or a page
        # left behind while the session moved on. Doing it again would step twice or reset
        # answers given since; so nothing is done, and the page shows the session as it is.
        messages.info(
            request,
            _("The session had changed since this page was drawn, so nothing was done: check."),
        )
        return redirect("live:session_control", pk=session.pk)
    if action == "goto":
        question: Question | None = get_object_or_404(
            Question, pk=id_or_404(request.POST.get("question")), session=session
        )
        services.session_go_to(session=session, question=question)
    elif action == "breakdown":
        segment_id = request.POST.get("segment") or None
        segment = segment_id and get_object_or_404(
            Question, pk=id_or_404(segment_id), session=session, role=QuestionRole.COMPOSITION
        )
        services.session_set_breakdown(session=session, segment=segment or None, actor=request.user)
    elif action == "presenter_link":
        services.presenter_link_create(session=session, actor=request.user)
    elif action == "presenter_link_revoke":
        services.presenter_link_revoke(session=session, actor=request.user)
    elif action == "join_screen":
        services.session_go_to(session=session, question=None)
    elif action == "countdown":
        seconds = id_or_none(request.POST.get("seconds"))
        question = session.current_question
        if question is not None:
            if seconds is not None and 1 <= seconds <= services.COUNTDOWN_LIMIT:
                services.question_countdown_start(
                    question=question, seconds=seconds, actor=request.user
                )
            else:
                messages.error(
                    request,
                    _("A countdown takes from 1 to %(limit)d seconds.")
                    % {"limit": services.COUNTDOWN_LIMIT},
                )
    elif action in CONTROL_ACTIONS:
        CONTROL_ACTIONS[action](session, session.current_question, request.user)
    else:
        raise Http404
    return redirect("live:session_control", pk=session.pk)

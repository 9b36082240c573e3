"""Pages of the concerns app.

Facilitator pages (login; another organisation's object → 404; viewers read but do not
change): the dialogue's concerns (type, import, from themes), the actions follow-up with its
exports, and the fragments our workshop steps load on the facilitator's screen and the
projector. Phone fragments know the phone by the workshop session's participant cookie.
Every write goes through `samrad.concerns.services`.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samrad.accounts.rules import can_facilitate, can_view
from samrad.concerns import exports, imports, rules, screens, selectors, services
from samrad.concerns.forms import ActionFilterForm, ActionForm, ConcernForm, ImportForm
from samrad.concerns.models import ConcernSource
from samrad.core.ids import id_or_404, number_or
from samrad.core.redirects import next_or
from samrad.dialogues.selectors import dialogue_editable_or_404
from samrad.live.errors import Refused
from samrad.workshops.participants import participant_for


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Concerns of a dialogue -------------------------------------------------------------------


def themes_available() -> bool:
    """The insights app's themes arrive from another branch: offer them only when present."""
    try:
        from samrad.insights import models as insights_models
    except ImportError:
        return False
    return hasattr(insights_models, "Theme")


def _theme_texts(dialogue) -> list[str]:
    """The names of the dialogue's themes. The Theme model comes from another branch, so
    its shape is read, not assumed: a theme belongs to a dialogue directly or via a board."""
    from samrad.insights.models import Theme

    fields = {field.name for field in Theme._meta.get_fields()}
    if "dialogue" in fields:
        themes = Theme.objects.filter(dialogue=dialogue)
    elif "board" in fields:
        themes = Theme.objects.filter(**{"board__dialogue": dialogue})  # a shape, not a field
    else:
        return []
    names = (getattr(t, "name", None) or getattr(t, "label", None) or str(t) for t in themes)
    return [name.strip()[:500] for name in names if name and name.strip()]


@login_required
def concern_list(request: HttpRequest, dialogue_pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=dialogue_pk, change=request.method == "POST"
    )
    form = ConcernForm(request.POST if "add" in request.POST else None)
    import_form = ImportForm(
        request.POST if "import" in request.POST else None,
        request.FILES if "import" in request.POST else None,
    )
    import_errors: list = []
    if request.method == "POST":
        here = redirect("concerns:list", dialogue_pk=dialogue.pk)
        try:
            if "add" in request.POST and form.is_valid():
                services.concern_add(
                    dialogue=dialogue, text=form.cleaned_data["text"], actor=request.user
                )
                messages.success(request, _("Concern added."))
                return here
            if "save" in request.POST:
                concern = get_object_or_404(dialogue.concerns, pk=id_or_404(request.POST["save"]))
                services.concern_update(
                    concern=concern, text=request.POST.get("text", ""), actor=request.user
                )
                messages.success(request, _("Concern saved."))
                return here
            if "delete" in request.POST:
                concern = get_object_or_404(dialogue.concerns, pk=id_or_404(request.POST["delete"]))
                services.concern_delete(concern=concern, actor=request.user)
                messages.success(request, _("Concern removed."))
                return here
            if "themes" in request.POST and themes_available():
                created = services.concerns_import(
                    dialogue=dialogue,
                    texts=[t for t in _theme_texts(dialogue) if t],
                    actor=request.user,
                    source=ConcernSource.THEME,
                )
                messages.success(
                    request, _("%(n)s concerns added from themes.") % {"n": len(created)}
                )
                return here
            if "import" in request.POST and import_form.is_valid():
                upload = import_form.cleaned_data["file"]
                texts = imports.read_concerns(upload.read(imports.MAX_BYTES + 1), upload.name)
                created = services.concerns_import(
                    dialogue=dialogue, texts=texts, actor=request.user
                )
                messages.success(
                    request,
                    _("%(n)s concerns imported (%(skipped)s already there).")
                    % {"n": len(created), "skipped": len(texts) - len(created)},
                )
                return here
        except Refused as refused:
            messages.error(request, refused.message)
        except imports.ImportFailed as failed:
            messages.error(request, failed.message)
            import_errors = failed.rows
    return render(
        request,
        "concerns/list.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "concerns": selectors.concerns_of(dialogue),
            "form": form,
            "import_form": import_form,
            "import_errors": import_errors,
            "themes": themes_available(),
        },
        status=422 if import_errors else 200,
    )


# --- Actions follow-up ------------------------------------------------------------------------


@login_required
def action_list(request: HttpRequest, dialogue_pk: int) -> HttpResponse:
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=dialogue_pk, change=request.method == "POST"
    )
    filters = ActionFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    actions = selectors.actions_of(dialogue, filters=chosen)
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS and request.method != "POST":  # a POST adds an action
        return exports.response(dialogue, actions, fmt)
    form = ActionForm(request.POST or None, dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(dialogue=dialogue, actor=request.user, **form.cleaned_data)
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Action added."))
            return redirect("concerns:actions", dialogue_pk=dialogue.pk)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "concerns/actions.html",
        {
            "dialogue": dialogue,
            "editable": editable,
            "actions": actions,
            "filters": filters,
            "form": form,
            "query": query.urlencode(),
            "overdue": sum(1 for a in actions if a.overdue),
        },
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_for_user_or_404(user=request.user, pk=pk)
    dialogue, editable = dialogue_editable_or_404(
        user=request.user, pk=action.dialogue_id, change=request.method == "POST"
    )
    form = ActionForm(request.POST or None, instance=action, dialogue=dialogue)
    if request.method == "POST":
        if "delete" in request.POST:
            services.action_delete(action=action, actor=request.user)
            messages.success(request, _("Action removed."))
            return redirect("concerns:actions", dialogue_pk=dialogue.pk)
        if form.is_valid():
            # The form must not save the model itself: the service does (and logs it).
            fresh = selectors.action_for_user_or_404(user=request.user, pk=pk)
            try:
                services.action_update(action=fresh, actor=request.user, **form.cleaned_data)
            except Refused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("Action saved."))
                return redirect("concerns:actions", dialogue_pk=dialogue.pk)
    return render(
        request,
        "concerns/action_form.html",
        {"dialogue": dialogue, "action": action, "form": form, "editable": editable},
    )


# --- Workshop step screens --------------------------------------------------------------------


def _step_for_screen(request, workshop_pk: int, step_pk: int):
    workshop = selectors.workshop_for_user_or_404(user=request.user, pk=workshop_pk)
    step = selectors.step_of(workshop, step_pk)
    if step.format not in screens.FORMAT_FRAGMENTS:
        raise Http404
    return workshop, step


def _render_step(request, context, *, status=200):
    return render(request, context["fragment_template"], context, status=status)


@login_required
def step_screen(request: HttpRequest, workshop_pk: int, step_pk: int, screen: str) -> HttpResponse:
    """The facilitator's or the projector's fragment of a step. Polling screens send the
    version they show (`v`) and get 204 while nothing changed."""
    workshop, step = _step_for_screen(request, workshop_pk, step_pk)
    dialogue = workshop.dialogue
    if screen not in ("facilitator", "projector") or not can_view(request.user, dialogue):
        raise Http404
    if request.GET.get("v") and request.GET["v"] == selectors.version(workshop, step):
        return HttpResponse(status=204)
    editable = can_facilitate(request.user, dialogue)
    if screen == "projector":  # the projector speaks the workshop's language
        with translation.override(workshop.language):
            context = screens.step_context(workshop, step, screen, editable=editable)
            return _render_step(request, context)
    return _render_step(request, screens.step_context(workshop, step, screen, editable=editable))


def _group(workshop, request):
    return get_object_or_404(workshop.concern_groups, pk=id_or_404(request.POST.get("group")))


def _idea(workshop, value):
    return get_object_or_404(workshop.concern_ideas, pk=id_or_404(value))


def _concern(workshop, value):
    return get_object_or_404(workshop.dialogue.concerns, pk=id_or_404(value)) if value else None


# What the workshop's actions step edits in place (the text stays the idea's).
ACTION_STEP_FIELDS = ("owner_type", "owner_name", "sphere", "due", "status")


def _command(request, workshop, step, command: str) -> str:
    """Run one facilitator command; returns what to announce."""
    user, post = request.user, request.POST
    if command == "group_add":
        services.group_add(
            workshop=workshop,
            name=post.get("name", ""),
            concern=_concern(workshop, post.get("concern")),
            actor=user,
        )
        return _("Group added.")
    if command == "group_save":
        services.group_update(
            group=_group(workshop, request),
            name=post.get("name", ""),
            concern=_concern(workshop, post.get("concern")),
            actor=user,
        )
        return _("Group saved.")
    if command == "group_delete":
        services.group_delete(group=_group(workshop, request), actor=user)
        return _("Group removed.")
    if command == "idea_add":
        services.idea_add(
            workshop=workshop,
            group=_group(workshop, request),
            text=post.get("text", ""),
            step=step,
            actor=user,
        )
        return _("Idea added.")
    if command == "idea_edit":
        services.idea_edit(
            idea=_idea(workshop, post.get("idea")), text=post.get("text", ""), actor=user
        )
        return _("Idea saved.")
    if command in ("idea_hide", "idea_show"):
        services.idea_set_hidden(
            idea=_idea(workshop, post.get("idea")), hidden=command == "idea_hide", actor=user
        )
        return _("Idea hidden.") if command == "idea_hide" else _("Idea shown again.")
    if command == "idea_merge":
        services.idea_merge(
            target=_idea(workshop, post.get("into")),
            duplicate=_idea(workshop, post.get("idea")),
            actor=user,
        )
        return _("Ideas merged.")
    if command in ("close", "open"):
        services.step_set_closed(step=step, closed=command == "close", actor=user)
        return _("Closed.") if command == "close" else _("Open again.")
    if command == "configure":
        dots = number_or(post.get("dots", rules.DEFAULT_DOTS), None)
        if dots is None:
            raise Refused("invalid")
        services.vote_configure(
            step=step, dots=dots, several=post.get("several") == "1", actor=user
        )
        return _("Vote settings saved.")
    if command == "action_save":
        action = get_object_or_404(workshop.concern_actions, pk=id_or_404(post.get("action")))
        form = ActionForm(post, instance=action, dialogue=workshop.dialogue)
        form.fields["what"].required = False
        if not form.is_valid():
            raise Refused("invalid")
        fields = {name: form.cleaned_data[name] for name in ACTION_STEP_FIELDS}
        fresh = get_object_or_404(workshop.concern_actions, pk=action.pk)
        services.action_update(action=fresh, actor=user, **fields)
        return _("Action saved.")
    if command == "make_actions":
        vote = get_object_or_404(
            workshop.steps, pk=id_or_404(post.get("vote")), format="concerns.vote"
        )
        top = number_or(post.get("top"), rules.DEFAULT_TOP)
        created = services.actions_from_top(workshop=workshop, step=vote, top=top, actor=user)
        return _("%(n)s actions created.") % {"n": len(created)}
    raise Http404


@login_required
@require_POST
def step_command(
    request: HttpRequest, workshop_pk: int, step_pk: int, command: str
) -> HttpResponse:
    workshop, step = _step_for_screen(request, workshop_pk, step_pk)
    if not can_facilitate(request.user, workshop.dialogue):
        raise PermissionDenied
    done, error = "", ""
    try:
        done = _command(request, workshop, step, command)
    except Refused as refused:
        error = refused.message
    step.refresh_from_db()
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, done)
        back = reverse("concerns:list", args=[workshop.dialogue_id])
        return HttpResponseRedirect(next_or(request, back))
    context = screens.step_context(
        workshop, step, "facilitator", editable=True, done=done, error=error
    )
    return _render_step(request, context, status=200)


# --- Phones -----------------------------------------------------------------------------------


def _phone_step(request, workshop_pk: int, step_pk: int):
    from samrad.workshops.models import Workshop

    workshop = get_object_or_404(
        Workshop.objects.select_related("session", "dialogue"), pk=workshop_pk
    )
    step = get_object_or_404(workshop.steps, pk=step_pk)
    if step.format not in screens.FORMAT_FRAGMENTS:
        raise Http404
    participant = participant_for(request, workshop)
    if participant is None:
        raise PermissionDenied
    return workshop, step, participant


def phone_screen(request: HttpRequest, workshop_pk: int, step_pk: int) -> HttpResponse:
    workshop, step, participant = _phone_step(request, workshop_pk, step_pk)
    context = screens.phone_context(workshop, step, participant)
    if request.GET.get("part") == "ideas":
        if request.GET.get("v") == context["group_version"]:
            return HttpResponse(status=204)
        return render(request, "concerns/fragments/_group_ideas.html", context)
    if request.GET.get("v") == context["version"]:
        return HttpResponse(status=204)
    return _render_step(request, context)


def _client_id(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("client_id", ""))
    except ValueError:
        return None


@require_POST
def phone_command(
    request: HttpRequest, workshop_pk: int, step_pk: int, command: str
) -> HttpResponse:
    workshop, step, participant = _phone_step(request, workshop_pk, step_pk)
    done, error, status, draft = "", "", 200, ""
    try:
        if command == "group":
            group = get_object_or_404(
                workshop.concern_groups, pk=id_or_404(request.POST.get("group"))
            )
            services.group_join(
                workshop=workshop,
                participant=participant,
                group=group,
                role=request.POST.get("role", ""),
            )
            done = _("You are in %(group)s.") % {"group": group.name}
        elif command == "idea":
            draft = request.POST.get("text", "")
            services.idea_submit(
                workshop=workshop,
                step=step,
                participant=participant,
                text=draft,
                client_id=_client_id(request),
            )
            done, draft = _("Idea received. Thank you! Write another one if you like."), ""
        elif command in ("dot", "undot"):
            idea = _idea(workshop, request.POST.get("idea"))
            if command == "dot":
                services.dot_add(
                    workshop=workshop,
                    step=step,
                    participant=participant,
                    idea=idea,
                    client_id=_client_id(request),
                )
                done = _("Dot given: %(idea)s") % {"idea": idea.text[:60]}
            else:
                services.dot_withdraw(
                    workshop=workshop, step=step, participant=participant, idea=idea
                )
                done = _("Dot taken back: %(idea)s") % {"idea": idea.text[:60]}
        else:
            raise Http404
    except Refused as refused:
        error, status = refused.message, refused.status
    if not _is_htmx(request):  # a phone without JavaScript: back to its workshop page
        if error:
            messages.error(request, error)
        elif done:
            messages.success(request, done)
        return redirect("workshops:phone", code=workshop.session.code)
    context = screens.phone_context(
        workshop, step, participant, done=done, error=error, draft=draft
    )
    # htmx swaps 200 only: a refusal is shown in the fragment, with its status in a header.
    response = _render_step(request, context)
    if error:
        response["X-Refusal-Status"] = str(status)
    return response

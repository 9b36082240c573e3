"""Pages of signification surveys: the storyteller's phone page (no account), the
facilitator's survey editor and results (organisation-scoped), and the public sneak peek.

Views validate input and call services; they never write to models themselves.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samrad.accounts.rules import can_facilitate
from samrad.core.ids import ids_of
from samrad.core.links import absolute_url, qr_svg
from samrad.dialogues.selectors import dialogue_editable_or_404
from samrad.signification import exports, privacy, selectors, services
from samrad.signification.answers import STORY_MAX_LENGTH
from samrad.signification.errors import InvalidStory, SurveyClosed
from samrad.signification.examples import example_for
from samrad.signification.forms import NewSurveyForm, PeekForm, SignifierForm, SurveyForm
from samrad.signification.models import Signifier, Survey, SurveyStatus
from samrad.signification.plots import describe, plots_for

RESPONDENT_SALT = privacy.RESPONDENT_SALT  # the registry of personal data reads the cookie


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def public_url(request: HttpRequest, name: str, *args) -> str:
    return absolute_url(request, reverse(name, args=args))


# --- The storyteller's phone -----------------------------------------------------------------


def _cookie(survey: Survey) -> str:
    return f"samrad_s{survey.pk}"


def _respondent(request: HttpRequest, survey: Survey) -> uuid.UUID | None:
    raw = request.COOKIES.get(_cookie(survey))
    if not raw:
        return None
    try:
        value = signing.TimestampSigner(salt=RESPONDENT_SALT).unsign(
            raw, max_age=settings.SAMRAD_PARTICIPANT_COOKIE_DAYS * 86400
        )
        return uuid.UUID(value)
    except (signing.BadSignature, ValueError):
        return None


def _set_respondent(response: HttpResponse, survey: Survey, respondent: uuid.UUID) -> None:
    response.set_cookie(
        _cookie(survey),
        signing.TimestampSigner(salt=RESPONDENT_SALT).sign(str(respondent)),
        max_age=settings.SAMRAD_PARTICIPANT_COOKIE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _fmt(number: float) -> str:
    rounded = round(number, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def _fields_from_story(signifiers: list[Signifier], story) -> dict[int, dict]:
    answers = {answer.signifier_id: answer for answer in story.answers.all()} if story else {}
    fields = {}
    for signifier in signifiers:
        answer = answers.get(signifier.pk)
        field = {"na": bool(answer and answer.not_applicable), "chosen": set(), "value": ""}
        if answer and answer.weights:
            field.update(a=_fmt(answer.a * 100), b=_fmt(answer.b * 100), c=_fmt(answer.c * 100))
        if answer and answer.value is not None:
            field["value"] = _fmt(answer.value)
        if answer:
            field["chosen"] = set(answer.choices)
        fields[signifier.pk] = field
    return fields


def _fields_from_post(signifiers: list[Signifier], data) -> dict[int, dict]:
    fields = {}
    for signifier in signifiers:
        name = f"s{signifier.pk}"
        field = {"na": data.get(f"{name}_na") in ("1", "on"), "value": data.get(name, "")[:20]}
        field.update({corner: data.get(f"{name}_{corner}", "")[:10] for corner in "abc"})
        field["chosen"] = set(ids_of(data.getlist(name)))
        fields[signifier.pk] = field
    return fields


def _story_context(survey, signifiers, fields, **extra) -> dict:
    items = [
        {"signifier": s, "field": fields.get(s.pk, {}), "name": f"s{s.pk}"} for s in signifiers
    ]
    context = {
        "survey": survey,
        "items": items,
        "client_id": uuid.uuid4(),
        "max_length": STORY_MAX_LENGTH,
        "errors": {},
        "values": {},
        "story": None,
        "message": None,
    }
    context.update(extra)
    for item in items:
        item["error"] = context["errors"].get(item["name"])
    return context


@require_POST
def story_delete(request: HttpRequest, code: str) -> HttpResponse:
    """The storyteller deletes their own story (the phone's cookie says which), open survey
    or closed; the registry of personal data's entry does the erasing."""
    survey = selectors.survey_by_code(code)
    if survey is None:
        raise Http404
    respondent = _respondent(request, survey)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that your story is to be deleted."))
        return redirect("signification:public", code=survey.code)
    if respondent is not None and privacy.story_erase(survey=survey, respondent=respondent):
        messages.success(request, _("Your story was deleted."))
    response = redirect("signification:public", code=survey.code)
    response.delete_cookie(_cookie(survey), samesite="Lax")
    return response


def survey_public(request: HttpRequest, code: str) -> HttpResponse:
    """The storyteller's page: the prompt, the story, the signifiers; one story per phone,
    editable while the survey is open."""
    survey = selectors.survey_by_code(code)
    if survey is None:
        return render(request, "signification/phone_closed.html", {"survey": None}, status=404)
    respondent = _respondent(request, survey)
    new_respondent = respondent is None
    respondent = respondent or uuid.uuid4()
    story = selectors.story_of(survey=survey, respondent=respondent)
    signifiers = list(survey.signifiers.all())
    if not survey.is_open:
        status = 409 if request.method == "POST" else 200
        return render(
            request,
            "signification/phone_closed.html",
            {"survey": survey, "story": story},
            status=status,
        )
    status = 200
    if request.method == "POST":
        try:
            client_id = uuid.UUID(request.POST.get("client_id", ""))
        except ValueError:
            client_id = None
        try:
            story, created = services.story_submit(
                survey=survey, respondent=respondent, data=request.POST, client_id=client_id
            )
        except SurveyClosed:
            return render(
                request,
                "signification/phone_closed.html",
                {"survey": survey, "story": story},
                status=409,
            )
        except InvalidStory as invalid:
            context = _story_context(
                survey,
                signifiers,
                _fields_from_post(signifiers, request.POST),
                errors=invalid.errors,
                values={
                    "text": request.POST.get("text", ""),
                    "title": request.POST.get("title", ""),
                    "consent": request.POST.get("consent"),
                },
                story=story,
            )
            response = render(request, "signification/phone.html", context, status=422)
            if new_respondent:
                _set_respondent(response, survey, respondent)
            return response
        if story.respondent != respondent:
            # A resend whose first send set no cookie: this phone is that story's phone.
            respondent, new_respondent = story.respondent, True
        message = (
            _("Thank you! Your story was received.") if created else _("Your story was saved.")
        )
        context = _story_context(
            survey,
            signifiers,
            _fields_from_story(signifiers, story),
            values={"text": story.text, "title": story.title, "consent": story.consented},
            story=story,
            message=message,
        )
    else:
        values = (
            {"text": story.text, "title": story.title, "consent": story.consented} if story else {}
        )
        context = _story_context(
            survey,
            signifiers,
            _fields_from_story(signifiers, story),
            values=values,
            story=story,
        )
    response = render(request, "signification/phone.html", context, status=status)
    if new_respondent:
        _set_respondent(response, survey, respondent)
    return response


# --- The public sneak peek -------------------------------------------------------------------


def _results_context(request: HttpRequest, survey: Survey) -> dict:
    signifiers = list(survey.signifiers.all())
    filters = selectors.Filters.from_query(request.GET, signifiers)
    rows = selectors.story_rows(survey)
    in_filter = selectors.filtered(rows, filters, with_region=False)
    listed = selectors.filtered(rows, filters)
    region_label = ""
    if filters.region:
        signifier = next(s for s in signifiers if s.pk == filters.region[0])
        name = filters.region[1]
        corner = signifier.labels["abc".index(name)] if name != "middle" else _("the middle")
        region_label = f"{signifier.prompt} – {corner}"
    for row in listed:
        row.described = [
            (s.prompt, describe(s, row.answers[s.pk])) for s in signifiers if s.pk in row.answers
        ]
    filter_groups = [
        (s, [(i, label, i in filters.chosen.get(s.pk, ())) for i, label in enumerate(s.labels)])
        for s in signifiers
        if s.is_filter
    ]
    return {
        "survey": survey,
        "signifiers": signifiers,
        "filter_groups": filter_groups,
        "without_region": selectors.Filters(chosen=filters.chosen).query_string(),
        "filters": filters,
        "total": len(rows),
        "count": len(in_filter),
        "plots": plots_for(signifiers, in_filter, filters),
        "rows": listed,
        "region_label": region_label,
    }


def peek(request: HttpRequest, token: str) -> HttpResponse:
    """The current picture for everyone with the link, while the facilitator keeps it on.
    Story texts only when the facilitator allows them."""
    survey = selectors.survey_for_peek_or_404(token)
    context = _results_context(request, survey)
    context.update(public=True, show_stories=survey.peek_shows_stories, base_url=request.path)
    template = "signification/_results.html" if _is_htmx(request) else "signification/peek.html"
    return render(request, template, context)


# --- Facilitator -----------------------------------------------------------------------------


def _survey_or_404(request, pk: int) -> tuple[Survey, bool]:
    survey = selectors.survey_for_user_or_404(user=request.user, pk=pk)
    return survey, can_facilitate(request.user, survey.dialogue)


def _editable_survey_or_403(request, pk: int) -> Survey:
    survey, editable = _survey_or_404(request, pk)
    if not editable:
        raise PermissionDenied
    return survey


@login_required
def survey_create(request: HttpRequest, dialogue_pk: int) -> HttpResponse:
    dialogue, _editable = dialogue_editable_or_404(user=request.user, pk=dialogue_pk, change=True)
    example = example_for(dialogue.language)
    initial = {key: example[key] for key in ("title", "prompt", "intro", "consent_text")}
    initial.update(ask_title=True, with_example_signifiers=True)
    form = NewSurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        survey = services.survey_create(dialogue=dialogue, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Survey created."))
        return redirect("signification:detail", pk=survey.pk)
    return render(request, "signification/survey_form.html", {"form": form, "dialogue": dialogue})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey, editable = _survey_or_404(request, pk)
    form = SurveyForm(
        request.POST if "save_survey" in request.POST else None,
        initial={name: getattr(survey, name) for name in services.SURVEY_FIELDS},
    )
    signifier_form = SignifierForm(request.POST if "add_signifier" in request.POST else None)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if "save_survey" in request.POST and form.is_valid():
            services.survey_update(survey=survey, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Survey saved."))
            return redirect("signification:detail", pk=survey.pk)
        if "add_signifier" in request.POST and signifier_form.is_valid():
            services.signifier_add(survey=survey, actor=request.user, **signifier_form.cleaned_data)
            messages.success(request, _("Signifier added."))
            return redirect("signification:detail", pk=survey.pk)
    link = public_url(request, "signification:public", survey.code)
    peek_link = public_url(request, "signification:peek", survey.peek_token)
    return render(
        request,
        "signification/survey_detail.html",
        {
            "survey": survey,
            "dialogue": survey.dialogue,
            "editable": editable,
            "form": form,
            "signifier_form": signifier_form,
            "signifiers": survey.signifiers.all(),
            "story_count": survey.stories.count(),
            "link": link,
            "qr": qr_svg(link, _("QR code for the survey")),
            "peek_link": peek_link,
            "peek_form": PeekForm(
                initial={"enabled": survey.peek_enabled, "shows_stories": survey.peek_shows_stories}
            ),
            "statuses": SurveyStatus,
        },
    )


@login_required
@require_POST
def survey_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    survey = _editable_survey_or_403(request, pk)
    if status not in SurveyStatus.values:
        raise Http404
    services.survey_set_status(survey=survey, actor=request.user, status=status)
    messages.success(
        request, _("The survey is now: %(status)s.") % {"status": survey.get_status_display()}
    )
    return redirect("signification:detail", pk=survey.pk)


@login_required
@require_POST
def survey_peek(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _editable_survey_or_403(request, pk)
    form = PeekForm(request.POST)
    form.is_valid()
    services.peek_update(
        survey=survey,
        actor=request.user,
        enabled=form.cleaned_data.get("enabled", False),
        shows_stories=form.cleaned_data.get("shows_stories", False),
    )
    messages.success(request, _("Sneak peek settings saved."))
    return redirect("signification:detail", pk=survey.pk)


@login_required
def signifier_edit(request: HttpRequest, pk: int, signifier_pk: int) -> HttpResponse:
    survey = _editable_survey_or_403(request, pk)
    signifier = selectors.signifier_for_user_or_404(
        user=request.user, survey_pk=survey.pk, pk=signifier_pk
    )
    form = SignifierForm(
        request.POST or None,
        fixed_kind=signifier.kind,
        initial={
            "prompt": signifier.prompt,
            "labels": "\n".join(signifier.labels),
            "allow_na": signifier.allow_na,
            "required": signifier.required,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.signifier_update(signifier=signifier, actor=request.user, **form.cleaned_data)
        except ValueError:
            form.add_error(
                "labels", _("Stories have answered this already: keep the same number of labels.")
            )
        else:
            messages.success(request, _("Signifier saved."))
            return redirect("signification:detail", pk=survey.pk)
    return render(
        request,
        "signification/signifier_form.html",
        {"form": form, "survey": survey, "signifier": signifier},
    )


@login_required
@require_POST
def signifier_action(request: HttpRequest, pk: int, signifier_pk: int, action: str) -> HttpResponse:
    survey = _editable_survey_or_403(request, pk)
    signifier = selectors.signifier_for_user_or_404(
        user=request.user, survey_pk=survey.pk, pk=signifier_pk
    )
    if action == "up":
        services.signifier_move(signifier=signifier, actor=request.user, offset=-1)
    elif action == "down":
        services.signifier_move(signifier=signifier, actor=request.user, offset=1)
    elif action == "delete":
        services.signifier_delete(signifier=signifier, actor=request.user)
        messages.success(request, _("Signifier deleted."))
    else:
        raise Http404
    return redirect("signification:detail", pk=survey.pk)


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Plots, filters and the stories behind them; the filter form swaps #results (htmx)."""
    survey, editable = _survey_or_404(request, pk)
    context = _results_context(request, survey)
    context.update(public=False, show_stories=True, editable=editable, base_url=request.path)
    template = "signification/_results.html" if _is_htmx(request) else "signification/results.html"
    return render(request, template, context)


@login_required
@require_safe
def survey_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey, _editable = _survey_or_404(request, pk)
    if fmt == "csv":
        body, content_type = exports.stories_csv(survey), exports.CSV_TYPE
    elif fmt == "xlsx":
        body, content_type = exports.stories_xlsx(survey), exports.XLSX_TYPE
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(survey, fmt)}"'
    return response

"""The team pages: an organisation's members, their roles (also per dialogue) and
invitations by e-mail (owners manage, every member reads), and the page an invitation link
opens (no login needed: the invited person may create their account there)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.accounts import services
from samrad.accounts.forms import AccountForm, DialogueRoleForm, InviteForm
from samrad.accounts.models import Role
from samrad.accounts.rules import can_manage_members
from samrad.accounts.selectors import (
    dialogue_team,
    open_invitations,
    organisations_for_user,
    organisations_owned,
    team_of,
)
from samrad.core.ids import id_or_404
from samrad.dialogues.models import Dialogue


def _site_url(request: HttpRequest) -> str:
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


def _organisation(request: HttpRequest):
    """`?organisation=` (one of the user's), else the first the user owns, else the first."""
    mine = organisations_for_user(user=request.user)
    if "organisation" in request.GET:
        return get_object_or_404(mine, pk=id_or_404(request.GET.get("organisation")))
    return organisations_owned(user=request.user).first() or mine.first()


def _back(organisation) -> HttpResponse:
    return redirect(f"{reverse('accounts:team')}?organisation={organisation.pk}")


@login_required
def team(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    if organisation is None:
        raise PermissionDenied
    manage = can_manage_members(request.user, organisation)
    dialogues = Dialogue.objects.filter(organisation=organisation).order_by("title", "id")
    invite_form = InviteForm(
        request.POST if "invite" in request.POST else None,
        initial={"language": request.LANGUAGE_CODE, "role": Role.FACILITATOR},
    )
    dialogue_form = DialogueRoleForm(
        request.POST if "dialogue_role" in request.POST else None, dialogues=dialogues
    )
    status = 200
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        members = organisation.memberships.select_related("user")
        try:
            if "invite" in request.POST and invite_form.is_valid():
                invitation = services.invitation_create(
                    organisation=organisation,
                    actor=request.user,
                    site_url=_site_url(request),
                    **invite_form.cleaned_data,
                )
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. The link works once, until %(date)s.")
                    % {
                        "email": invitation.email,
                        "date": timezone.localtime(invitation.expires_at).date(),
                    },
                )
                return _back(organisation)
            if "role" in request.POST and "member" in request.POST:
                member = get_object_or_404(members, pk=id_or_404(request.POST["member"]))
                role = request.POST["role"]
                if role not in Role.values:
                    raise services.MembershipRefused(_("Choose one of the roles."))
                services.membership_set(
                    organisation=organisation, user=member.user, role=role, actor=request.user
                )
                messages.success(
                    request,
                    _("%(name)s is now: %(role)s.")
                    % {"name": member.user.get_username(), "role": Role(role).label},
                )
                return _back(organisation)
            if "remove" in request.POST:
                member = get_object_or_404(members, pk=id_or_404(request.POST["remove"]))
                services.membership_remove(membership=member, actor=request.user)
                messages.success(
                    request,
                    _("%(name)s was removed from the team.") % {"name": member.user.get_username()},
                )
                if member.user == request.user:
                    return redirect("dialogues:list")
                return _back(organisation)
            if "dialogue_role" in request.POST and dialogue_form.is_valid():
                member = get_object_or_404(members, pk=id_or_404(request.POST["dialogue_role"]))
                role = dialogue_form.cleaned_data["role"]
                dialogue = dialogue_form.cleaned_data["dialogue"]
                services.dialogue_role_set(
                    membership=member, dialogue=dialogue, role=role, actor=request.user
                )
                messages.success(
                    request,
                    _("%(name)s on “%(dialogue)s”: %(role)s.")
                    % {
                        "name": member.user.get_username(),
                        "dialogue": dialogue.title,
                        "role": Role(role).label if role else _("as in the organisation"),
                    },
                )
                return _back(organisation)
            if "revoke" in request.POST:
                invitation = get_object_or_404(
                    open_invitations(organisation=organisation),
                    pk=id_or_404(request.POST["revoke"]),
                )
                services.invitation_revoke(invitation=invitation, actor=request.user)
                messages.success(
                    request,
                    _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
                )
                return _back(organisation)
        except services.MembershipRefused as refused:
            messages.error(request, refused.message)
            if "invite" in request.POST:
                invite_form.add_error("email", refused.message)
            else:
                return _back(organisation)
        status = 400
    mine = organisations_for_user(user=request.user)
    return render(
        request,
        "accounts/team.html",
        {
            "organisation": organisation,
            "organisations": mine if mine.count() > 1 else None,
            "manage": manage,
            "members": team_of(organisation=organisation),
            "invitations": open_invitations(organisation=organisation) if manage else [],
            "invite_form": invite_form,
            "dialogue_form": dialogue_form,
            "dialogues": dialogues,
            "dialogue_teams": [(d, dialogue_team(dialogue=d)) for d in dialogues],
            "roles": Role.choices,
            "now": timezone.now(),
        },
        status=status,
    )


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """What an invitation link opens. Logged in: accept as yourself. Not logged in: create
    an account here, or log in first. Accepting is a POST (mail scanners follow links)."""
    try:
        invitation = services.invitation_for_token(token)
    except services.MembershipRefused as refused:
        return render(request, "accounts/invitation.html", {"refused": refused.message}, status=410)
    form = AccountForm(request.POST if "create_account" in request.POST else None)
    if request.method == "POST":
        try:
            if request.user.is_authenticated and "accept" in request.POST:
                services.invitation_accept(token=token, user=request.user)
                user = request.user
            elif not request.user.is_authenticated and form.is_valid():
                user = services.invitation_accept_new_account(
                    token=token,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                user = None
        except services.MembershipRefused as refused:
            return render(
                request, "accounts/invitation.html", {"refused": refused.message}, status=409
            )
        if user is not None:
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name},
            )
            return redirect("dialogues:list")
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": invitation,
            "role": Role(invitation.role).label,
            "form": form,
            "login_url": f"{reverse('accounts:login')}?next={request.path}",
        },
        status=400 if request.method == "POST" else 200,
    )

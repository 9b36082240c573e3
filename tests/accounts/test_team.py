"""The team: invitations by e-mail (single use, expiry, already a member), roles, roles per
dialogue, removal (never the last owner), the audit entries, and what a narrowed role allows."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from samrad.accounts import rules, services
from samrad.accounts.models import DialogueRole, Invitation, Membership, Role
from samrad.core.models import AuditEntry
from tests.factories import DialogueFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER, user__username="agnes")


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message.body).group(1)


def invite(owner, email="kollega@example.org", role=Role.FACILITATOR, language="sv"):
    return services.invitation_create(
        organisation=owner.organisation,
        email=email,
        role=role,
        language=language,
        actor=owner.user,
        site_url=SITE,
    )


def test_invitation_mail_in_the_chosen_language_with_a_single_use_link(owner, client):
    invite(owner, email="Kollega@Example.ORG", language="nb")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Kollega@example.org"]
    assert "Invitasjon" in message.subject and owner.organisation.name in message.subject
    url = link_in(message)

    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "create_account": "1",
            "username": "kari",
            "password1": "lang-nok-passord-42",
            "password2": "lang-nok-passord-42",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("dialogues:list")
    member = Membership.objects.get(user__username="kari")
    assert member.organisation == owner.organisation and member.role == Role.FACILITATOR
    assert member.user.email == "Kollega@example.org"
    # logged in as the new account
    assert client.get(reverse("dialogues:list")).context["user"].username == "kari"

    client.logout()
    reused = client.get(url)
    assert reused.status_code == 410
    assert "already been used" in reused.content.decode()
    again = client.post(
        url,
        {
            "create_account": "1",
            "username": "someone",
            "password1": "lang-nok-passord-42",
            "password2": "lang-nok-passord-42",
        },
    )
    assert again.status_code == 410
    assert not Membership.objects.filter(user__username="someone").exists()


def test_an_expired_or_tampered_link_says_so(owner, client):
    invitation = invite(owner)
    url = link_in(mail.outbox[0])
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with translation.override("en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "This invitation expired on" in response.content.decode()
    tampered = url.replace("/invitation/", "/invitation/x")
    response = client.get(tampered, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410 and "not valid" in response.content.decode()


def test_inviting_again_replaces_the_link(owner, client):
    invite(owner)
    first = link_in(mail.outbox[0])
    invite(owner, role=Role.VIEWER)
    second = link_in(mail.outbox[1])
    assert Invitation.objects.filter(accepted_at__isnull=True).count() == 1
    assert client.get(first, HTTP_ACCEPT_LANGUAGE="en").status_code == 410
    assert client.get(second).status_code == 200


def test_an_address_that_is_already_a_member_is_refused(owner):
    MembershipFactory(organisation=owner.organisation, user__email="anna@example.org")
    with translation.override("en"), pytest.raises(services.MembershipRefused) as refused:
        invite(owner, email="ANNA@example.org")
    assert "ANNA@example.org is already a member of" in refused.value.message
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_an_existing_account_logs_in_and_accepts(owner, client):
    colleague = UserFactory(username="bo")
    invite(owner, email=colleague.email, role=Role.VIEWER)
    url = link_in(mail.outbox[0])
    page = client.get(url)
    assert f"{reverse('accounts:login')}?next={url}" in page.content.decode()
    client.force_login(colleague)
    assert client.post(url, {"accept": "1"}).status_code == 302
    assert rules.role_in(colleague, owner.organisation) == Role.VIEWER


def test_the_team_page_invites_and_refuses_a_member_with_a_message(owner, client):
    client.force_login(owner.user)
    url = reverse("accounts:team")
    response = client.post(
        url,
        {"invite": "1", "email": owner.user.email, "role": Role.VIEWER, "language": "en"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "is already a member of" in response.content.decode()
    response = client.post(
        url, {"invite": "1", "email": "ny@example.org", "role": Role.VIEWER, "language": "da"}
    )
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert "Invitation" in mail.outbox[0].subject
    assert "ny@example.org" in client.get(url).content.decode()


def test_members_other_than_owners_read_the_team_but_change_nothing(owner, client):
    facilitator = MembershipFactory(organisation=owner.organisation)
    client.force_login(facilitator.user)
    url = reverse("accounts:team")
    page = client.get(url)
    assert page.status_code == 200 and owner.user.username in page.content.decode()
    assert "Send the invitation" not in page.content.decode()
    response = client.post(url, {"member": owner.pk, "role": Role.VIEWER})
    assert response.status_code == 403
    assert Membership.objects.get(pk=owner.pk).role == Role.OWNER


def test_the_last_owner_can_neither_leave_nor_be_demoted(owner, client):
    client.force_login(owner.user)
    url = reverse("accounts:team")
    client.post(url, {"remove": owner.pk})
    client.post(url, {"member": owner.pk, "role": Role.FACILITATOR})
    assert Membership.objects.get(pk=owner.pk).role == Role.OWNER
    second = MembershipFactory(organisation=owner.organisation, role=Role.FACILITATOR)
    client.post(url, {"member": second.pk, "role": Role.OWNER})
    client.post(url, {"member": owner.pk, "role": Role.VIEWER})
    assert Membership.objects.get(pk=owner.pk).role == Role.VIEWER
    with pytest.raises(services.MembershipRefused):
        services.membership_remove(membership=Membership.objects.get(pk=second.pk))


def test_roles_narrowed_per_dialogue(owner, client):
    organisation = owner.organisation
    one, other = (
        DialogueFactory(organisation=organisation),
        DialogueFactory(organisation=organisation),
    )
    colleague = MembershipFactory(organisation=organisation, role=Role.FACILITATOR)
    reader = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    services.dialogue_role_set(membership=colleague, dialogue=other, role=Role.VIEWER)
    services.dialogue_role_set(membership=reader, dialogue=one, role=Role.FACILITATOR)
    assert rules.can_facilitate(colleague.user, one)
    assert not rules.can_facilitate(colleague.user, other) and rules.can_view(colleague.user, other)
    assert rules.can_facilitate(reader.user, one) and not rules.can_facilitate(reader.user, other)
    # the organisation-wide role is unchanged: a viewer does not create dialogues
    assert not rules.can_facilitate(reader.user, organisation)
    # back to the organisation's role
    services.dialogue_role_set(membership=colleague, dialogue=other, role="")
    assert rules.can_facilitate(colleague.user, other)
    # owners are not narrowed
    with pytest.raises(services.MembershipRefused):
        services.dialogue_role_set(membership=owner, dialogue=one, role=Role.VIEWER)
    # another organisation's members have no role on it
    stranger = MembershipFactory(organisation=OrganisationFactory())
    assert rules.role_in(stranger.user, one) is None

    # the pages follow the rule: the narrowed viewer cannot save the dialogue
    client.force_login(reader.user)
    detail = reverse("dialogues:detail", args=[other.pk])
    refused = client.post(detail, {"save_dialogue": "1", "title": "x", "language": "sv"})
    assert refused.status_code == 403
    detail_one = reverse("dialogues:detail", args=[one.pk])
    response = client.post(
        detail_one,
        {"save_dialogue": "1", "title": "Nytt namn", "description": "", "language": "sv"},
    )
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.title == "Nytt namn"


def test_a_dialogue_can_have_several_facilitators(owner, client):
    from samrad.accounts.selectors import dialogue_team

    dialogue = DialogueFactory(organisation=owner.organisation)
    first = MembershipFactory(organisation=owner.organisation, role=Role.VIEWER)
    second = MembershipFactory(organisation=owner.organisation, role=Role.VIEWER)
    for member in (first, second):
        services.dialogue_role_set(membership=member, dialogue=dialogue, role=Role.FACILITATOR)
    team = dialogue_team(dialogue=dialogue)
    client.force_login(owner.user)
    assert {u.pk for u in team["facilitators"]} == {owner.user.pk, first.user.pk, second.user.pk}
    page = client.get(reverse("accounts:team")).content.decode()
    row = page[page.index(f'<th scope="row">{dialogue.title}</th>') :]
    row = row[: row.index("</tr>")]
    assert first.user.username in row and second.user.username in row
    # removing a member removes their roles on dialogues too
    services.membership_remove(membership=first)
    assert DialogueRole.objects.filter(dialogue=dialogue).count() == 1


def test_every_team_change_is_in_the_audit_log(owner, client):
    dialogue = DialogueFactory(organisation=owner.organisation)
    invite(owner)
    url = link_in(mail.outbox[0])
    client.post(
        url,
        {
            "create_account": "1",
            "username": "kim",
            "password1": "lang-nok-passord-42",
            "password2": "lang-nok-passord-42",
        },
    )
    kim = Membership.objects.get(user__username="kim")
    services.membership_set(
        organisation=owner.organisation, user=kim.user, role=Role.VIEWER, actor=owner.user
    )
    services.dialogue_role_set(
        membership=kim, dialogue=dialogue, role=Role.FACILITATOR, actor=owner.user
    )
    services.membership_remove(membership=kim, actor=owner.user)
    entries = list(
        AuditEntry.objects.filter(organisation=owner.organisation)
        .order_by("id")
        .values_list("action", "actor_name", "summary")
    )
    actions = [action for action, _who, _summary in entries]
    assert actions == [
        "accounts.invite",
        "accounts.invite_accept",
        "accounts.member_role",
        "accounts.dialogue_role",
        "accounts.member_remove",
    ]
    assert entries[1][1] == "kim"
    assert entries[2][2] == "kim: facilitator → viewer"


def test_the_api_follows_the_role_on_the_dialogue(owner, client):
    from samrad.accounts.services import apitoken_create

    organisation = owner.organisation
    narrowed, open_ = (DialogueFactory(organisation=organisation) for _ in range(2))
    colleague = MembershipFactory(organisation=organisation, role=Role.FACILITATOR)
    services.dialogue_role_set(membership=colleague, dialogue=narrowed, role=Role.VIEWER)
    _token, secret = apitoken_create(user=colleague.user, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def create(dialogue):
        return client.post(
            f"/api/v1/dialogues/{dialogue.pk}/sessions",
            {"title": "Möte"},
            content_type="application/json",
            **auth,
        )

    assert create(narrowed).status_code == 403
    assert client.get(f"/api/v1/dialogues/{narrowed.pk}/sessions", **auth).status_code == 200
    assert create(open_).status_code == 201

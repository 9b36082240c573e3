"""The audit log: facilitators' actions are recorded by the services (never participants'
text), and owners read their organisation's entries on /accounts/audit/ (facilitators and
viewers 403, another organisation's 404)."""

import pytest
from django.test import Client
from django.urls import reverse

from samrad.accounts import services as account_services
from samrad.accounts.models import Role
from samrad.core.models import AuditEntry
from samrad.live import services
from samrad.live.kinds import Answer
from tests.factories import DialogueFactory, member_of
from tests.security.conftest import World

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Participant secret 7f3a"


def actions(organisation) -> list[str]:
    return list(
        AuditEntry.objects.filter(organisation=organisation)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_facilitator_pages_leave_entries(world: World):
    client = Client()
    client.force_login(world.owner)
    organisation = world.dialogue.organisation
    AuditEntry.objects.all().delete()
    session = world.session
    question = {"kind": "open", "prompt": "Hur?", "max_entries": 3, "max_words": 3}
    client.post(reverse("live:session_edit", args=[session.pk]), question)
    client.post(reverse("live:session_command", args=[session.pk, "close"]))
    client.post(reverse("live:session_command", args=[session.pk, "open"]))
    post = world.post
    client.post(
        reverse("live:qa_post_action", args=[session.pk, world.qa_question.pk, post.pk, "hide"])
    )
    client.post(reverse("live:session_command", args=[session.pk, "reset"]))
    client.get(reverse("live:session_export", args=[session.pk, "csv"]))
    client.post(
        reverse("dialogues:detail", args=[world.dialogue.pk]),
        {"save_meeting": "1", "meeting-title": "Möte 2", "meeting-kind": "open"},
    )
    assert actions(organisation) == [
        "live.question_add",
        "live.session_close",
        "live.session_open",
        "live.qa_hide",
        "live.question_reset",
        "live.export",
        "dialogues.meeting_create",
    ]
    entry = AuditEntry.objects.filter(organisation=organisation).first()
    assert entry.actor == world.owner and entry.actor_name == world.owner.username


def test_entries_never_hold_participants_text(world: World):
    question, participant = world.qa_question, world.participant
    post = services.response_submit(
        question=question, participant=participant, answer=Answer(text=SECRET_TEXT)
    )
    services.qa_moderate(response=post, action="approve", actor=world.owner)
    services.qa_reply(response=post, text="Svar", actor=world.owner)
    services.qa_pin(question=question, response=post, actor=world.owner)
    services.qa_merge(target=world.post, duplicate=post, actor=world.owner)
    services.question_reset(question=question, actor=world.owner)
    assert AuditEntry.objects.count() >= 5
    for entry in AuditEntry.objects.all():
        assert SECRET_TEXT not in f"{entry.target} {entry.summary} {entry.action}"


def test_membership_and_token_changes_are_recorded(world: World):
    organisation = world.dialogue.organisation
    user = account_services.facilitator_create(
        organisation=organisation, username="ny", password="x-Secret-123", actor=world.owner
    )
    account_services.membership_set(
        organisation=organisation, user=user, role=Role.VIEWER, actor=world.owner
    )
    token, _secret = account_services.apitoken_create(user=user, name="Power BI", actor=user)
    account_services.apitoken_revoke(token=token, actor=world.owner)
    assert actions(organisation)[-4:] == [
        "accounts.member_add",
        "accounts.member_role",
        "accounts.apitoken_create",
        "accounts.apitoken_revoke",
    ]


def test_only_owners_read_the_log(world: World, other_world: World):
    url = reverse("accounts:audit")
    organisation = world.dialogue.organisation
    for role in (Role.FACILITATOR, Role.VIEWER):
        client = Client()
        client.force_login(member_of(organisation, role))
        assert client.get(url).status_code == 403
        assert client.get(url, {"organisation": organisation.pk}).status_code == 403
    owner = Client()
    owner.force_login(world.owner)
    # Another organisation's log by id: 404.
    other = other_world.dialogue.organisation
    assert owner.get(url, {"organisation": other.pk}).status_code == 404
    page = owner.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "live.entry_create" in html  # from the world's paper form
    entries = list(page.context["page"])
    assert entries and {entry.organisation_id for entry in entries} == {organisation.pk}


def test_filters_and_pages(world: World):
    organisation = world.dialogue.organisation
    for n in range(60):
        services.session_update(
            session=world.session, title=f"T{n}", mode="live", actor=world.owner
        )
    DialogueFactory(organisation=organisation)
    owner = Client()
    owner.force_login(world.owner)
    url = reverse("accounts:audit")
    first = owner.get(url, {"action": "live.session_update"})
    assert first.context["page"].paginator.count == 60
    assert len(first.context["page"].object_list) == 50
    second = owner.get(url, {"action": "live.session_update", "page": 2})
    assert len(second.context["page"].object_list) == 10
    assert owner.get(url, {"action": "dialogues"}).context["page"].paginator.count == 0
    assert owner.get(url, {"actor": "nobody"}).context["page"].paginator.count == 0
    assert owner.get(url, {"since": "2999-01-01"}).context["page"].paginator.count == 0


def test_admin_lists_entries_read_only(world: World, admin_client):
    response = admin_client.get(reverse("admin:core_auditentry_changelist"))
    assert response.status_code == 200
    assert admin_client.get(reverse("admin:core_auditentry_add")).status_code == 403

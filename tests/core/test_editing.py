"""Edit in place (core/editing.py, dialogues/views_editing.py), shown on the plan's objects: a row
becomes its form and back, only the dialogue's facilitators may, bad input is refused with a
message, each changed field is audited old → new, and of two racing edits the second is
refused with what is saved now (nothing silently lost)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.core import editing
from samrad.core.models import AuditEntry
from samrad.planning import services
from samrad.planning.models import Decision, Purpose
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
DECISION_FIELDS = ("decided_on", "body", "decision", "consequence", "public")


def a_decision(dialogue=None):
    dialogue = dialogue or DialogueFactory()
    return services.decision_create(
        dialogue=dialogue,
        decided_on=date(2026, 3, 1),
        body="Kommunstyrelsen",
        decision="Dialogen genomförs.",
        actor=None,
    )


def edit_url(key, obj):
    return reverse("editing:edit", args=[key, obj.pk])


def decision_post(decision, client, version, **changes):
    data = {
        "decided_on": "2026-03-01",
        "body": decision.body,
        "decision": decision.decision,
        "consequence": decision.consequence,
        "version": version,
        **changes,
    }
    return client.post(edit_url("planning.decision", decision), data, **HTMX)


def version_in(html: str) -> str:
    """The version a row's form carries (what its Save sends back)."""
    return html.split('name="version" value="')[1].split('"')[0]


def opened_version(client, decision) -> str:
    """Open the decision's row as its form (Edit) and give its version."""
    return version_in(client.get(edit_url("planning.decision", decision), **HTMX).content.decode())


def logged_in(client, organisation, role=Role.FACILITATOR):
    client.force_login(member_of(organisation, role))
    return client


def test_the_row_becomes_its_form_with_the_saved_values_and_a_version(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    response = client.get(edit_url("planning.decision", decision), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<tr id="edit-planning-decision-')
    assert 'value="Kommunstyrelsen"' in html
    assert f'value="{editing.version_of(decision, DECISION_FIELDS)}"' in html
    # Focused by inline-edit.js in the swap's own task, not by htmx's late `autofocus`.
    assert re.search(r'<input[^>]*name="decided_on"[^>]*data-autofocus', html)
    assert " autofocus" not in html


def test_a_refused_save_focuses_the_first_field_in_error(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    version = opened_version(client, decision)
    response = decision_post(decision, client, version, body="")
    html = response.content.decode()
    assert "This field is required." in html
    assert len(re.findall("data-autofocus", html)) == 1
    assert re.search(r'name="body"[^>]*data-autofocus|data-autofocus[^>]*name="body"', html)


def test_the_whole_page_form_uses_autofocus(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    html = client.get(edit_url("planning.decision", decision)).content.decode()
    assert re.search(r'<input[^>]*name="decided_on"[^>]*autofocus', html)
    assert "data-autofocus" not in html


def test_a_save_changes_the_object_returns_the_row_and_audits_old_and_new(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    version = opened_version(client, decision)
    response = decision_post(decision, client, version, body="Kommunfullmäktige")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kommunfullmäktige" in html and "data-edit-row" in html and "data-autofocus" in html
    decision.refresh_from_db()
    assert decision.body == "Kommunfullmäktige"
    entry = AuditEntry.objects.get(action="planning.decision.update")
    assert entry.changes == [
        {"field": "body", "old": "Kommunstyrelsen", "new": "Kommunfullmäktige"}
    ]
    assert "Kommunstyrelsen" in entry.summary and "Kommunfullmäktige" in entry.summary


def test_a_save_that_changes_nothing_writes_nothing(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    version = editing.version_of(decision, DECISION_FIELDS)
    assert decision_post(decision, client, version).status_code == 200
    assert not AuditEntry.objects.filter(action="planning.decision.update").exists()


def test_bad_input_keeps_the_form_with_a_message_in_the_users_language(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    client.cookies["django_language"] = "sv"
    version = editing.version_of(decision, DECISION_FIELDS)
    response = decision_post(decision, client, version, body="", decided_on="1 mars")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in html  # Django's own sv message for a required field
    assert "Fyll i ett giltigt datum." in html
    decision.refresh_from_db()
    assert decision.body == "Kommunstyrelsen"


def test_a_racing_edit_is_refused_with_what_is_saved_now_and_the_users_text_kept(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    fields = DECISION_FIELDS
    seen_by_both = editing.version_of(decision, fields)
    # The first facilitator saves...
    first = decision_post(decision, client, seen_by_both, body="Kommunfullmäktige")
    assert first.status_code == 200
    # ...the second, whose form shows the old values, saves later.
    response = decision_post(decision, client, seen_by_both, body="Byggnadsnämnden")
    html = response.content.decode()
    assert "Someone else saved this while you were editing" in html
    assert "Kommunfullmäktige" in html  # what is saved now
    assert 'value="Byggnadsnämnden"' in html  # what they typed, still in the form
    decision.refresh_from_db()
    assert decision.body == "Kommunfullmäktige"
    # Saving again (with the new version the form now carries) replaces it, knowingly.
    newer = version_in(html)
    assert newer == editing.version_of(decision, fields)
    decision_post(decision, client, newer, body="Byggnadsnämnden")
    decision.refresh_from_db()
    assert decision.body == "Byggnadsnämnden"
    assert AuditEntry.objects.filter(action="planning.decision.update").count() == 2


def test_the_service_refuses_a_stale_version():
    purpose = services.purpose_create(dialogue=DialogueFactory(), title="Delaktighet", actor=None)
    old = editing.version_of(purpose, ("title",))
    services.purpose_update(purpose=purpose, values={"title": "Tillit"}, version=old, actor=None)
    stale = Purpose.objects.get(pk=purpose.pk)
    stale.title = "Delaktighet"  # as the second form saw it
    with pytest.raises(editing.EditConflict) as refused:
        services.purpose_update(purpose=stale, values={"title": "Ansvar"}, version=old, actor=None)
    assert refused.value.current == {"title": "Tillit"}
    assert Purpose.objects.get(pk=purpose.pk).title == "Tillit"


def test_cancel_gives_the_row_back_with_focus_on_its_edit_button(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    response = client.get(reverse("editing:row", args=["planning.decision", decision.pk]), **HTMX)
    html = response.content.decode()
    assert "Kommunstyrelsen" in html and "data-autofocus" in html and "<form" in html


def test_a_viewer_may_not_edit_and_another_organisation_sees_nothing(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation, Role.VIEWER)
    assert client.get(edit_url("planning.decision", decision), **HTMX).status_code == 403
    assert decision_post(decision, client, "x", body="Nej").status_code == 403
    client.force_login(member_of(DialogueFactory().organisation))
    assert client.get(edit_url("planning.decision", decision), **HTMX).status_code == 404
    assert client.get(edit_url("no.such", decision)).status_code == 404
    decision.refresh_from_db()
    assert decision.body == "Kommunstyrelsen"


def test_without_javascript_the_edit_link_opens_a_page_and_saving_goes_back(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    plan = reverse("planning:plan", args=[decision.dialogue.pk])
    page = client.get(edit_url("planning.decision", decision) + f"?next={plan}")
    assert page.status_code == 200 and "<h1>" in page.content.decode()
    version = editing.version_of(decision, DECISION_FIELDS)
    response = client.post(
        edit_url("planning.decision", decision),
        {"decided_on": "2026-03-02", "body": "KS", "decision": "Ja"}
        | {"version": version, "next": plan},
    )
    assert response.status_code == 302 and response["Location"] == plan
    assert Decision.objects.get(pk=decision.pk).decided_on == date(2026, 3, 2)


def test_the_plan_pages_show_an_edit_button_on_each_row(client):
    decision = a_decision()
    dialogue = decision.dialogue
    purpose = services.purpose_create(dialogue=dialogue, title="Delaktighet", actor=None)
    services.goal_create(purpose=purpose, title="Fler röster", actor=None)
    services.lesson_create(dialogue=dialogue, category="other", text="Börja tidigt", actor=None)
    services.comms_create(
        dialogue=dialogue, channel="web", planned_on=date(2026, 1, 1), message="Hej", actor=None
    )
    lab = services.lab_create(dialogue=dialogue, title="Labbet", actor=None)
    services.key_actor_add(
        lab=lab,
        name="Föreningen",
        organisation_type="association",
        involvement="informed",
        actor=None,
    )
    logged_in(client, dialogue.organisation)
    pk = dialogue.pk
    for url, key in [
        (reverse("planning:plan", args=[pk]), "planning.decision"),
        (reverse("planning:goals", args=[pk]), "planning.purpose"),
        (reverse("planning:goals", args=[pk]), "planning.goal"),
        (reverse("planning:evaluation", args=[pk]), "planning.lesson"),
        (reverse("planning:comms", args=[pk]), "planning.comms"),
        (reverse("planning:lab", args=[pk, lab.pk]), "planning.actor"),
    ]:
        html = client.get(url).content.decode()
        assert f"/edit/{key}/" in html, (url, key)


def test_a_meeting_is_edited_in_place_on_the_dialogue_page(client):
    from samrad.dialogues import services as dialogue_services

    dialogue = DialogueFactory()
    meeting = dialogue_services.meeting_create(dialogue=dialogue, title="Öppet möte")
    logged_in(client, dialogue.organisation)
    page = client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    assert f"/edit/dialogues.meeting/{meeting.pk}/" in page
    fields = ("title", "place", "starts_at", "kind")
    response = client.post(
        edit_url("dialogues.meeting", meeting),
        {"title": "Öppet möte i Ydre", "place": "Biblioteket", "starts_at": "2026-04-02T18:00"}
        | {"kind": "outreach", "version": editing.version_of(meeting, fields)},
        **HTMX,
    )
    assert "Biblioteket" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place, meeting.kind) == (
        "Öppet möte i Ydre",
        "Biblioteket",
        "outreach",
    )
    entry = AuditEntry.objects.get(action="dialogues.meeting_update")
    assert {c["field"] for c in entry.changes} == {"title", "place", "starts_at", "kind"}
    # the same time typed again is no change
    again = client.post(
        edit_url("dialogues.meeting", meeting),
        {"title": "Öppet möte i Ydre", "place": "Biblioteket", "starts_at": "2026-04-02T18:00"}
        | {"kind": "outreach", "version": editing.version_of(meeting, fields)},
        **HTMX,
    )
    assert again.status_code == 200
    assert AuditEntry.objects.filter(action="dialogues.meeting_update").count() == 1


def test_a_portfolio_project_is_edited_in_place_and_keeps_its_code_unique(client):
    from samrad.workshops import services as workshop_services
    from samrad.workshops.mapping import services as mapping_services

    dialogue = DialogueFactory()
    runner = member_of(dialogue.organisation)
    workshop = workshop_services.workshop_create(dialogue, "mapping", runner)
    first = mapping_services.project_add(workshop=workshop, actor=runner, name="Fritidsbanken")
    second = mapping_services.project_add(workshop=workshop, actor=runner, name="Seniorcafé")
    client.force_login(runner)
    page = client.get(reverse("workshops:portfolio", args=[workshop.pk])).content.decode()
    assert f"/edit/workshops.project/{second.pk}/" in page
    fields = ("code", "name", "department", "year", "description", "contact", "status")
    taken = client.post(
        edit_url("workshops.project", second),
        {
            "code": first.code.lower(),
            "name": "Seniorcafé",
            "version": editing.version_of(second, fields),
        },
        **HTMX,
    )
    assert f"The code {first.code.lower()} is already taken." in taken.content.decode()
    saved = client.post(
        edit_url("workshops.project", second),
        {
            "code": "S1",
            "name": "Seniorcafé",
            "year": "2026",
            "version": editing.version_of(second, fields),
        },
        **HTMX,
    )
    assert "S1" in saved.content.decode()
    second.refresh_from_db()
    assert (second.code, second.year) == ("S1", 2026)
    assert AuditEntry.objects.get(action="workshops.project_update").changes[0]["new"] == "S1"


def test_a_lab_and_its_measures_are_edited_in_place(client):
    dialogue = DialogueFactory()
    lab = services.lab_create(dialogue=dialogue, title="Labbet", actor=None)
    measure = services.lab_measure_add(lab=lab, name="Besök", unit="st", actor=None)
    logged_in(client, dialogue.organisation)
    labs = client.get(reverse("planning:labs", args=[dialogue.pk])).content.decode()
    assert f"/edit/planning.lab/{lab.pk}/" in labs
    page = client.get(reverse("planning:lab", args=[dialogue.pk, lab.pk])).content.decode()
    assert f"/edit/planning.lab_measure/{measure.pk}/" in page
    response = client.post(
        edit_url("planning.lab_measure", measure),
        {"name": "Utlån", "unit": "st", "version": editing.version_of(measure, ("name", "unit"))},
        **HTMX,
    )
    assert 'id="lab-measure-' in response.content.decode()
    measure.refresh_from_db()
    assert measure.name == "Utlån"


def test_owners_read_old_and_new_in_full_on_the_audit_page(client):
    decision = a_decision()
    long_text = "Dialogen genomförs i tre steg. " * 20
    services.decision_update(
        decision=decision,
        values={"decision": long_text},
        version=editing.version_of(decision, ("decision",)),
        actor=None,
    )
    logged_in(client, decision.dialogue.organisation, Role.OWNER)
    page = client.get(reverse("accounts:audit")).content.decode()
    assert "planning.decision.update" in page
    assert "<del>Dialogen genomförs.</del>" in page
    assert long_text.strip() in page  # in full, though the summary is cut to 300 characters


def test_cancel_and_save_never_lead_off_the_site(client):
    decision = a_decision()
    logged_in(client, decision.dialogue.organisation)
    url = edit_url("planning.decision", decision)
    page = client.get(url, HTTP_REFERER="https://evil.example/phish").content.decode()
    assert "evil.example" not in page
    page = client.get(url + "?next=//evil.example/").content.decode()
    assert 'value="//evil.example/"' not in page and 'href="//evil.example/"' not in page
    plan = reverse("planning:plan", args=[decision.dialogue.pk])
    page = client.get(url, HTTP_REFERER=f"http://testserver{plan}").content.decode()
    assert f'href="{plan}"' in page


def test_a_facilitator_made_viewer_of_this_dialogue_may_not_edit_its_rows(client):
    from samrad.accounts.models import DialogueRole
    from tests.factories import MembershipFactory

    decision = a_decision()
    membership = MembershipFactory(
        organisation=decision.dialogue.organisation, role=Role.FACILITATOR
    )
    DialogueRole.objects.create(membership=membership, dialogue=decision.dialogue, role=Role.VIEWER)
    client.force_login(membership.user)
    assert client.get(edit_url("planning.decision", decision), **HTMX).status_code == 403
    version = editing.version_of(decision, DECISION_FIELDS)
    response = decision_post(decision, client, version, body="Kommunfullmäktige")
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.body == "Kommunstyrelsen"
    row = client.get(reverse("editing:row", args=["planning.decision", decision.pk]), **HTMX)
    assert row.status_code == 200 and "editing:edit" not in row.content.decode()
    assert "/edit/planning.decision/" not in row.content.decode()

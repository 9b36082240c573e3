"""The planning pages: scoped to the organisation (others → 404), read-only for viewers, and
the forms reach the services (and the audit log)."""

from datetime import date

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.core.models import AuditEntry
from samrad.planning import services
from samrad.planning.models import Decision, Measure
from tests.factories import DialogueFactory, ParticipantFactory, SessionFactory, member_of
from tests.planning.helpers import composition_question, goal_in

pytestmark = pytest.mark.django_db


def planned():
    dialogue = DialogueFactory()
    goal = goal_in(dialogue)
    measure = services.measure_create(
        goal=goal, title="Webbesök", source="manual", target=100, actor=None
    )
    group = services.target_group_save(dialogue=dialogue, name="Unga", reach_goal=10, actor=None)
    lab = services.lab_create(dialogue=dialogue, title="Fritidsbanken", actor=None)
    return dialogue, measure, group, lab


def page_urls(dialogue, measure, group, lab):
    pk = dialogue.pk
    return [
        reverse("planning:plan", args=[pk]),
        reverse("planning:goals", args=[pk]),
        reverse("planning:measure", args=[pk, measure.pk]),
        reverse("planning:reach", args=[pk]),
        reverse("planning:target_group", args=[pk, group.pk]),
        reverse("planning:comms", args=[pk]),
        reverse("planning:evaluation", args=[pk]),
        reverse("planning:labs", args=[pk]),
        reverse("planning:lab", args=[pk, lab.pk]),
    ]


def test_every_page_is_404_for_another_organisation(client):
    objects = planned()
    client.force_login(member_of(DialogueFactory().organisation))
    for url in page_urls(*objects):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "delete"}).status_code == 404, url
    assert Measure.objects.filter(pk=objects[1].pk).exists()


def test_an_object_of_another_dialogue_is_404_under_ones_own(client):
    own, _m, _g, _l = planned()
    _d, foreign_measure, foreign_group, foreign_lab = planned()
    client.force_login(member_of(own.organisation))
    assert (
        client.get(reverse("planning:measure", args=[own.pk, foreign_measure.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("planning:target_group", args=[own.pk, foreign_group.pk])).status_code
        == 404
    )
    assert client.get(reverse("planning:lab", args=[own.pk, foreign_lab.pk])).status_code == 404


def test_pages_need_a_login(client):
    for url in page_urls(*planned()):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_viewers_read_every_page_without_forms_and_cannot_post(client):
    objects = planned()
    dialogue, measure = objects[0], objects[1]
    client.force_login(member_of(dialogue.organisation, Role.VIEWER))
    for url in page_urls(*objects):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="action"' not in response.content.decode(), url
    assert "Webbesök" in client.get(page_urls(*objects)[1]).content.decode()
    posts = [
        (reverse("planning:goals", args=[dialogue.pk]), {"action": "purpose", "title": "Ny"}),
        (reverse("planning:measure", args=[dialogue.pk, measure.pk]), {"action": "delete"}),
        (
            reverse("planning:plan", args=[dialogue.pk]),
            {"action": "decision", "decided_on": "2026-01-01", "body": "KS", "decision": "Ja"},
        ),
        (reverse("planning:evaluation", args=[dialogue.pk]), {"action": "questionnaire"}),
        (reverse("planning:labs", args=[dialogue.pk]), {"title": "Ny lab"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert dialogue.purposes.count() == 1 and Measure.objects.filter(pk=measure.pk).exists()
    assert not Decision.objects.exists() and dialogue.labs.count() == 1


def test_build_a_goal_matrix_through_the_pages(client):
    dialogue = DialogueFactory()
    user = member_of(dialogue.organisation)
    client.force_login(user)
    url = reverse("planning:goals", args=[dialogue.pk])
    client.post(url, {"action": "purpose", "title": "Ökat inflytande"})
    purpose = dialogue.purposes.get()
    client.post(url, {"action": "goal", "purpose": purpose.pk, "title": "Vi når unga"})
    goal = purpose.goals.get()
    session = SessionFactory(dialogue=dialogue)
    ParticipantFactory.create_batch(3, session=session)
    response = client.post(
        url,
        {
            "action": "measure",
            "goal": goal.pk,
            "title": "Deltagare",
            "source": "participants",
            "target": "3",
            "direction": "min",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "action": "measure",
            "goal": goal.pk,
            "title": "Webbesök",
            "source": "manual",
            "target": "100",
            "direction": "min",
        },
    )
    page = client.get(url).content.decode()
    assert "1 of 2 met, 1 pending" in page
    manual = Measure.objects.get(title="Webbesök")
    client.post(
        reverse("planning:measure", args=[dialogue.pk, manual.pk]),
        {
            "action": "record",
            "manual_value": "95",
            "evidence": "Statistik",
            "recorded_on": "2026-05-01",
        },
    )
    assert "1 of 2 met, 1 close" in client.get(url).content.decode()
    actions = set(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))
    assert {"planning.purpose.create", "planning.goal.create", "planning.measure.create"} <= actions
    assert "planning.measure.record" in actions


def test_measure_form_refuses_a_bound_source_without_question(client):
    dialogue = DialogueFactory()
    client.force_login(member_of(dialogue.organisation))
    goal = goal_in(dialogue)
    response = client.post(
        reverse("planning:goals", args=[dialogue.pk]),
        {
            "action": "measure",
            "goal": goal.pk,
            "title": "Andel unga",
            "source": "group_share",
            "target": "20",
            "direction": "min",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This source needs a live question." in page
    assert 'value="Andel unga"' in page  # nothing typed is lost
    assert not Measure.objects.exists()


def test_measure_form_lists_only_the_dialogues_questions(client):
    dialogue = DialogueFactory()
    client.force_login(member_of(dialogue.organisation))
    goal_in(dialogue)
    own = composition_question(SessionFactory(dialogue=dialogue))
    foreign = composition_question(SessionFactory())
    foreign.prompt = "Främmande fråga?"
    foreign.save()
    page = client.get(reverse("planning:goals", args=[dialogue.pk])).content.decode()
    assert f'value="{own.pk}"' in page and "Främmande fråga?" not in page


def test_decision_and_phase_through_the_plan_page(client):
    dialogue = DialogueFactory()
    phase = dialogue.phases.create(name="Workshop", position=0)
    client.force_login(member_of(dialogue.organisation))
    url = reverse("planning:plan", args=[dialogue.pk])
    client.post(
        url,
        {
            "action": "decision",
            "decided_on": "2026-02-03",
            "body": "Kommunstyrelsen",
            "decision": "Målmatrisen godkänns.",
            "consequence": "Vi börjar med uppsökande möten.",
        },
    )
    response = client.post(
        url,
        {"action": "phase", "phase": phase.pk, "starts_on": "2026-03-10", "ends_on": "2026-03-01"},
    )
    assert "The phase cannot end before it starts." in response.content.decode()
    client.post(
        url,
        {"action": "phase", "phase": phase.pk, "starts_on": "2026-03-01", "ends_on": "2026-04-01"},
    )
    page = client.get(url).content.decode()
    assert "Målmatrisen godkänns." in page and "Kommunstyrelsen" in page
    assert phase.plan.starts_on == date(2026, 3, 1)


def test_comms_status_and_overdue_on_the_page(client):
    dialogue = DialogueFactory()
    client.force_login(member_of(dialogue.organisation))
    activity = services.comms_create(
        dialogue=dialogue,
        channel="newspaper",
        planned_on=date(2020, 1, 1),
        message="Annons",
        actor=None,
    )
    url = reverse("planning:comms", args=[dialogue.pk])
    assert "1 activity is overdue." in client.get(url).content.decode()
    client.post(url, {"action": "status", "activity": activity.pk, "status": "done"})
    assert "overdue" not in client.get(url).content.decode().split("<table")[0]


def test_questionnaire_created_from_the_evaluation_page(client):
    dialogue = DialogueFactory(language="nb")
    client.force_login(member_of(dialogue.organisation))
    url = reverse("planning:evaluation", args=[dialogue.pk])
    client.post(url, {"action": "questionnaire"})
    session = dialogue.sessions.get()
    page = client.get(url).content.decode()
    assert session.code in page and "Prosessevaluering for prosjektgruppen" in page


def test_dialogue_page_shows_the_planning_section(client):
    dialogue, *_rest = planned()
    client.force_login(member_of(dialogue.organisation))
    page = client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    assert "Plan and evaluation" in page and "0 of 1 met, 1 pending" in page
    assert reverse("planning:goals", args=[dialogue.pk]) in page


def test_a_huge_decision_is_refused_with_a_message_and_kept_in_the_form(client):
    dialogue = DialogueFactory()
    client.force_login(member_of(dialogue.organisation))
    response = client.post(
        reverse("planning:plan", args=[dialogue.pk]),
        {"action": "decision", "decided_on": "2026-02-03", "body": "KS", "decision": "x" * 5000},
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 2000 characters" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_coordinator_chooses_which_decisions_the_public_page_shows(client):
    dialogue, *_ = planned()
    client.force_login(member_of(dialogue.organisation, Role.FACILITATOR))
    url = reverse("planning:plan", args=[dialogue.pk])
    data = {"action": "decision", "decided_on": "2026-01-01", "body": "KS", "decision": "Ja"}
    client.post(url, data)
    decision = Decision.objects.get()
    assert decision.public is False  # off by default
    client.post(url, {"action": "publish_decision", "decision": decision.pk, "public": "1"})
    decision.refresh_from_db()
    assert decision.public is True
    assert "Hide from the public page" in client.get(url).content.decode()
    client.post(url, {"action": "publish_decision", "decision": decision.pk, "public": "0"})
    decision.refresh_from_db()
    assert decision.public is False
    assert AuditEntry.objects.filter(action="planning.decision.publish").count() == 2
    client.post(url, {**data, "decision": "Nej", "public": "on"})
    assert Decision.objects.get(decision="Nej").public is True

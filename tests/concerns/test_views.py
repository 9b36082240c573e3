"""Pages and fragments: scoped to the organisation (others → 404), viewers read only, phones
known by their workshop's cookie, the follow-up with its exports."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samrad.accounts.models import Role
from samrad.concerns import services
from samrad.concerns.models import Action, Concern, Dot, Idea
from samrad.live.tokens import cookie_name, participant_token
from tests.concerns.conftest import go, groups, phone_in
from tests.factories import FacilitatorFactory, member_of

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def phone_client(client, workshop, participant):
    client.cookies[cookie_name(workshop.session_id)] = participant_token(participant)
    return client


# --- Concerns page --------------------------------------------------------------------------


def test_add_and_import_concerns(signed_in, dialogue):
    url = reverse("concerns:list", args=[dialogue.pk])
    signed_in.post(url, {"add": "1", "text": "För lite belysning"})
    upload = io.BytesIO("farhåga\nEnsamhet\nFör lite belysning\n".encode())
    upload.name = "farhagor.csv"
    response = signed_in.post(url, {"import": "1", "file": upload}, follow=True)
    assert "1 concerns imported (1 already there)." in response.content.decode()
    assert list(dialogue.concerns.values_list("text", "source")) == [
        ("För lite belysning", "typed"),
        ("Ensamhet", "imported"),
    ]


def test_import_is_all_or_nothing_with_row_errors(signed_in, dialogue):
    upload = io.BytesIO(("text\nEnsamhet\n" + "x" * 600 + "\n").encode())
    upload.name = "farhagor.csv"
    response = signed_in.post(
        reverse("concerns:list", args=[dialogue.pk]), {"import": "1", "file": upload}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert 'id="import-errors"' in page and "<td>3</td>" in page
    assert not Concern.objects.exists()


def test_themes_offered_only_when_the_insights_app_has_them(signed_in, dialogue):
    from samrad.concerns.views import themes_available

    page = signed_in.get(reverse("concerns:list", args=[dialogue.pk])).content.decode()
    assert ("Add concerns from themes" in page) is themes_available()


def test_concern_text_is_escaped(signed_in, dialogue, user):
    services.concern_add(dialogue=dialogue, text="<script>alert(1)</script>", actor=user)
    page = signed_in.get(reverse("concerns:list", args=[dialogue.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


# --- Scope and roles ------------------------------------------------------------------------


def _urls(workshop, action):
    step = workshop.steps.get(format="concerns.ideas")
    return [
        reverse("concerns:list", args=[workshop.dialogue_id]),
        reverse("concerns:actions", args=[workshop.dialogue_id]),
        reverse("concerns:action_edit", args=[action.pk]),
        reverse("concerns:step_screen", args=[workshop.pk, step.pk, "facilitator"]),
        reverse("concerns:step_screen", args=[workshop.pk, step.pk, "projector"]),
    ]


def test_other_organisation_gets_404(client, workshop, user):
    action = services.action_create(dialogue=workshop.dialogue, what="Åtgärd", actor=user)
    client.force_login(FacilitatorFactory())
    for url in _urls(workshop, action):
        assert client.get(url).status_code == 404, url
    step = workshop.steps.get(format="concerns.pick")
    command = reverse("concerns:step_command", args=[workshop.pk, step.pk, "group_add"])
    assert client.post(command, **HTMX).status_code == 404
    assert workshop.concern_groups.count() == 2


def test_anonymous_is_sent_to_login(client, workshop, user):
    action = services.action_create(dialogue=workshop.dialogue, what="Åtgärd", actor=user)
    for url in _urls(workshop, action):
        assert client.get(url).status_code == 302


def test_viewer_reads_but_cannot_change(client, workshop, user):
    action = services.action_create(dialogue=workshop.dialogue, what="Åtgärd", actor=user)
    viewer = member_of(workshop.dialogue.organisation, Role.VIEWER)
    client.force_login(viewer)
    for url in _urls(workshop, action):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<textarea" not in response.content.decode(), url
    list_url = reverse("concerns:list", args=[workshop.dialogue_id])
    assert client.post(list_url, {"add": "1", "text": "Ny"}).status_code == 403
    edit = reverse("concerns:action_edit", args=[action.pk])
    assert client.post(edit, {"delete": "1"}).status_code == 403
    step = workshop.steps.get(format="concerns.pick")
    command = reverse("concerns:step_command", args=[workshop.pk, step.pk, "group_add"])
    assert client.post(command, **HTMX).status_code == 403
    assert Action.objects.count() == 1 and workshop.concern_groups.count() == 2


# --- Facilitator and projector fragments ----------------------------------------------------


def test_projector_shows_ideas_per_group_and_answers_204_when_unchanged(signed_in, workshop):
    step = go(workshop, "concerns.ideas")
    first, second = groups(workshop)
    services.idea_add(workshop=workshop, group=first, text="Fixarkafé på biblioteket", step=step)
    url = reverse("concerns:step_screen", args=[workshop.pk, step.pk, "projector"])
    response = signed_in.get(url)
    page = response.content.decode()
    assert "Fixarkafé på biblioteket" in page and second.name in page
    version = response.context["version"]
    assert signed_in.get(url, {"v": version}).status_code == 204
    services.idea_add(workshop=workshop, group=second, text="Skyltar", step=step)
    assert "Skyltar" in signed_in.get(url, {"v": version}).content.decode()


def test_facilitator_hides_and_merges(signed_in, workshop):
    step = go(workshop, "concerns.ideas")
    first, _second = groups(workshop)
    a = services.idea_add(workshop=workshop, group=first, text="Fixarkafé", step=step)
    b = services.idea_add(workshop=workshop, group=first, text="Fixarkaféer", step=step)
    c = services.idea_add(workshop=workshop, group=first, text="Olämpligt", step=step)

    def command(name, **data):
        url = reverse("concerns:step_command", args=[workshop.pk, step.pk, name])
        return signed_in.post(url, data, **HTMX)

    assert "Idea hidden." in command("idea_hide", idea=c.pk).content.decode()
    assert "Ideas merged." in command("idea_merge", idea=b.pk, into=a.pk).content.decode()
    command("idea_edit", idea=a.pk, text="Fixarkafé varje vecka")
    projector = reverse("concerns:step_screen", args=[workshop.pk, step.pk, "projector"])
    page = signed_in.get(projector).content.decode()
    assert "Fixarkafé varje vecka" in page
    assert "Olämpligt" not in page and "Fixarkaféer" not in page
    bad = command("idea_merge", idea=a.pk, into=a.pk).content.decode()
    assert "Choose another idea" in bad


def test_make_actions_from_the_fragment(signed_in, workshop):
    step = go(workshop, "concerns.ideas")
    idea = services.idea_add(workshop=workshop, group=groups(workshop)[0], text="Idé", step=step)
    vote = go(workshop, "concerns.vote")
    services.dot_add(workshop=workshop, step=vote, participant=phone_in(workshop), idea=idea)
    actions_step = go(workshop, "concerns.actions")
    url = reverse("concerns:step_command", args=[workshop.pk, actions_step.pk, "make_actions"])
    page = signed_in.post(url, {"vote": vote.pk, "top": "3"}, **HTMX).content.decode()
    assert "1 actions created." in page
    assert Action.objects.get().idea == idea


# --- Phones ---------------------------------------------------------------------------------


def test_phone_chooses_a_group_and_sends_ideas(client, workshop):
    step = go(workshop, "concerns.ideas")
    phone = phone_in(workshop)
    phone_client(client, workshop, phone)
    screen = reverse("concerns:phone_screen", args=[workshop.pk, step.pk])
    assert "Choose your group" in client.get(screen).content.decode()
    group = groups(workshop)[1]
    url = lambda name: reverse("concerns:phone_command", args=[workshop.pk, step.pk, name])  # noqa: E731
    client.post(url("group"), {"group": group.pk}, **HTMX)
    page = client.post(url("idea"), {"text": "Skyltar vid kamerorna"}, **HTMX).content.decode()
    assert "Idea received" in page and "Skyltar vid kamerorna" in page
    refused = client.post(url("idea"), {"text": "x" * 300}, **HTMX)
    text = refused.content.decode()
    assert "under 200 characters" in text
    assert "x" * 300 in text  # what was typed is given back
    assert refused["X-Refusal-Status"] == "422"
    assert Idea.objects.get().group == group


def test_phone_without_the_workshop_cookie_is_refused(client, workshop):
    step = go(workshop, "concerns.ideas")
    url = reverse("concerns:phone_command", args=[workshop.pk, step.pk, "idea"])
    assert client.post(url, {"text": "Idé"}).status_code == 403
    assert not Idea.objects.exists()


def test_phone_votes_and_sees_closed_vote(client, workshop, user):
    step = go(workshop, "concerns.ideas")
    idea = services.idea_add(workshop=workshop, group=groups(workshop)[0], text="Idé", step=step)
    vote = go(workshop, "concerns.vote")
    phone = phone_in(workshop)
    phone_client(client, workshop, phone)
    url = lambda name: reverse("concerns:phone_command", args=[workshop.pk, vote.pk, name])  # noqa: E731
    page = client.post(
        url("dot"), {"idea": idea.pk, "client_id": "7c1e1c1e-0000-4000-8000-000000000001"}, **HTMX
    )
    assert "2 dots left" in page.content.decode()
    client.post(
        url("dot"), {"idea": idea.pk, "client_id": "7c1e1c1e-0000-4000-8000-000000000001"}, **HTMX
    )
    assert Dot.objects.count() == 1
    services.step_set_closed(step=vote, closed=True, actor=user)
    closed = client.post(url("undot"), {"idea": idea.pk}, **HTMX).content.decode()
    assert "Voting is closed. Your dots are kept." in closed
    assert Dot.objects.count() == 1


# --- Follow-up ------------------------------------------------------------------------------


@pytest.fixture
def actions(dialogue, user, concerns):
    today = date.today()
    return [
        services.action_create(
            dialogue=dialogue,
            what='=HYPERLINK("http://x")',
            actor=user,
            status="agreed",
            owner_type="municipality",
            sphere="bo",
            due=today - timedelta(days=3),
        ),
        services.action_create(
            dialogue=dialogue,
            what="Fixarkafé",
            actor=user,
            status="done",
            owner_type="association",
            owner_name="PRO Storby",
            sphere="leva",
            due=today - timedelta(days=10),
            concern=concerns[0],
        ),
        services.action_create(dialogue=dialogue, what="Skyltar", actor=user),
    ]


def test_follow_up_filters_and_marks_overdue(signed_in, dialogue, actions):
    url = reverse("concerns:actions", args=[dialogue.pk])
    response = signed_in.get(url)
    assert [a.overdue for a in response.context["actions"]] == [False, True, False]
    assert "1 overdue" in response.content.decode()
    done = signed_in.get(url, {"status": "done"}).context["actions"]
    assert [a.what for a in done] == ["Fixarkafé"]
    leva = signed_in.get(url, {"sphere": "leva", "owner_type": "association"}).context["actions"]
    assert [a.what for a in leva] == ["Fixarkafé"]


def test_exports_escape_formulas(signed_in, dialogue, actions):
    url = reverse("concerns:actions", args=[dialogue.pk])
    response = signed_in.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "what", "concern"]
    whats = {row[1]: row for row in rows[1:]}
    assert '\'=HYPERLINK("http://x")' in whats
    assert whats['\'=HYPERLINK("http://x")'][8] == "true"  # overdue
    xlsx = signed_in.get(url, {"format": "xlsx", "status": "done"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[1][1] == "Fixarkafé" and len(values) == 2


def test_edit_action(signed_in, actions):
    action = actions[2]
    url = reverse("concerns:action_edit", args=[action.pk])
    response = signed_in.post(
        url,
        {
            "what": "Skyltar vid alla kameror",
            "owner_type": "organisation",
            "owner_name": "Storby Energi AB",
            "sphere": "verka",
            "due": "2030-01-01",
            "status": "in_progress",
            "concern": "",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.what, action.owner_label, action.status) == (
        "Skyltar vid alla kameror",
        "Storby Energi AB",
        "in_progress",
    )


def test_actions_step_sets_owner_sphere_due_in_place(signed_in, workshop, user):
    action = services.action_create(dialogue=workshop.dialogue, what="Fixarkafé", actor=user)
    action.workshop = workshop
    action.save()
    step = go(workshop, "concerns.actions")
    url = reverse("concerns:step_command", args=[workshop.pk, step.pk, "action_save"])
    data = {
        "action": action.pk,
        "owner_type": "business",
        "owner_name": "ICA Storby",
        "sphere": "verka",
        "due": "2031-05-01",
        "status": "agreed",
    }
    assert "Action saved." in signed_in.post(url, data, **HTMX).content.decode()
    action.refresh_from_db()
    assert (action.what, action.owner_label, action.sphere, str(action.due), action.status) == (
        "Fixarkafé",
        "Business: ICA Storby",
        "verka",
        "2031-05-01",
        "agreed",
    )
    bad = signed_in.post(url, {**data, "status": "finished"}, **HTMX).content.decode()
    assert "could not be understood" in bad
    action.refresh_from_db()
    assert action.status == "agreed"


def test_phone_without_javascript_is_sent_back_to_its_workshop_page(client, workshop):
    step = go(workshop, "concerns.ideas")
    phone_client(client, workshop, phone_in(workshop, groups(workshop)[0]))
    url = reverse("concerns:phone_command", args=[workshop.pk, step.pk, "idea"])
    response = client.post(url, {"text": "Fler bänkar"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:phone", args=[workshop.session.code])
    assert Idea.objects.get().text == "Fler bänkar"


def test_the_coordinator_chooses_which_actions_the_public_page_shows(signed_in, actions):
    from samrad.feedback import public

    action = actions[0]
    assert not action.public and public.public_actions(action.dialogue) == []  # off by default
    url = reverse("concerns:action_edit", args=[action.pk])
    assert 'name="public"' in signed_in.get(url).content.decode()
    fields = {"what": action.what, "owner_type": "", "owner_name": "", "sphere": "bo"}
    fields |= {"due": "", "status": "agreed", "concern": ""}
    assert signed_in.post(url, {**fields, "public": "on"}).status_code == 302
    assert public.public_actions(action.dialogue) == [action]
    assert signed_in.post(url, fields).status_code == 302  # unticked: off again
    assert public.public_actions(action.dialogue) == []

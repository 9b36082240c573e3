"""Services of concerns workshops: groups, ideas, the dot vote and actions."""

import uuid

import pytest

from samrad.concerns import selectors, services
from samrad.concerns.errors import Refused
from samrad.concerns.models import Action, ActionStatus, Dot, Idea
from samrad.core.models import AuditEntry
from samrad.live.errors import Refused as LiveRefused
from tests.concerns.conftest import go, groups, phone_in, step_of


def test_template_builds_the_five_steps_with_ground_rules_first(workshop):
    kinds = list(workshop.steps.values_list("format", flat=True))
    assert kinds == [
        "workshops.text",
        "concerns.pick",
        "concerns.ideas",
        "concerns.vote",
        "concerns.actions",
    ]
    rules_step = workshop.steps.first()
    assert "Inga idéer är fel" in rules_step.body
    assert rules_step.script  # a speaker note in Swedish
    assert [g.name for g in groups(workshop)] == ["Grupp 1", "Grupp 2"]


def test_smarta_orter_has_leva_bo_verka_rounds_and_roles(dialogue, user):
    from samrad.workshops.services import workshop_create

    workshop = workshop_create(dialogue, "smarta_orter", user, language="nb")
    ideas = workshop.steps.filter(format="concerns.ideas")
    assert [s.options["sphere"] for s in ideas] == ["leva", "bo", "verka"]
    assert [s.title for s in ideas] == ["Leve", "Bo", "Virke"]
    assert workshop.steps.get(format="concerns.pick").options["ask_role"] is True
    assert "Ingen idéer er feil" in workshop.steps.first().body
    assert len(groups(workshop)) == 3


def test_idea_from_a_phone_goes_to_its_groups_concern(workshop, concerns):
    step = go(workshop, "concerns.ideas")
    phone = phone_in(workshop, groups(workshop)[1])
    idea = services.idea_submit(
        workshop=workshop, step=step, participant=phone, text="  Skyltar vid kamerorna "
    )
    assert idea.text == "Skyltar vid kamerorna"
    assert idea.group == groups(workshop)[1]
    assert idea.concern == concerns[1]


def test_idea_is_sanitised_and_limited(workshop):
    step = go(workshop, "concerns.ideas")
    phone = phone_in(workshop, groups(workshop)[0])
    idea = services.idea_submit(
        workshop=workshop, step=step, participant=phone, text="<b>Fler\x00 bänkar</b>"
    )
    assert idea.text == "<b>Fler bänkar</b>"  # kept as text; templates escape it
    with pytest.raises(LiveRefused) as refused:
        services.idea_submit(workshop=workshop, step=step, participant=phone, text="x" * 201)
    assert refused.value.code == "too_long"
    assert "200 characters" in refused.value.message
    with pytest.raises(LiveRefused) as empty:
        services.idea_submit(workshop=workshop, step=step, participant=phone, text="   ")
    assert empty.value.code == "empty"
    assert Idea.objects.count() == 1


def test_idea_needs_a_group_current_step_and_open_round(workshop, user):
    step = step_of(workshop, "concerns.ideas")
    phone = phone_in(workshop)
    with pytest.raises(Refused) as not_current:
        services.idea_submit(workshop=workshop, step=step, participant=phone, text="Idé")
    assert not_current.value.code == "not_current"
    go(workshop, "concerns.ideas")
    with pytest.raises(Refused) as no_group:
        services.idea_submit(workshop=workshop, step=step, participant=phone, text="Idé")
    assert no_group.value.message == "Please choose your group first."
    services.group_join(workshop=workshop, participant=phone, group=groups(workshop)[0])
    services.step_set_closed(step=step, closed=True, actor=user)
    with pytest.raises(Refused) as closed:
        services.idea_submit(workshop=workshop, step=step, participant=phone, text="Idé")
    assert closed.value.code == "ideas_closed"
    assert not Idea.objects.exists()


def test_resent_idea_is_stored_once(workshop):
    step = go(workshop, "concerns.ideas")
    phone = phone_in(workshop, groups(workshop)[0])
    client_id = uuid.uuid4()
    first = services.idea_submit(
        workshop=workshop, step=step, participant=phone, text="Idé", client_id=client_id
    )
    again = services.idea_submit(
        workshop=workshop, step=step, participant=phone, text="Idé", client_id=client_id
    )
    assert first == again
    assert Idea.objects.count() == 1


def test_group_join_replaces_the_earlier_choice(workshop):
    phone = phone_in(workshop, groups(workshop)[0])
    services.group_join(workshop=workshop, participant=phone, group=groups(workshop)[1])
    assert selectors.member_of(phone).group == groups(workshop)[1]


def test_group_of_another_workshop_is_refused(workshop, dialogue, user):
    from samrad.workshops.services import workshop_create

    other = workshop_create(dialogue, "concerns", user)
    phone = phone_in(workshop)
    with pytest.raises(Refused) as refused:
        services.group_join(workshop=workshop, participant=phone, group=groups(other)[0])
    assert refused.value.code == "unknown_group"


def test_group_with_ideas_cannot_be_removed(workshop, user):
    step = go(workshop, "concerns.ideas")
    group = groups(workshop)[0]
    services.idea_add(workshop=workshop, group=group, text="Idé", step=step, actor=user)
    with pytest.raises(Refused):
        services.group_delete(group=group, actor=user)
    services.group_delete(group=groups(workshop)[1], actor=user)
    assert len(groups(workshop)) == 1


# --- Dot vote ----------------------------------------------------------------------------------


@pytest.fixture
def voting(workshop, user):
    """Three ideas in group 1, one in group 2; the vote on screen."""
    ideas_step = go(workshop, "concerns.ideas")
    first, second = groups(workshop)
    ideas = [
        services.idea_add(workshop=workshop, group=first, text=t, step=ideas_step, actor=user)
        for t in ("Fixarkafé", "Telefon till en människa", "Pappersblanketter")
    ] + [services.idea_add(workshop=workshop, group=second, text="Skyltar", step=ideas_step)]
    vote = go(workshop, "concerns.vote")
    return vote, ideas


def dot(workshop, vote, phone, idea, client_id=None):
    return services.dot_add(
        workshop=workshop, step=vote, participant=phone, idea=idea, client_id=client_id
    )


def test_three_dots_then_no_more(workshop, voting):
    vote, ideas = voting
    phone = phone_in(workshop)
    for idea in ideas[:3]:
        dot(workshop, vote, phone, idea)
    with pytest.raises(Refused) as refused:
        dot(workshop, vote, phone, ideas[3])
    assert refused.value.code == "no_dots_left"
    assert "all your 3 dots" in refused.value.message
    assert Dot.objects.filter(participant=phone).count() == 3


def test_one_dot_per_idea_unless_allowed(workshop, voting, user):
    vote, ideas = voting
    phone = phone_in(workshop)
    dot(workshop, vote, phone, ideas[0])
    with pytest.raises(Refused) as refused:
        dot(workshop, vote, phone, ideas[0])
    assert refused.value.code == "one_per_idea"

    services.dot_withdraw(workshop=workshop, step=vote, participant=phone, idea=ideas[0])
    services.vote_configure(step=vote, dots=5, several=True, actor=user)
    for _ in range(5):
        dot(workshop, vote, phone, ideas[0])
    assert selectors.own_dots(step=vote, participant=phone) == {ideas[0].pk: 5}


def test_withdraw_gives_the_dot_back(workshop, voting):
    vote, ideas = voting
    phone = phone_in(workshop)
    for idea in ideas[:3]:
        dot(workshop, vote, phone, idea)
    services.dot_withdraw(workshop=workshop, step=vote, participant=phone, idea=ideas[1])
    dot(workshop, vote, phone, ideas[3])  # the freed slot is usable again
    assert set(selectors.own_dots(step=vote, participant=phone)) == {
        ideas[0].pk,
        ideas[2].pk,
        ideas[3].pk,
    }
    with pytest.raises(Refused) as refused:
        services.dot_withdraw(workshop=workshop, step=vote, participant=phone, idea=ideas[1])
    assert refused.value.code == "no_dot_here"


def test_double_submit_counts_once(workshop, voting):
    vote, ideas = voting
    phone = phone_in(workshop)
    client_id = uuid.uuid4()
    first = dot(workshop, vote, phone, ideas[0], client_id)
    again = dot(workshop, vote, phone, ideas[0], client_id)
    assert first == again
    assert Dot.objects.count() == 1


def test_closed_vote_refuses_and_keeps_dots(workshop, voting, user):
    vote, ideas = voting
    phone = phone_in(workshop)
    dot(workshop, vote, phone, ideas[0])
    services.step_set_closed(step=vote, closed=True, actor=user)
    vote.refresh_from_db()
    with pytest.raises(Refused) as refused:
        dot(workshop, vote, phone, ideas[1])
    assert refused.value.message == "Voting is closed. Your dots are kept."
    assert refused.value.status == 409
    with pytest.raises(Refused):
        services.dot_withdraw(workshop=workshop, step=vote, participant=phone, idea=ideas[0])
    assert Dot.objects.count() == 1


def test_closed_vote_message_in_swedish(workshop, voting, user):
    from django.utils import translation

    vote, ideas = voting
    services.step_set_closed(step=vote, closed=True, actor=user)
    vote.refresh_from_db()
    with pytest.raises(Refused) as refused:
        dot(workshop, vote, phone_in(workshop), ideas[0])
    with translation.override("sv"):
        message = refused.value.message
    # Translated once the lead has built the catalogues; never the bare code.
    assert message and message != "vote_closed"


def test_settings_cannot_change_after_the_first_dot(workshop, voting, user):
    vote, ideas = voting
    dot(workshop, vote, phone_in(workshop), ideas[0])
    with pytest.raises(Refused) as refused:
        services.vote_configure(step=vote, dots=1, several=False, actor=user)
    assert refused.value.code == "vote_started"


def test_hidden_or_merged_idea_leaves_the_vote(workshop, voting, user):
    vote, ideas = voting
    phone, other = phone_in(workshop), phone_in(workshop)
    dot(workshop, vote, phone, ideas[1])
    dot(workshop, vote, phone, ideas[0])
    dot(workshop, vote, other, ideas[1])
    services.idea_merge(target=ideas[0], duplicate=ideas[1], actor=user)
    # phone had dots on both: one per idea, so one comes back; other's dot moves.
    ranked = selectors.ranked_sections(workshop=workshop, step=vote)
    first = ranked[0]["ideas"]
    assert [(e["idea"].text, e["dots"]) for e in first][0] == ("Fixarkafé", 2)
    assert "Telefon till en människa" not in [e["idea"].text for e in first]
    with pytest.raises(Refused) as refused:
        dot(workshop, vote, phone, Idea.objects.get(pk=ideas[1].pk))
    assert refused.value.code == "idea_unavailable"

    services.idea_set_hidden(idea=ideas[3], hidden=True, actor=user)
    assert len(selectors.ranked_sections(workshop=workshop, step=vote)) == 1


def test_ranking_per_concern_most_dots_first(workshop, voting, concerns):
    vote, ideas = voting
    phones = [phone_in(workshop) for _ in range(3)]
    for phone in phones:
        dot(workshop, vote, phone, ideas[2])
    dot(workshop, vote, phones[0], ideas[1])
    sections = selectors.ranked_sections(workshop=workshop, step=vote)
    assert [s["title"] for s in sections] == [c.text for c in concerns]
    assert [(e["idea"].text, e["dots"]) for e in sections[0]["ideas"]] == [
        ("Pappersblanketter", 3),
        ("Telefon till en människa", 1),
        ("Fixarkafé", 0),
    ]
    assert selectors.vote_totals(vote) == {"dots": 4, "voters": 3}


# --- Actions -----------------------------------------------------------------------------------


def test_top_ideas_become_actions_once(workshop, voting, user, concerns):
    vote, ideas = voting
    phones = [phone_in(workshop) for _ in range(3)]
    for phone in phones:
        dot(workshop, vote, phone, ideas[2])
    dot(workshop, vote, phones[0], ideas[1])
    dot(workshop, vote, phones[1], ideas[3])
    go(workshop, "concerns.actions")
    created = services.actions_from_top(workshop=workshop, step=vote, top=1, actor=user)
    assert [(a.what, a.votes, a.concern) for a in created] == [
        ("Pappersblanketter", 3, concerns[0]),
        ("Skyltar", 1, concerns[1]),
    ]
    assert all(a.status == ActionStatus.PROPOSED for a in created)
    # A second click with a larger K adds only what is new; ideas without dots never.
    more = services.actions_from_top(workshop=workshop, step=vote, top=3, actor=user)
    assert [a.what for a in more] == ["Telefon till en människa"]
    assert Action.objects.count() == 3
    assert AuditEntry.objects.filter(action="concerns.actions_from_top").count() == 2


def test_action_update_and_validation(dialogue, user, concerns):
    action = services.action_create(dialogue=dialogue, what="Öppna servicecenter", actor=user)
    services.action_update(
        action=action,
        actor=user,
        owner_type="organisation",
        owner_name="Storby IF",
        sphere="leva",
        status="in_progress",
        concern=concerns[0],
    )
    action.refresh_from_db()
    assert action.owner_label == "Storby IF"
    assert action.get_status_display() == "In progress"
    with pytest.raises(Refused):
        services.action_update(action=action, actor=user, status="finished")


def test_smarta_orter_ideas_carry_sphere_and_role_into_actions(dialogue, user):
    from samrad.workshops.services import workshop_create

    workshop = workshop_create(dialogue, "smarta_orter", user)
    phone = phone_in(workshop)
    services.group_join(
        workshop=workshop, participant=phone, group=groups(workshop)[2], role="business"
    )
    bo = workshop.steps.get(format="concerns.ideas", options__sphere="bo")
    from samrad.workshops.services import workshop_go_to

    workshop_go_to(workshop=workshop, step=bo)
    workshop.refresh_from_db()
    idea = services.idea_submit(
        workshop=workshop, step=bo, participant=phone, text="Hyresrätter ovanför butiken"
    )
    assert (idea.sphere, idea.role, idea.group.name) == ("bo", "business", "Grupp 3")
    vote = go(workshop, "concerns.vote")
    for _ in range(2):  # several dots on one idea are allowed in this template
        services.dot_add(workshop=workshop, step=vote, participant=phone, idea=idea)
    (action,) = services.actions_from_top(workshop=workshop, step=vote, actor=user)
    assert (action.owner_type, action.sphere, action.votes) == ("business", "bo", 2)

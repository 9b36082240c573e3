"""Editing questions, moving them anywhere, and control actions that count once (issue 12,
item 6)."""

import pytest
from django.urls import reverse
from django.utils import translation

from samrad.live import editing, events, services
from samrad.live.editing import QuestionChanges
from samrad.live.kinds import REGISTRY, Answer
from samrad.live.models import Channel, Question, Response
from tests.factories import (
    ChoiceQuestionFactory,
    ParticipantFactory,
    QuestionFactory,
    member_of,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(
        "samrad.core.realtime.group_send", lambda group, event: messages.append((group, event))
    )
    return messages


def answer(question, *, choices=(), value=None, points=None):
    participant = ParticipantFactory(session=question.session)
    return services.response_submit(
        question=question,
        participant=participant,
        answer=Answer(choices=list(choices), value=value, points=points or {}),
        channel=Channel.PAPER,  # taken whatever the session's state
    )


def options(question):
    return {c.label: c.pk for c in question.choices.all()}


def test_effects_name_every_answer_touched_and_the_edit_keeps_what_it_can(
    sent, django_capture_on_commit_callbacks
):
    question = ChoiceQuestionFactory(allow_multiple=True)
    ids = options(question)
    only_removed = answer(question, choices=[ids["Kollektivitet"]])
    both = answer(question, choices=[ids["Kollektivitet"], ids["Trygghet"]])
    renamed = answer(question, choices=[ids["Trygghet"]])
    changes = QuestionChanges(
        prompt="Vilken målbild?",
        labels={ids["Trygghet"]: "Trygghet och hälsa", ids["Smidighet"]: "Smidighet"},
        removed={ids["Kollektivitet"]},
        added=["Hållbarhet"],
        settings={"allow_multiple": True, "allow_other": False},
    )
    with translation.override("en"):
        effects = editing.question_edit_effects(question, changes)
    assert any("3 answers" in e and "earlier text" in e for e in effects)
    assert any("“Kollektivitet” is removed: 2 answers" in e for e in effects)
    assert any("“Trygghet” becomes “Trygghet och hälsa”: its 2 answers" in e for e in effects)
    assert Response.objects.count() == 3  # nothing written before the facilitator confirms

    put_on_screen(question)
    before = events.phone_state_key(Question.objects.get(pk=question.pk).session)
    with django_capture_on_commit_callbacks(execute=True):
        editing.question_update(question=question, changes=changes)
    question.refresh_from_db()
    assert question.prompt == "Vilken målbild?"
    assert list(question.choices.values_list("label", flat=True)) == [
        "Trygghet och hälsa",
        "Smidighet",
        "Hållbarhet",
    ]
    assert not Response.objects.filter(pk=only_removed.pk).exists()
    both.refresh_from_db()
    renamed.refresh_from_db()
    assert both.choices == [ids["Trygghet"]]
    assert renamed.choices == [ids["Trygghet"]]
    # Phones and the projector hear it, with a key that differs from the one they show.
    states = [event for group, event in sent if event["type"] == "state"]
    assert states and states[-1]["key"] != before
    assert {group for group, event in sent} >= {
        events.session_group(question.session_id),
        events.presenter_group(question.session_id),
    }


def test_an_edit_without_answers_or_that_keeps_them_warns_of_nothing_to_delete():
    question = QuestionFactory(kind="wordcloud", max_entries=3, max_words=3)
    changes = QuestionChanges(prompt="Nytt?", settings={"max_entries": 1, "max_words": 2})
    assert editing.question_edit_effects(question, changes) == []
    participant = ParticipantFactory(session=question.session)
    services.response_submit(
        question=question,
        participant=participant,
        answer=Answer(words="två ord"),
        channel=Channel.PAPER,
    )
    with translation.override("en"):
        effects = editing.question_edit_effects(question, changes)
    assert any("entries already sent are kept" in e for e in effects)
    editing.question_update(question=question, changes=changes)
    assert Response.objects.count() == 1


def test_a_narrower_scale_deletes_only_the_values_outside_it():
    question = QuestionFactory(kind="scale", scale_min=1, scale_max=7)
    kept, lost = answer(question, value="5"), answer(question, value="7")
    changes = QuestionChanges(
        prompt=question.prompt,
        settings={"scale_min": 1, "scale_max": 5, "label_low": "", "label_high": ""},
    )
    with translation.override("en"):
        effects = editing.question_edit_effects(question, changes)
    assert len(effects) == 1 and "1 answer" in effects[0] and "1–5" in effects[0]
    editing.question_update(question=question, changes=changes)
    assert list(Response.objects.values_list("pk", flat=True)) == [kept.pk]
    assert lost.pk != kept.pk


def test_rankings_and_points_lose_the_removed_option_and_keep_the_rest():
    ranking = ChoiceQuestionFactory(kind="ranking")
    ids = options(ranking)
    order = [ids["Smidighet"], ids["Trygghet"], ids["Kollektivitet"]]
    ranked = answer(ranking, choices=order)
    editing.question_update(
        question=ranking,
        changes=QuestionChanges(prompt=ranking.prompt, removed={ids["Trygghet"]}),
    )
    ranked.refresh_from_db()
    assert ranked.choices == [ids["Smidighet"], ids["Kollektivitet"]]

    points = ChoiceQuestionFactory(kind="points", points_budget=10)
    ids = options(points)
    given = answer(
        points,
        points={str(ids["Trygghet"]): 4, str(ids["Kollektivitet"]): 6, str(ids["Smidighet"]): 0},
    )
    editing.question_update(
        question=points,
        changes=QuestionChanges(
            prompt=points.prompt, removed={ids["Trygghet"]}, settings={"points_budget": 10}
        ),
    )
    given.refresh_from_db()
    assert given.points == {str(ids["Kollektivitet"]): 6, str(ids["Smidighet"]): 0}


def test_question_move_to_puts_it_anywhere():
    first = QuestionFactory(position=1)
    session = first.session
    second = QuestionFactory(session=session, position=2)
    third = QuestionFactory(session=session, position=3)
    editing.question_move_to(question=third, position=1)
    order = list(session.questions.order_by("position").values_list("pk", flat=True))
    assert order == [third.pk, first.pk, second.pk]
    editing.question_move_to(question=third, position=99)
    order = list(session.questions.order_by("position").values_list("pk", flat=True))
    assert order == [first.pk, second.pk, third.pk]


# --- The pages ----------------------------------------------------------------------------


def edit_url(question):
    return reverse("live:question_edit", args=[question.session_id, question.pk])


def form_data(question, **overrides):
    data = {"prompt": question.prompt, "once": overrides.pop("once", "k1"), "new_choices": ""}
    for choice in question.choices.all():
        data[f"option_{choice.pk}"] = choice.label
    data.update(overrides)
    return data


def test_the_edit_page_warns_then_saves_once_confirmed_and_a_double_click_saves_once(client):
    question = ChoiceQuestionFactory()
    ids = options(question)
    answer(question, choices=[ids["Smidighet"]])
    client.force_login(member_of(question.session.dialogue.organisation))
    page = client.get(edit_url(question)).content.decode()
    assert 'value="Trygghet"' in page and "Remove “Smidighet”" in page

    data = form_data(question, **{f"remove_{ids['Smidighet']}": "on", "new_choices": "Hälsa"})
    warned = client.post(edit_url(question), data)
    assert warned.status_code == 200
    body = warned.content.decode()
    assert 'role="alert"' in body and "Smidighet" in body
    assert question.choices.count() == 3 and Response.objects.count() == 1
    confirm = warned.context["confirm"]

    # A stale confirmation (the answers changed since the warning) warns again.
    answer(question, choices=[ids["Smidighet"]])
    again = client.post(edit_url(question), {**data, "confirm": confirm})
    assert again.status_code == 200 and again.context["confirm"] != confirm
    confirm = again.context["confirm"]

    saved = client.post(edit_url(question), {**data, "confirm": confirm})
    assert saved.status_code == 302
    # The same form again (a double click): the new option is not added twice.
    twice = client.post(edit_url(question), {**data, "confirm": confirm})
    assert twice.status_code == 302
    assert list(question.choices.values_list("label", flat=True)) == [
        "Trygghet",
        "Kollektivitet",
        "Hälsa",
    ]
    assert Response.objects.count() == 0


def test_the_edit_page_refuses_too_few_options_and_keeps_what_was_typed(client):
    question = ChoiceQuestionFactory(options=["A", "B"])
    ids = options(question)
    client.force_login(member_of(question.session.dialogue.organisation))
    response = client.post(
        edit_url(question), form_data(question, prompt="Ny text", **{f"remove_{ids['A']}": "on"})
    )
    assert response.status_code == 200
    assert "at least two options" in response.content.decode()
    assert 'value="Ny text"' in response.content.decode()
    question.refresh_from_db()
    assert question.prompt != "Ny text"


def test_moves_and_deletes_drawn_for_an_older_list_do_nothing(client):
    first = QuestionFactory(position=1)
    session = first.session
    second = QuestionFactory(session=session, position=2)
    client.force_login(member_of(session.dialogue.organisation))
    order = f"{first.pk},{second.pk}"
    move = reverse("live:question_action", args=[session.pk, second.pk, "up"])
    client.post(move, {"order": order})
    client.post(move, {"order": order})  # the double click's second press
    assert list(session.questions.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    to = reverse("live:question_action", args=[session.pk, first.pk, "move"])
    client.post(to, {"order": f"{second.pk},{first.pk}", "position": "1"})
    assert session.questions.order_by("position").first() == first
    delete = reverse("live:question_action", args=[session.pk, first.pk, "delete"])
    assert client.post(delete).status_code == 302
    assert client.post(delete).status_code == 302  # already gone: no error page
    assert list(session.questions.values_list("pk", flat=True)) == [second.pk]


def test_control_actions_drawn_for_another_state_are_not_done_again(client):
    question = ChoiceQuestionFactory(position=1)
    session = question.session
    put_on_screen(question)
    later = QuestionFactory(session=session, position=2)
    QuestionFactory(session=session, position=3)
    client.force_login(member_of(session.dialogue.organisation))
    control = client.get(reverse("live:session_control", args=[session.pk]))
    seen = control.context["seen"]
    command = lambda action: reverse("live:session_command", args=[session.pk, action])  # noqa: E731

    client.post(command("next"), {"seen": seen})
    client.post(command("next"), {"seen": seen})
    session.refresh_from_db()
    assert session.current_question_id == later.pk

    seen = client.get(reverse("live:session_control", args=[session.pk])).context["seen"]
    client.post(command("previous"), {"seen": seen})
    session.refresh_from_db()
    assert session.current_question_id == question.pk
    seen = client.get(reverse("live:session_control", args=[session.pk])).context["seen"]
    answer(question, choices=[options(question)["Trygghet"]])
    client.post(command("reset"), {"seen": seen})
    assert Response.objects.count() == 0
    answer(question, choices=[options(question)["Smidighet"]])
    second = client.post(command("reset"), {"seen": seen})
    assert second.status_code == 302
    assert Response.objects.count() == 1  # the answer given after the first reset stays


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_every_kind_opens_in_the_edit_page_and_saves_its_own_settings(client, kind):
    session = QuestionFactory().session
    choices = ["Ett", "Två"] if kind in {"choice", "ranking", "points", "statements"} else None
    question = services.question_add(session=session, kind=kind, prompt="Före?", choices=choices)
    client.force_login(member_of(session.dialogue.organisation))
    page = client.get(edit_url(question))
    assert page.status_code == 200
    form = page.context["form"]
    data = {"once": f"every-{kind}"}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = "on" if value is True else value
    data["prompt"] = "Efter?"
    saved = client.post(edit_url(question), data)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else ""
    question.refresh_from_db()
    assert question.prompt == "Efter?"


def test_a_ready_made_poll_goes_first_in_one_step(client):
    first = QuestionFactory(position=1)
    session = first.session
    services.poll_add(session=session, key="composition")
    client.force_login(member_of(session.dialogue.organisation))
    page = client.get(reverse("live:session_edit", args=[session.pk])).content.decode()
    url = reverse("live:poll_first", args=[session.pk, "composition"])
    assert url in page
    client.post(url)
    client.post(url)  # twice is the same as once
    roles = list(session.questions.order_by("position").values_list("role", flat=True))
    assert roles == ["composition"] * 4 + [""]
    assert client.post(reverse("live:poll_first", args=[session.pk, "other"])).status_code == 404

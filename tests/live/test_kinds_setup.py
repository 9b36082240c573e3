"""Building scale, ranking, number and points questions: the session page's form and the service."""

import pytest
from django.urls import reverse

from samrad.live import services
from samrad.live.forms import QuestionForm
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db

BASE = {"max_entries": 3, "max_words": 3}


@pytest.fixture
def session():
    return services.session_create(dialogue=DialogueFactory(), title="Möte")


def add(client, session, **data):
    client.force_login(member_of(session.dialogue.organisation))
    return client.post(reverse("live:session_edit", args=[session.pk]), {**BASE, **data})


def test_scale_with_its_range_and_end_labels(client, session):
    add(
        client,
        session,
        kind="scale",
        prompt="Hur nöjd?",
        scale="1-7",
        label_low="Inte alls",
        label_high="Mycket",
        choices="ignored\nfor scales",
    )
    question = session.questions.get()
    assert (question.scale_min, question.scale_max) == (1, 7)
    assert (question.label_low, question.label_high) == ("Inte alls", "Mycket")
    assert not question.choices.exists()


def test_ranking_and_points_take_the_options(client, session):
    add(client, session, kind="ranking", prompt="Ordna", choices="A\nB\n\nC")
    add(client, session, kind="points", prompt="Fördela", choices="A\nB", points_budget="10")
    ranking, points = session.questions.order_by("position")
    assert [c.label for c in ranking.choices.all()] == ["A", "B", "C"]
    assert [c.label for c in points.choices.all()] == ["A", "B"]
    assert points.points_budget == 10


@pytest.mark.parametrize("kind", ["ranking", "points"])
def test_ranking_and_points_need_two_options(client, session, kind):
    page = add(client, session, kind=kind, prompt="?", choices="Bara en").content.decode()
    assert "at least two options" in page
    assert not session.questions.exists()


def test_number_limits_with_a_decimal_comma_and_in_order(client, session):
    client.cookies["django_language"] = "sv"
    add(client, session, kind="numeric", prompt="Hur långt?", number_min="0,5", number_max="")
    question = session.questions.get()
    assert (question.number_min, question.number_max) == (0.5, None)
    form = QuestionForm(
        {**BASE, "kind": "numeric", "prompt": "?", "number_min": "10", "number_max": "1"}
    )
    assert not form.is_valid()
    assert "number_max" in form.errors


def test_defaults_when_the_type_specific_fields_are_left_out():
    form = QuestionForm({**BASE, "kind": "points", "prompt": "?", "choices": "A\nB"})
    assert form.is_valid(), form.errors
    kwargs = form.service_kwargs()
    assert kwargs["points_budget"] == 100
    assert (kwargs["scale_min"], kwargs["scale_max"]) == (1, 5)
    assert kwargs["number_min"] is None and kwargs["number_max"] is None


def test_each_type_specific_field_says_which_types_it_is_for(client, session):
    client.force_login(member_of(session.dialogue.organisation))
    page = client.get(reverse("live:session_edit", args=[session.pk])).content.decode()
    assert 'data-kinds="scale"' in page
    assert 'data-kinds="numeric"' in page
    assert 'data-kinds="points"' in page
    assert 'data-kinds="choice ranking points quiz statements"' in page
    assert "question-form.js" in page


@pytest.mark.parametrize(
    "bad",
    [
        {"scale_min": 5, "scale_max": 5},
        {"scale_min": 1, "scale_max": 20},
        {"number_min": 3, "number_max": 2},
        {"points_budget": 0},
    ],
)
def test_question_add_refuses_nonsense(session, bad):
    with pytest.raises(ValueError):
        services.question_add(session=session, kind="scale", prompt="?", **bad)

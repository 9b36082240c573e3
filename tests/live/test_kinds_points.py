"""Points to spend: whole points of 0 or more over the options, exactly the budget."""

import pytest
from django.utils import translation

from samrad.live import selectors
from samrad.live.models import Response
from tests.factories import ChoiceQuestionFactory, ParticipantFactory, put_on_screen
from tests.live.kind_helpers import answer, phone, refusal, stage_html

pytestmark = pytest.mark.django_db


def points_question(budget=100, options=None):
    return put_on_screen(
        ChoiceQuestionFactory(kind="points", points_budget=budget, options=options)
    )


def spread(question, **by_label):
    """{"<option id>": points} from {label: points}."""
    ids = {c.label: c.pk for c in question.choices.all()}
    return {str(ids[label]): points for label, points in by_label.items()}


def test_points_are_stored_for_every_option():
    question = points_question()
    response = answer(question, points=spread(question, Trygghet="60", Smidighet="40"))
    trygghet, kollektivitet, smidighet = question.choices.all()
    assert response.points == {
        str(trygghet.pk): 60,
        str(kollektivitet.pk): 0,
        str(smidighet.pk): 40,
    }


def test_integer_keys_and_numbers_from_json_are_read_too():
    question = points_question(budget=10)
    a, b, _c = question.choices.all()
    response = answer(question, points={a.pk: 7, str(b.pk): 3.0})
    assert response.points[str(a.pk)] == 7 and response.points[str(b.pk)] == 3


def test_empty_fields_count_as_no_points():
    question = points_question(budget=10)
    response = answer(question, points=spread(question, Trygghet="10", Smidighet=""))
    assert sorted(response.points.values()) == [0, 0, 10]


@pytest.mark.parametrize(
    ("given", "spent"),
    [({"Trygghet": 60, "Smidighet": 30}, 90), ({"Trygghet": 60, "Smidighet": 41}, 101), ({}, 0)],
)
def test_the_total_must_be_the_budget(given, spent):
    question = points_question()
    refused = refusal(question, points=spread(question, **given))
    assert refused.code == "points_total"
    assert refused.status == 422
    assert refused.message == f"Please spend exactly 100 points. You have spent {spent}."


@pytest.mark.parametrize("bad", ["-10", -10, "2,5", 2.5, "tio", True])
def test_points_are_whole_and_not_negative(bad):
    question = points_question()
    refused = refusal(question, points=spread(question, Trygghet=bad, Smidighet=110))
    assert refused.code == "points_whole"


@pytest.mark.parametrize("key", ["999999", "x", ""])
def test_unknown_options_are_refused(key):
    question = points_question()
    assert refusal(question, points={key: 100}).code == "invalid_choice"


def test_a_new_spread_replaces_the_old_one():
    question = points_question()
    participant = ParticipantFactory(session=question.session)
    answer(question, participant, points=spread(question, Trygghet=100))
    answer(question, participant, points=spread(question, Kollektivitet=50, Smidighet=50))
    stored = Response.objects.get(question=question)
    assert sorted(stored.points.values()) == [0, 50, 50]


def test_results_total_average_share_sorted():
    question = points_question()
    answer(question, points=spread(question, Trygghet=50, Smidighet=50))
    answer(question, points=spread(question, Trygghet=20, Kollektivitet=70, Smidighet=10))
    answer(question, points=spread(question, Kollektivitet=100))
    results = selectors.question_results(question)
    assert results["respondents"] == 3
    assert results["budget"] == 100 and results["spent"] == 300
    rows = [(r["label"], r["total"], r["average"], r["percent"]) for r in results["rows"]]
    assert rows == [
        ("Kollektivitet", 170, 56.7, 57),
        ("Trygghet", 70, 23.3, 23),
        ("Smidighet", 60, 20.0, 20),
    ]
    assert [r["width"] for r in results["rows"]] == [100, 41, 35]


def test_results_without_answers():
    results = selectors.question_results(points_question())
    assert results["respondents"] == 0
    assert {r["total"] for r in results["rows"]} == {0}
    assert {r["average"] for r in results["rows"]} == {None}


def test_projector_shows_totals_and_averages_as_text():
    question = points_question()
    answer(question, points=spread(question, Trygghet=75, Smidighet=25))
    answer(question, points=spread(question, Trygghet=50, Smidighet=50))
    with translation.override("sv"):
        html = stage_html(question)
    assert html.index("Trygghet") < html.index("Smidighet") < html.index("Kollektivitet")
    assert 'data-testid="points-total">125 <span class="muted">(62 %)</span>' in html
    assert "62,5" in html  # Trygghet's average, in Swedish


def test_phone_form_has_a_labelled_field_per_option_and_keeps_a_refused_spread(client):
    question = points_question()
    post = phone(client, question)
    page = client.get(f"/j/{question.session.code}/").content.decode()
    for choice in question.choices.all():
        assert f'<label for="points-{question.pk}-{choice.pk}">{choice.label}</label>' in page
        assert f'name="points_{choice.pk}"' in page
    assert "Points left: 100 of 100" in page
    assert 'aria-live="polite" data-points-left' in page

    trygghet, kollektivitet, smidighet = question.choices.all()
    page = post({f"points_{trygghet.pk}": "70", f"points_{smidighet.pk}": "40"})
    assert 'role="alert"' in page and "You have spent 110." in page
    assert 'value="70"' in page and 'value="40"' in page  # nothing typed is lost
    assert "take 10 away" in page
    assert not Response.objects.exists()

    page = post({f"points_{trygghet.pk}": "70", f"points_{smidighet.pk}": "30"})
    assert "Thank you" in page
    assert "All 100 points given" in page
    assert Response.objects.get().points[str(kollektivitet.pk)] == 0

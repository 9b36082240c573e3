"""Ranking: every option once, in order; Borda count and average place on the projector."""

import pytest
from django.utils import translation

from samrad.live import selectors
from samrad.live.models import Response
from tests.factories import ChoiceQuestionFactory, ParticipantFactory, put_on_screen
from tests.live.kind_helpers import answer, phone, refusal, stage_html

pytestmark = pytest.mark.django_db


def ranking(options=None):
    return put_on_screen(ChoiceQuestionFactory(kind="ranking", options=options))


def ids(question, *labels):
    by_label = {c.label: c.pk for c in question.choices.all()}
    return [by_label[label] for label in labels]


def test_the_order_is_stored_as_given():
    question = ranking()
    order = ids(question, "Smidighet", "Trygghet", "Kollektivitet")
    response = answer(question, choices=[str(pk) for pk in order])
    assert response.choices == order
    assert response.slot == 0


@pytest.mark.parametrize(
    "picked",
    [
        [],
        ["Trygghet", "Smidighet"],  # one left out
        ["Trygghet", "Trygghet", "Smidighet"],  # one twice, one left out
        ["Trygghet", "Kollektivitet", "Smidighet", "Trygghet"],  # one twice
    ],
)
def test_every_option_exactly_once(picked):
    question = ranking()
    refused = refusal(question, choices=ids(question, *picked))
    assert refused.code == "rank_all"
    assert refused.status == 422
    assert "every option" in refused.message


@pytest.mark.parametrize("bad", ["x", None, "999999"])
def test_an_unknown_option_is_refused(bad):
    question = ranking()
    order = [*ids(question, "Trygghet", "Kollektivitet"), bad]
    assert refusal(question, choices=order).code == "invalid_choice"


def test_an_option_of_another_question_is_refused():
    question = ranking()
    other = ChoiceQuestionFactory(session=question.session, kind="ranking")
    order = [*ids(question, "Trygghet", "Kollektivitet"), other.choices.first().pk]
    assert refusal(question, choices=order).code == "invalid_choice"


def test_a_new_order_replaces_the_old_one():
    question = ranking()
    participant = ParticipantFactory(session=question.session)
    answer(question, participant, choices=ids(question, "Trygghet", "Kollektivitet", "Smidighet"))
    answer(question, participant, choices=ids(question, "Smidighet", "Kollektivitet", "Trygghet"))
    stored = Response.objects.get(question=question)
    assert stored.choices == ids(question, "Smidighet", "Kollektivitet", "Trygghet")


def test_borda_count_and_average_place():
    question = ranking(["A", "B", "C", "D"])
    for order in [["A", "B", "C", "D"], ["B", "A", "D", "C"], ["A", "C", "B", "D"]]:
        answer(question, choices=ids(question, *order))
    results = selectors.question_results(question)
    assert results["respondents"] == 3
    assert results["options"] == 4
    rows = [(r["place"], r["label"], r["score"], r["average_rank"]) for r in results["rows"]]
    # A: 3+2+3, B: 2+3+1, C: 1+0+2, D: 0+1+0 points; places A 1,2,1 B 2,1,3 C 3,4,2 D 4,3,4.
    assert rows == [(1, "A", 8, 1.3), (2, "B", 6, 2.0), (3, "C", 3, 3.0), (4, "D", 1, 3.7)]
    assert [r["width"] for r in results["rows"]] == [100, 75, 38, 12]
    assert results["rows"][0]["percent"] == 89  # 8 of the 9 points first place could get


def test_results_without_answers_keep_the_options_order():
    results = selectors.question_results(ranking())
    assert results["respondents"] == 0
    assert [r["label"] for r in results["rows"]] == ["Trygghet", "Kollektivitet", "Smidighet"]
    assert {r["score"] for r in results["rows"]} == {0}
    assert {r["average_rank"] for r in results["rows"]} == {None}


def test_projector_lists_options_by_score_with_points_and_average_place():
    question = ranking(["A", "B", "C"])
    answer(question, choices=ids(question, "C", "A", "B"))
    answer(question, choices=ids(question, "C", "B", "A"))
    with translation.override("en"):
        html = stage_html(question)
    assert html.index("1. C") < html.index("2. ") < html.index("3. ")
    assert 'data-testid="ranking-score">4 points<' in html
    assert "average place 1" in html
    assert "First place gets 2 points" in html


def test_phone_list_has_move_buttons_named_after_each_option_and_a_fallback(client):
    question = ranking()
    post = phone(client, question)
    page = client.get(f"/j/{question.session.code}/").content.decode()
    for label in ["Trygghet", "Kollektivitet", "Smidighet"]:
        assert f'<span class="visually-hidden">Move up: {label}</span>' in page
        assert f'<span class="visually-hidden">Move down: {label}</span>' in page
    assert 'aria-live="polite" data-ranking-status' in page
    # Without JavaScript: a menu per place (hidden by CSS when JavaScript runs).
    assert 'class="ranking-fallback"' in page
    assert page.count(f'<select id="rank-{question.pk}-') == 3

    order = ids(question, "Smidighet", "Trygghet", "Kollektivitet")
    page = post({"choice": order})
    assert "Thank you" in page
    # The list comes back in the participant's order.
    assert page.index(">Smidighet<") < page.index(">Trygghet<") < page.index(">Kollektivitet<")

    page = post({"choice": order[:2]})
    assert 'role="alert"' in page and "every option" in page
    assert Response.objects.get(question=question).choices == order

"""Scale: one whole number in the question's range, replaced when changed, mean and median."""

import pytest
from django.utils import translation

from samrad.live import selectors
from samrad.live.models import Response
from tests.factories import ParticipantFactory, QuestionFactory, put_on_screen
from tests.live.kind_helpers import answer, phone, refusal, stage_html

pytestmark = pytest.mark.django_db


def scale(**fields):
    fields = {"scale_min": 1, "scale_max": 5, **fields}
    return put_on_screen(QuestionFactory(kind="scale", **fields))


@pytest.mark.parametrize("raw", ["1", " 5 ", "+3", 3, 3.0])
def test_a_value_in_range_is_stored_as_a_number(raw):
    question = scale()
    response = answer(question, value=raw)
    assert response.value == float(int(float(str(raw).strip())))
    assert response.slot == 0


@pytest.mark.parametrize("raw", [None, "", "0", "6", "-1", "3.5", 3.5, "tre", True, "٣"])
def test_anything_else_is_refused_with_the_range(raw):
    refused = refusal(scale(), value=raw)
    assert refused.code == "scale_value"
    assert refused.status == 422
    assert refused.message == "Please choose a value from 1 to 5."


def test_a_new_answer_replaces_the_old_one():
    question = scale(scale_max=10)
    participant = ParticipantFactory(session=question.session)
    answer(question, participant, value="9")
    answer(question, participant, value="2")
    assert list(Response.objects.filter(question=question).values_list("value", flat=True)) == [2.0]


def test_results_mean_median_and_distribution():
    question = scale(label_low="Inte alls", label_high="Helt")
    for value in [1, 2, 2, 5]:
        answer(question, value=value)
    results = selectors.question_results(question)
    assert results["respondents"] == 4
    assert results["mean"] == 2.5
    assert results["median"] == 2.0
    assert [(r["value"], r["count"], r["percent"]) for r in results["rows"]] == [
        (1, 1, 25),
        (2, 2, 50),
        (3, 0, 0),
        (4, 0, 0),
        (5, 1, 25),
    ]
    assert [r["width"] for r in results["rows"]] == [50, 100, 0, 0, 50]
    assert (results["label_low"], results["label_high"]) == ("Inte alls", "Helt")


def test_mean_has_one_decimal_and_the_median_can_fall_between():
    question = scale(scale_max=7)
    for value in [1, 2, 2, 7]:
        answer(question, value=value)
    results = selectors.question_results(question)
    assert results["mean"] == 3.0
    assert results["median"] == 2.0
    answer(question, value=4)
    answer(question, value=4)
    results = selectors.question_results(question)
    assert results["mean"] == 3.3  # 20 / 6
    assert results["median"] == 3.0


def test_results_without_answers():
    results = selectors.question_results(scale(scale_min=0, scale_max=10))
    assert results["respondents"] == 0
    assert results["mean"] is None and results["median"] is None
    assert [r["value"] for r in results["rows"]] == list(range(0, 11))
    assert {r["count"] for r in results["rows"]} == {0}


def test_projector_shows_the_numbers_as_text_in_the_dialogues_language():
    question = scale(label_low="Inte alls", label_high="Helt")
    for value in [1, 2, 2, 5]:
        answer(question, value=value)
    with translation.override("sv"):
        html = stage_html(question)
    assert 'data-testid="stat-mean">2,5<' in html
    assert 'data-testid="stat-median">2<' in html
    assert "Inte alls" in html and "Helt" in html
    assert html.count('data-testid="scale-count"') == 5
    assert '2 <span class="muted">(50 %)</span>' in html


def test_phone_form_is_a_fieldset_of_radios_with_the_ends_described(client):
    question = scale(scale_max=10, label_low="Inte alls", label_high="Helt")
    post = phone(client, question)
    page = client.get(f"/j/{question.session.code}/").content.decode()
    assert "<legend>Choose a value from 1 to 10</legend>" in page
    assert page.count('type="radio" name="value"') == 10
    assert f'aria-describedby="scale-low-{question.pk}"' in page
    assert f'id="scale-low-{question.pk}">1 = Inte alls<' in page
    assert f'id="scale-high-{question.pk}" class="scale-high">10 = Helt<' in page
    assert "--columns: 5" in page  # 1–10 wraps into two rows of five on a phone

    page = post({"value": "7"})
    assert 'value="7" class="visually-hidden" required checked' in page
    assert "Change my answer" in page
    page = post({"value": "11"})
    assert 'role="alert"' in page and "from 1 to 10" in page
    assert 'value="11"' not in page
    assert Response.objects.get(question=question).value == 7

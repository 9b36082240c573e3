"""Number: read as Nordic users type it, kept within the question's limits, summarised."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from samrad.live import selectors
from samrad.live.kinds.numeric import histogram, parse_number
from samrad.live.models import Response
from tests.factories import ParticipantFactory, QuestionFactory, put_on_screen
from tests.live.kind_helpers import answer, phone, refusal, stage_html

pytestmark = pytest.mark.django_db


def numeric(**fields):
    return put_on_screen(QuestionFactory(kind="numeric", **fields))


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("3,5", 3.5),
        ("3.5", 3.5),
        (" 12 ", 12.0),
        ("1 000", 1000.0),
        ("1\u00a0000,25", 1000.25),
        ("-4", -4.0),
        ("\u22124", -4.0),
        (",5", 0.5),
        ("7,", 7.0),
        (42, 42.0),
        (2.25, 2.25),
    ],
)
def test_numbers_as_people_type_them(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    "raw",
    [None, "", "tre", "3,5,1", "1.000,5", "1e5", "nan", "inf", "1_000", True, [], float("nan")],
)
def test_not_numbers(raw):
    assert parse_number(raw) is None


def test_a_number_is_stored_and_a_new_one_replaces_it():
    question = numeric()
    participant = ParticipantFactory(session=question.session)
    assert answer(question, participant, value="3,5").value == 3.5
    answer(question, participant, value="12")
    assert list(Response.objects.filter(question=question).values_list("value", flat=True)) == [
        12.0
    ]


def test_not_a_number_is_refused():
    refused = refusal(numeric(), value="många")
    assert refused.code == "not_a_number"
    assert refused.status == 422


@pytest.mark.parametrize(
    ("limits", "raw", "code", "message"),
    [
        ({"number_min": 0, "number_max": 120}, "121", "out_of_range", "from 0 to 120."),
        ({"number_min": 0, "number_max": 120}, "-1", "out_of_range", "from 0 to 120."),
        ({"number_min": 0.5}, "0,4", "too_small", "at least 0.5."),
        ({"number_max": 10}, "10,01", "too_large", "at most 10."),
    ],
)
def test_limits_are_refused_with_a_clear_message(limits, raw, code, message):
    refused = refusal(numeric(**limits), value=raw)
    assert refused.code == code
    assert refused.message.endswith(message)


def test_limits_in_the_message_are_written_in_the_readers_language():
    refused = refusal(numeric(number_min=0.5, number_max=2.5), value="3")
    with translation.override("sv"):
        assert "0,5" in refused.message and "2,5" in refused.message
    with translation.override("en"):
        assert "0.5" in refused.message and "2.5" in refused.message


def test_the_limits_themselves_are_allowed():
    question = numeric(number_min=0, number_max=120)
    assert answer(question, value="0").value == 0
    assert answer(question, value="120").value == 120


def test_results_count_mean_median_min_max_and_histogram():
    question = numeric()
    for value in [1, 2, 2, 3, 10]:
        answer(question, value=value)
    results = selectors.question_results(question)
    assert results["respondents"] == 5
    assert results["mean"] == 3.6
    assert results["median"] == 2
    assert (results["min"], results["max"]) == (1, 10)
    assert sum(b["count"] for b in results["bins"]) == 5
    assert len(results["bins"]) <= 8
    assert max(b["width"] for b in results["bins"]) == 100


def test_results_without_answers():
    results = selectors.question_results(numeric())
    assert results["respondents"] == 0
    assert results["mean"] is None and results["bins"] == []


def test_histogram_of_few_whole_numbers_has_one_bin_per_value():
    bins = histogram([1.0, 2.0, 2.0, 5.0])
    assert [(b["low"], b["high"], b["count"]) for b in bins] == [
        (1, 1, 1),
        (2, 2, 2),
        (3, 3, 0),
        (4, 4, 0),
        (5, 5, 1),
    ]


def test_histogram_of_whole_numbers_uses_round_inclusive_bins():
    bins = histogram([float(v) for v in [0, 3, 17, 25, 39, 40, 78]])
    assert [(b["low"], b["high"]) for b in bins] == [
        (0, 9),
        (10, 19),
        (20, 29),
        (30, 39),
        (40, 49),
        (50, 59),
        (60, 69),
        (70, 79),
    ]
    assert [b["count"] for b in bins] == [2, 1, 1, 1, 1, 0, 0, 1]
    assert {b["closed"] for b in bins} == {True}


def test_histogram_of_decimals_and_of_one_value():
    bins = histogram([0.1, 0.35, 0.5, 1.9])
    assert len(bins) <= 8
    assert bins[0]["low"] <= 0.1 and bins[-1]["high"] >= 1.9
    assert sum(b["count"] for b in bins) == 4
    widths = {round(b["high"] - b["low"], 9) for b in bins}
    assert len(widths) == 1 and widths.pop() in {0.25, 0.5}
    assert {b["closed"] for b in bins} == {False}  # low ≤ x < high
    assert histogram([2.5, 2.5]) == [{"low": 2.5, "high": 2.5, "closed": True, "count": 2}]
    assert histogram([]) == []


@pytest.mark.parametrize(
    "values",
    [[-5.0, 1000.0], [0.001, 0.002, 0.009], [1e9, 3e9], [-1.5, -0.5], [1.0, 1.0, 9.0]],
)
def test_histogram_always_covers_every_value_in_at_most_eight_bins(values):
    bins = histogram(values)
    assert 1 <= len(bins) <= 8
    assert sum(b["count"] for b in bins) == len(values)
    assert bins[0]["low"] <= min(values) and bins[-1]["high"] >= max(values)


def test_projector_shows_the_summary_and_bins_as_text():
    question = numeric()
    for value in ["2,5", "3", "4", "4"]:
        answer(question, value=value)
    with translation.override("sv"):
        html = stage_html(question)
    assert 'data-testid="stat-respondents">4<' in html
    assert 'data-testid="stat-mean">3,4<' in html
    assert 'data-testid="stat-median">3,5<' in html
    assert 'data-testid="stat-min">2,5<' in html
    assert 'data-testid="stat-max">4<' in html
    assert 'data-testid="bin-count"' in html
    # decimals: half-open bins, said in words, in the projector's (the dialogue's) language
    with translation.override("sv"):
        assert gettext("%(low)s to under %(high)s") % {"low": "2,5", "high": "2,75"} in html


def test_phone_form_takes_a_decimal_comma_and_gives_back_what_was_refused(client):
    question = numeric(number_min=0, number_max=120)
    post = phone(client, question)
    page = client.get(f"/j/{question.session.code}/").content.decode()
    assert 'inputmode="decimal"' in page
    assert "A number from 0 to 120." in page
    page = post({"value": "7,5"})
    assert "Thank you" in page
    assert Response.objects.get(question=question).value == 7.5
    page = post({"value": "130,5"})
    assert 'role="alert"' in page and "from 0 to 120" in page
    assert 'value="130,5"' in page  # what they typed is still there
    assert Response.objects.get(question=question).value == 7.5

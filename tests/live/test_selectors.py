"""Results as the presenter shows them."""

import pytest

from samrad.live import selectors, services
from samrad.live.kinds import Answer
from tests.factories import (
    ChoiceQuestionFactory,
    ParticipantFactory,
    QuestionFactory,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


def test_choice_results_count_and_percent():
    question = put_on_screen(ChoiceQuestionFactory(allow_other=True))
    a, b, _c = question.choices.all()
    for picked in [[a.pk], [a.pk], [b.pk]]:
        services.response_submit(
            question=question,
            participant=ParticipantFactory(session=question.session),
            answer=Answer(choices=picked),
        )
    services.response_submit(
        question=question,
        participant=ParticipantFactory(session=question.session),
        answer=Answer(text="Bad"),
    )
    results = selectors.question_results(question)
    assert results["respondents"] == 4
    rows = {row["label"]: row for row in results["rows"]}
    assert rows["Trygghet"]["count"] == 2 and rows["Trygghet"]["percent"] == 50
    assert rows["Kollektivitet"]["count"] == 1 and rows["Kollektivitet"]["percent"] == 25
    assert rows["Smidighet"]["count"] == 0
    assert rows[None]["count"] == 1
    assert results["others"] == ["Bad"]
    assert rows["Trygghet"]["width"] == 100


def test_wordcloud_results_group_inflections_in_the_dialogue_language():
    question = put_on_screen(QuestionFactory(kind="wordcloud"))
    for entry in ["Skola", "skolan", "park"]:
        services.response_submit(
            question=question,
            participant=ParticipantFactory(session=question.session),
            answer=Answer(words=entry),
        )
    results = selectors.question_results(question)
    assert results["entries"] == 3
    assert results["respondents"] == 3
    counts = {term["text"]: term["count"] for term in results["terms"]}
    assert counts == {"skola": 2, "park": 1}
    assert results["terms"][0]["size"] == 6


def test_open_results_count_by_kind_newest_first():
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    for text, kind in [("Varför?", "question"), ("Mer ljus", "suggestion"), ("Bra", "input")]:
        services.response_submit(
            question=question, participant=participant, answer=Answer(text=text, kind=kind)
        )
    results = selectors.question_results(question)
    assert {k["kind"]: k["count"] for k in results["by_kind"]} == {
        "question": 1,
        "input": 1,
        "suggestion": 1,
    }
    assert [item["text"] for item in results["latest"]] == ["Bra", "Mer ljus", "Varför?"]


def test_session_counts_joined_and_connected():
    question = QuestionFactory()
    first = ParticipantFactory(session=question.session, connections=1)
    ParticipantFactory(session=question.session)
    assert selectors.session_counts(first.session) == {"joined": 2, "connected": 1}


def test_session_by_code_rejects_malformed_codes():
    question = QuestionFactory()
    code = question.session.code
    assert selectors.session_by_code(f" {code[:3]} {code[3:]} ") == question.session
    for bad in ["", "12345", "abcdef", "1234567", None]:
        assert selectors.session_by_code(bad) is None


def test_wordcloud_results_keep_every_term_ties_in_order_of_first_appearance():
    question = put_on_screen(QuestionFactory(kind="wordcloud", max_entries=20))
    participant = ParticipantFactory(session=question.session)
    words = [f"zeta{i:02d}x" for i in range(60, 0, -1)] + ["zeta30x"]
    for index, word in enumerate(words):
        if index % 20 == 0:
            participant = ParticipantFactory(session=question.session)
        services.response_submit(
            question=question, participant=participant, answer=Answer(words=word)
        )
    terms = [term["text"] for term in selectors.question_results(question)["terms"]]
    assert len(terms) == 60  # not the first 40: the projector shows what fits, exports all
    assert terms[0] == "zeta30x"  # the only one given twice
    assert terms[1:4] == ["zeta60x", "zeta59x", "zeta58x"]  # first given first, not A–Z

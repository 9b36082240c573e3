"""Theme suggestions learnt in the background (issue 15.4): the board never waits for a
training, a coding is learnt while the facilitator goes on, and below the calibrated
threshold no suggestion is offered as the top one."""

from __future__ import annotations

import threading

import pytest
from django.urls import reverse

from samrad.insights import learning, selectors, services

WORDS = {
    "Trygghet": "mörkt otryggt belysning gata",
    "Kollektivtrafik": "buss tåg kollektivtrafik hållplats",
}


def _row(html: str, pk: int) -> str:
    row = html[html.index(f'id="input-{pk}"') :]
    return row[: row.index("</li>")]


@pytest.fixture
def background(settings, monkeypatch):
    """Background training, and a gate that holds every training until it is opened."""
    settings.SAMRAD_SUGGESTER_IN_BACKGROUND = True
    monkeypatch.setattr(learning, "FIRST_TRAINING_WAIT", 0.0)
    gate = threading.Event()
    fitted = []
    real_fit = learning.fit

    def held_fit(job):
        assert gate.wait(30), "the test never opened the gate"
        fitted.append(job.stamp)
        return real_fit(job)

    monkeypatch.setattr(learning, "fit", held_fit)
    yield gate, fitted
    gate.set()


def _coded_board(dialogue, make_input, theme):
    themes = {"Trygghet": theme}
    themes["Kollektivtrafik"] = services.theme_create(dialogue=dialogue, name="Kollektivtrafik")
    for n in range(3):
        for name, words in WORDS.items():
            services.input_code(input=make_input(f"{words} {n}"), theme=themes[name])
    return themes


def test_the_board_answers_while_the_first_suggester_is_learning(
    background, logged_in, make_input, dialogue, theme
):
    gate, _fitted = background
    _coded_board(dialogue, make_input, theme)
    sure = make_input("otryggt och mörkt, dålig belysning på gatan")
    board = reverse("insights:board", args=[dialogue.pk])

    response = logged_in.get(board)  # the training is held: the board must not wait for it
    assert response.status_code == 200
    assert "data-top-theme" not in _row(response.content.decode(), sure.pk)

    gate.set()
    assert learning.wait(dialogue.pk, 30)
    html = logged_in.get(board).content.decode()
    assert f'data-top-theme="{theme.pk}"' in _row(html, sure.pk)


def test_a_new_theme_is_learnt_while_coding_goes_on(
    background, logged_in, make_input, dialogue, theme
):
    gate, fitted = background
    gate.set()
    _coded_board(dialogue, make_input, theme)
    new = make_input("lärarna på skolan har för många elever i klassrummet")
    board = reverse("insights:board", args=[dialogue.pk])
    logged_in.get(board)
    assert learning.wait(dialogue.pk, 30) and len(fitted) == 1
    school = services.theme_create(dialogue=dialogue, name="Skola")
    gate.clear()
    for n in range(3):
        services.input_code(input=make_input(f"skola lärare elever klassrum {n}"), theme=school)

    html = logged_in.get(board).content.decode()  # served by the model it has, at once
    assert f'data-top-theme="{school.pk}"' not in _row(html, new.pk)

    gate.set()
    assert learning.wait(dialogue.pk, 30)
    html = logged_in.get(board).content.decode()
    assert f'data-top-theme="{school.pk}"' in _row(html, new.pk)
    assert len(fitted) == 2  # one training per change the board saw, none in the requests


def test_changes_during_a_training_are_learnt_once_with_the_newest_codings(monkeypatch):
    gate, fitted = threading.Event(), []

    def fake_fit(job):
        gate.wait(30)
        fitted.append(job.stamp)
        return f"model {job.stamp}"

    monkeypatch.setattr(learning, "fit", fake_fit)
    monkeypatch.setattr(learning, "FIRST_TRAINING_WAIT", 0.0)

    def job(stamp):
        return lambda: learning.Job(stamp, "sv", [], [], {})

    assert learning.model_for(7, (5,), job((5,)), background=True) is None
    for stamp in ((6,), (7,), (8,)):  # codings while the first training runs
        assert learning.model_for(7, stamp, job(stamp), background=True) is None
    gate.set()
    assert learning.wait(7, 30)
    assert fitted == [(5,), (8,)]
    assert learning.model_for(7, (8,), job((8,)), background=True) == "model (8,)"


def test_below_the_calibrated_threshold_nothing_is_the_top_suggestion(theme):
    below = selectors.TOP_SUGGESTION_MIN - 0.001
    assert selectors.top_suggestion([(theme, below)]) is None
    assert selectors.top_suggestion([(theme, selectors.TOP_SUGGESTION_MIN)]) == theme
    assert selectors.top_suggestion([]) is None


def test_coding_on_the_board_starts_learning_at_once(
    background, logged_in, make_input, dialogue, theme
):
    gate, fitted = background
    gate.set()
    themes = _coded_board(dialogue, make_input, theme)
    make_input("lärarna på skolan har för många elever i klassrummet")
    logged_in.get(reverse("insights:board", args=[dialogue.pk]))
    assert learning.wait(dialogue.pk, 30) and len(fitted) == 1
    item = make_input("bussen kommer aldrig i tid")

    response = logged_in.post(
        reverse("insights:input_code", args=[item.pk]),
        {"theme": themes["Kollektivtrafik"].pk, "on": "1"},
    )
    assert response.status_code == 200
    assert learning.wait(dialogue.pk, 30)
    assert fitted[-1] == selectors._codes_stamp(dialogue)  # the new coding is learnt

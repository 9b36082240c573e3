"""Quiz and speaker notes in a real browser (issue 12, items 11 and 13): the facilitator turns
on the leaderboard, adds a quiz question with one correct option and speaker notes; three
phones choose nicknames and answer; the control page alone shows the notes; closing
answering reveals the correct option on the projector and right/wrong, points and rank on
each phone; the leaderboard goes on the projector. axe-core on the phone and the projector;
the projector fits 1920×1080 and 1280×720 with the results and with the leaderboard.
"""

import json
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible
from tests.browser.test_projector_fits import command, screenshot, vertical_overflow

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms, as in test_live_flow
PROMPT = "Vilken är Sveriges huvudstad?"
NOTES = "TALARANTECKNING: berätta om 1634 först"
NICKNAMES = ["Ada", "Bo", "Cia"]
SIZES = ({"width": 1920, "height": 1080}, {"width": 1280, "height": 720})


def on_projector(text: str) -> str:
    """The projector speaks the dialogue's language (Swedish), through the server's catalogue."""
    with translation.override("sv"):
        return translation.gettext(text)


def no_vertical_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")


def post(control, path: str, **data) -> None:
    page = control.page
    csrf = next(
        c["value"] for c in page.context.cookies(control.server.url) if c["name"] == "csrftoken"
    )
    response = page.request.post(
        control.server(path),
        form={"csrfmiddlewaretoken": csrf, **data},
        headers={"X-CSRFToken": csrf},
        max_redirects=0,
    )
    assert response.status in (200, 302), f"{path} answered {response.status}"


def set_leaderboard(page, session_page: str, on: bool) -> None:
    """The session settings' checkbox, as the facilitator sets it."""
    page.goto(session_page)
    page.locator("details.settings summary").click()
    box = page.locator("#id_leaderboard")
    box.check() if on else box.uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save settings").click()


def test_quiz_with_leaderboard_and_speaker_notes(
    facilitator, phone, new_context, server, login_state
):
    control = facilitator
    page = control.page
    session_page = server(f"/sessions/{server.session_id}/")
    set_leaderboard(page, session_page, True)
    page.goto(session_page)
    page.select_option("#id_kind", "quiz")
    page.fill("#id_prompt", PROMPT)
    page.fill("#id_choices", "Malmö\n* Stockholm\nGöteborg")
    page.fill("#id_speaker_notes", NOTES)
    with page.expect_navigation():
        page.locator("[data-question-form] button[type=submit]").click()
    control._question_ids = None
    quiz_index = len(control.question_ids) - 1
    quiz_id = control.question_ids[quiz_index]
    try:
        projector = new_context(support.PROJECTOR, storage_state=login_state).new_page()
        projector.goto(server.presenter_url)
        phones = [phone() for _ in range(3)]
        control.go_to(quiz_index)
        expect(projector.locator(".stage-question")).to_have_text(PROMPT, timeout=REALTIME)
        for each, nickname in zip(phones, NICKNAMES, strict=True):
            expect(each.locator("#question-heading")).to_have_text(PROMPT, timeout=REALTIME)
            each.fill("#nickname", nickname)
            each.get_by_role("button", name="Save nickname").click()
            expect(each.locator(".quiz-nickname .ack")).to_contain_text("Nickname saved")
            expect(each.locator("#nickname")).to_have_value(nickname)
        assert_accessible(phones[0], "a phone answering a quiz with a nickname field")

        # The facilitator alone sees the notes.
        control.open()
        expect(page.get_by_test_id("speaker-notes")).to_contain_text(NOTES)
        for screen in [projector, *phones]:
            assert "TALARANTECKNING" not in screen.content()

        # Two right answers (the first quicker), one wrong.
        for each, label in zip(phones, ["Stockholm", "Stockholm", "Malmö"], strict=True):
            each.locator(".option", has_text=label).click()
            each.get_by_role("button", name="Send", exact=True).click()
            expect(each.locator("p.ack", has_text="answer was received")).to_be_visible()
        expect(projector.locator("[data-testid=responses]")).to_contain_text("3", timeout=REALTIME)
        # While answering is open nothing gives the right answer away.
        expect(projector.locator(".bar-row")).to_have_count(3)
        expect(projector.locator(".bar-row.correct")).to_have_count(0)
        assert_accessible(projector, "the projector with a quiz open")

        control.command("stop")
        expect(projector.locator(".bar-row.correct")).to_have_count(1, timeout=REALTIME)
        expect(projector.locator(".bar-row.correct .bar-label")).to_contain_text("Stockholm")
        expect(projector.get_by_test_id("quiz-summary")).to_contain_text("2")
        for each, right in zip(phones, [True, True, False], strict=True):
            verdict = each.locator(".quiz-verdict")
            expect(verdict).to_have_attribute("data-correct", str(right).lower(), timeout=REALTIME)
            points = each.get_by_test_id("quiz-points")
            if right:
                expect(points).to_have_text(re.compile(r"^\s*(\d[\d ,.\u00a0]*) points\s*$"))
            else:
                expect(points).to_have_text(re.compile(r"^\s*0 points\s*$"))
            expect(each.get_by_test_id("quiz-rank")).to_contain_text("of 3")
        expect(phones[2].get_by_test_id("quiz-rank")).to_contain_text("You are number 3 of 3")
        screenshot(phones[0], "phone-quiz-right")
        screenshot(projector, "presenter-quiz-revealed")
        assert_accessible(phones[0], "a phone told it was right, with points and rank")
        assert_accessible(phones[2], "a phone told it was wrong")
        assert_accessible(projector, "the projector with the correct option marked")
        for size in SIZES:
            projector.set_viewport_size(size)
            assert no_vertical_overflow(projector), f"the quiz results overflow at {size}"

        # The leaderboard on the projector: nicknames, the wrong answer last with 0 points.
        projector.set_viewport_size(SIZES[0])
        control.command("leaderboard_show")
        board = projector.get_by_test_id("leaderboard")
        expect(board).to_be_visible(timeout=REALTIME)
        rows = board.locator(".leaderboard-row")
        expect(rows).to_have_count(3)
        expect(rows.nth(0).locator(".leaderboard-name")).to_have_text(re.compile("^(Ada|Bo)$"))
        expect(rows.nth(2).locator(".leaderboard-name")).to_have_text("Cia")
        expect(rows.nth(2).locator(".leaderboard-points")).to_contain_text("0")
        expect(projector.locator(".stage-question")).to_have_text(on_projector("Leaderboard"))
        screenshot(projector, "presenter-quiz-leaderboard")
        assert_accessible(projector, "the projector showing the leaderboard")
        for size in SIZES:
            projector.set_viewport_size(size)
            assert no_vertical_overflow(projector), f"the leaderboard overflows at {size}"
        # Moving on takes the question's place back.
        control.go_to(support.WORDCLOUD)
        expect(board).to_have_count(0, timeout=REALTIME)
    finally:
        post(control, f"/sessions/{server.session_id}/questions/{quiz_id}/delete/")
        control._question_ids = None
        set_leaderboard(page, session_page, False)


# A second session in the demo dialogue: 40 phones with long nicknames answered a quiz with
# long options (typed in through the services, as test_projector_fits builds its session).
BUILD = """
from samrad.live import quiz, services
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession
demo = LiveSession.objects.get(pk={demo})
s = services.session_create(dialogue=demo.dialogue, title="Frågesport för skolan")
s.leaderboard = True
s.save()
q = services.question_add(
    session=s, kind="quiz",
    prompt="Vilket år fick Storby sin första järnvägsstation, enligt kommunens egen historik?",
    choices=["Året då den stora branden drog fram över hela hamnkvarteret",
             "Året efter att kommunfullmäktige beslutat om den nya stadsplanen",
             "Samma år som det första badhuset invigdes vid ån",
             "Långt innan någon i kommunen ens hade hört talas om tåg"],
    correct=[1])
services.session_open(session=s)
options = list(q.choices.all())
for i in range(40):
    p = services.participant_join(session=s)
    quiz.nickname_set(participant=p, nickname=f"Lag {{i:02d}} Wolfeschlegelsteinhause")
    services.response_submit(question=q, participant=p,
                             answer=Answer(choices=[options[i % 4].pk]))
services.question_set_accepting(question=q, accepting=False)
print(json.dumps({{"code": s.code, "id": s.pk}}))
"""


@pytest.fixture(scope="module")
def full_quiz(server):
    output = support._manage(
        server.env, "shell", "-c", "import json\n" + BUILD.format(demo=server.session_id)
    )
    return json.loads(output.strip().splitlines()[-1])


def test_a_full_quiz_and_its_top_ten_fit_the_projector(full_quiz, new_context, login_state, server):
    facilitator = new_context(support.DESKTOP, storage_state=login_state).new_page()
    facilitator.goto(server(f"/sessions/{full_quiz['id']}/control/"))  # the CSRF cookie
    presenter = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    presenter.goto(server(f"/present/{full_quiz['code']}/"))
    try:
        expect(presenter.locator(".bar-row.correct")).to_have_count(1)
        for size in SIZES:
            support.resize_projector(presenter, size)
            assert vertical_overflow(presenter) == 0, f"the quiz results overflow at {size}"
        command(facilitator, server, full_quiz["id"], "leaderboard_show")
        rows = presenter.get_by_test_id("leaderboard").locator(".leaderboard-row")
        expect(rows).to_have_count(10)  # the top 10 of 40
        for size in SIZES:
            support.resize_projector(presenter, size)
            assert vertical_overflow(presenter) == 0, f"the top 10 overflows at {size}"
            screenshot(presenter, f"presenter-quiz-top10-{size['width']}")
        assert_accessible(presenter, "the projector showing a full leaderboard")
    finally:
        command(facilitator, server, full_quiz["id"], "close")

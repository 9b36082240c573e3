"""Ready-made meeting polls with results split by age, self-paced sessions and paper forms, in
a real browser.

Each test builds its own session through the facilitator's pages (dialogue page → "New live
session"), so that it changes nothing the other tests use and runs in any order. The phones
and the facilitator's pages speak English (the browser's language); the projector speaks the
dialogue's (Swedish), so its words are checked through the same catalogue the server uses.
"""

import dataclasses
import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

REALTIME = 5_000  # ms
AGE_PROMPT = "Hur gammal är du?"  # samrad/live/polls.py, in the demo dialogue's Swedish
SATISFACTION_PROMPT = "Hur nöjd är du med mötet som helhet?"


@pytest.fixture(scope="module", autouse=True)
def _axe_available():
    if not support.AXE_JS.exists():
        pytest.fail(f"{support.AXE_JS} is missing: run `make test-deps` (npm ci)")


@pytest.fixture
def facilitator_page(new_context, login_state):
    return new_context(support.DESKTOP, storage_state=login_state).new_page()


# --- Building a session through the pages ------------------------------------------------------


def new_session(page, server: support.Server, title: str) -> support.Server:
    """Create a session in the demo dialogue; the Server returned points at it (code, id)."""
    page.goto(server("/dialogues/"))
    page.locator(".card h2 a").first.click()
    page.get_by_role("link", name="New live session").click()
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Create session").click()
    expect(page).to_have_url(re.compile(r"/sessions/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    session_id = int(re.search(r"/sessions/(\d+)/$", page.url).group(1))
    code = page.locator("strong.code").inner_text()
    return dataclasses.replace(server, code=code, session_id=session_id, process=None)


def add_question(page, kind: str, prompt: str, options: list[str] = (), other=False) -> None:
    """Fill "Add a question" on the session edit page (already open)."""
    form = page.locator("form[data-question-form]")
    form.get_by_label("Type").select_option(label=kind)
    form.get_by_label("Question", exact=True).fill(prompt)
    if options:
        form.get_by_label("Options (one per line)").fill("\n".join(options))
    if other:
        form.get_by_label("Add 'Other' with free text").check()
    form.get_by_role("button", name="Add question").click()
    expect(page.locator(".messages")).to_contain_text("Question added.")
    expect(page.locator(".question-list")).to_contain_text(prompt)


def add_poll(page, button: str, first_prompt: str) -> None:
    page.get_by_role("button", name=re.compile(rf"^{re.escape(button)}")).click()
    expect(page.locator(".messages")).to_contain_text("4 questions added.")
    expect(page.locator(".question-list")).to_contain_text(first_prompt)


# --- Phones ----------------------------------------------------------------------------------


def heading(page):
    return page.locator("#question-heading")


def choose(page, label: str, button: str = "Send") -> None:
    page.locator(".option", has_text=label).click()
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".ack")).to_be_focused()


# --- 1. Meeting polls, results split by age ----------------------------------------------------

CHOICE_PROMPT = "Vad ska byggas först i parken?"
SKATEPARK, BOULE, SCEN = "Skatepark", "Boulebana", "Utomhusscen"


def group(presenter, label: str):
    return presenter.get_by_role("region", name=label, exact=True)


def group_count(presenter, label: str, option: str):
    row = (
        group(presenter, label)
        .locator(".bar-row")
        .filter(has=presenter.locator(".bar-label", has_text=re.compile(rf"^{option}$")))
    )
    return row.get_by_test_id("choice-count")


def test_meeting_polls_split_results_by_age_hiding_small_groups(
    facilitator_page, new_context, login_state, server
):
    page = facilitator_page
    session = new_session(page, server, "Parkmöte med åldersfördelning")
    add_question(page, "Multiple choice", CHOICE_PROMPT, [SKATEPARK, BOULE, SCEN])
    add_poll(page, "Add composition poll", AGE_PROMPT)
    add_poll(page, "Add meeting evaluation", SATISFACTION_PROMPT)
    questions = page.locator(".question-list > li")
    expect(questions).to_have_count(9)
    expect(questions.nth(1)).to_contain_text(AGE_PROMPT)
    expect(questions.nth(1)).to_contain_text("18–29, 30–44, 45–64, 65–79")
    expect(questions.nth(5)).to_contain_text(SATISFACTION_PROMPT)

    control = support.Control(page, session)
    control.open()
    control.click("Open session")
    # Six phones: five aged 18–29, one 65–79 (a group too small to be shown on its own).
    ages = ["18–29"] * 5 + ["65–79"]
    picks = [SKATEPARK, SKATEPARK, SKATEPARK, BOULE, SCEN, BOULE]
    phones = []
    for _ in ages:
        phone = new_context(support.PHONE).new_page()
        support.join(phone, session)
        phones.append(phone)
    for phone, pick in zip(phones, picks, strict=True):
        expect(heading(phone)).to_have_text(CHOICE_PROMPT)
        choose(phone, pick)

    control.go_to(control.index_of(AGE_PROMPT))
    for phone, age in zip(phones, ages, strict=True):
        expect(heading(phone)).to_have_text(AGE_PROMPT, timeout=REALTIME)
        choose(phone, age)

    control.go_to(control.index_of(CHOICE_PROMPT))
    presenter = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    presenter.goto(session.presenter_url)
    expect(presenter.locator(".stage-question")).to_have_text(CHOICE_PROMPT)
    expect(presenter.locator(".breakdown")).to_have_count(0)

    # The facilitator splits by age; the projector follows by itself.
    control.open()
    split = page.get_by_label("Split results by")
    split.select_option(label=AGE_PROMPT)
    with page.expect_navigation():
        page.get_by_role("button", name="Apply", exact=True).click()
    expect(page.get_by_label("Split results by")).to_have_value(
        str(control.question_ids[control.index_of(AGE_PROMPT)])
    )
    expect(presenter.locator(".breakdown-title")).to_contain_text(AGE_PROMPT, timeout=REALTIME)

    young = group(presenter, "18–29")
    expect(young.get_by_role("heading", level=3)).to_contain_text("(5 ")
    expect(group_count(presenter, "18–29", SKATEPARK)).to_have_text(re.compile(r"^3 \(60 %\)"))
    expect(group_count(presenter, "18–29", BOULE)).to_have_text(re.compile(r"^1 \(20 %\)"))
    expect(group_count(presenter, "18–29", SCEN)).to_have_text(re.compile(r"^1 \(20 %\)"))

    # One answer in 65–79: neither its size nor its answers are shown; the groups too small
    # to show collapse into one line instead of a panel each.
    hidden = presenter.get_by_test_id("hidden-groups")
    expect(hidden).to_contain_text("65–79")
    expect(hidden).to_contain_text("30–44")
    expect(hidden).not_to_contain_text("18–29")
    expect(group(presenter, "65–79")).to_have_count(0)
    expect(presenter.locator(".breakdown-group .bar-row")).to_have_count(3)
    # A group is a third of the projector: every label is whole, beside its bar, not under
    # it, and the split fits the screen.
    covered = presenter.evaluate(
        """() => [...document.querySelectorAll('.breakdown-group .bar-row')].filter(row => {
            const label = row.querySelector('.bar-label');
            const track = row.querySelector('.bar-track').getBoundingClientRect();
            return label.getBoundingClientRect().right > track.left
                || label.scrollWidth > label.clientWidth
                || label.getBoundingClientRect().height > 1.5 * track.height;
        }).map(row => row.querySelector('.bar-label').textContent)"""
    )
    assert covered == [], f"bar labels squeezed or covered on the projector: {covered}"
    bottom = presenter.locator(".breakdown").evaluate("e => e.getBoundingClientRect().bottom")
    assert bottom <= support.PROJECTOR["viewport"]["height"]
    assert_accessible(presenter, "the presenter with results split by age")

    # The control page's preview shows the same split.
    expect(page.locator("#stage .breakdown-title")).to_contain_text(AGE_PROMPT)
    assert_accessible(page, "the control page with results split by age")

    # "No split" brings the plain results back on the projector.
    page.get_by_label("Split results by").select_option(value="")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply", exact=True).click()
    expect(presenter.locator(".breakdown")).to_have_count(0, timeout=REALTIME)
    expect(presenter.locator(".bars .bar-row")).to_have_count(3)


# --- 2. Self-paced ---------------------------------------------------------------------------

PARK_PROMPT = "Vilken park besöker du oftast?"
WORD_PROMPT = "Ett ord om parkerna?"
IDEA_PROMPT = "Vad saknar du i parkerna?"


def test_self_paced_phone_steps_through_the_questions(facilitator_page, new_context, server):
    page = facilitator_page
    session = new_session(page, server, "Parkenkät i egen takt")
    add_question(page, "Multiple choice", PARK_PROMPT, ["Stadsparken", "Strandparken"])
    add_question(page, "Word cloud", WORD_PROMPT)
    add_question(page, "Open input", IDEA_PROMPT)

    page.get_by_text("Session settings").click()
    page.get_by_label("Mode").select_option(value="self_paced")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".messages")).to_contain_text("Session saved.")
    expect(page.locator("main")).to_contain_text("Self-paced")
    control = support.Control(page, session)
    control.click("Open session")  # opening is all: nobody moves the session after this

    phone = new_context(support.PHONE).new_page()
    support.join(phone, session)
    steps = phone.locator(".steps")
    expect(heading(phone)).to_have_text(PARK_PROMPT)
    expect(steps).to_have_text("Question 1 of 3")
    expect(phone.get_by_role("link", name="← Previous question")).to_have_count(0)
    choose(phone, "Strandparken")
    expect(heading(phone)).to_have_text(PARK_PROMPT)  # stays on the question just answered

    nxt = phone.get_by_role("link", name="Next question →")
    nxt.click()
    expect(heading(phone)).to_have_text(WORD_PROMPT)
    expect(heading(phone)).to_be_focused()
    expect(steps).to_have_text("Question 2 of 3")
    assert_accessible(phone, "the self-paced phone, question 2 of 3")

    # Back: the answer given is still there.
    phone.get_by_role("link", name="← Previous question").click()
    expect(heading(phone)).to_have_text(PARK_PROMPT)
    expect(heading(phone)).to_be_focused()
    expect(phone.get_by_role("radio", name="Strandparken")).to_be_checked()
    expect(phone.get_by_role("button", name="Change my answer")).to_be_visible()

    nxt.click()
    expect(heading(phone)).to_have_text(WORD_PROMPT)
    phone.get_by_label(re.compile(r"^Your answer")).fill("lugn")
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator(".ack")).to_be_focused()
    expect(phone.locator(".sent")).to_contain_text("lugn")
    expect(steps).to_have_text("Question 2 of 3")

    nxt.click()
    expect(heading(phone)).to_have_text(IDEA_PROMPT)
    expect(steps).to_have_text("Question 3 of 3")
    expect(phone.get_by_role("link", name="Next question →")).to_have_count(0)
    thanks = phone.get_by_text("That was the last question. Thank you!")
    expect(thanks).to_have_count(0)  # not before the last answer is in
    phone.get_by_role("radio", name="Suggestion", exact=True).check()
    phone.get_by_label("Your text").fill("Fler bänkar i skuggan")
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator(".ack")).to_be_focused()
    expect(thanks).to_be_visible()
    assert_accessible(phone, "the self-paced phone after the last question")

    # A reload starts at the first question not yet answered; all are, so the first.
    phone.reload()
    expect(heading(phone)).to_have_text(PARK_PROMPT)
    expect(steps).to_have_text("Question 1 of 3")

    # The session never moved: the projector is still on its first question, with the answers.
    control.open()
    current = page.locator(".question-list li[aria-current=step]")
    expect(current).to_contain_text(PARK_PROMPT)


# --- 3. Paper forms and interviews -------------------------------------------------------------

PAPER_CHOICE = "Hur tog du dig hit i dag?"
PAPER_WORDS = "Vilket ord beskriver centrum?"
PAPER_OPEN = "Vad vill du säga till kommunen?"


def section(page, prompt: str):
    return page.locator("section.entry-question", has_text=prompt)


def test_paper_forms_are_entered_and_counted(facilitator_page, new_context, login_state, server):
    page = facilitator_page
    session = new_session(page, server, "Pappersenkäter från biblioteket")
    add_question(page, "Multiple choice", PAPER_CHOICE, ["Buss", "Cykel", "Bil"], other=True)
    add_question(page, "Word cloud", PAPER_WORDS)
    add_question(page, "Open input", PAPER_OPEN)

    page.get_by_role("link", name="Enter paper forms and interviews").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paper forms and interviews")
    expect(page.locator("table")).to_contain_text("Nothing entered yet.")
    assert_accessible(page, "the paper entry list (empty)")

    # A new form is nobody yet: it becomes a respondent when something on it is saved.
    page.get_by_role("button", name="New paper form").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New paper form")
    for prompt in (PAPER_CHOICE, PAPER_WORDS, PAPER_OPEN):
        expect(section(page, prompt).locator("form.answer-form")).to_be_visible()
    # One save for the whole form, no button per question.
    expect(page.get_by_role("button", name="Send", exact=True)).to_have_count(0)
    assert_accessible(page, "the paper entry form")

    # Everything typed, then "Save and next form": nothing is lost on the way.
    choice = section(page, PAPER_CHOICE)
    choice.locator(".option", has_text="Cykel").click()
    section(page, PAPER_WORDS).get_by_label(re.compile(r"^Your answer")).fill("levande")
    text = section(page, PAPER_OPEN)
    text.get_by_role("radio", name="Input", exact=True).check()
    text.get_by_label("Your text").fill("Öppna biblioteket på söndagar")

    # Leaving with something typed warns first, and stays.
    url = page.url
    page.get_by_role("link", name="Done").click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("not saved")
    expect(warning).to_be_focused()
    assert page.url == url
    assert_accessible(page, "the paper entry form warning of unsaved answers")

    with page.expect_navigation():
        page.get_by_role("button", name="Save and next form").click()
    expect(page.locator(".messages")).to_contain_text("Saved: 3 answers")
    expect(page.get_by_role("heading", level=1)).to_have_text("New paper form")
    second = section(page, PAPER_CHOICE)
    expect(second.get_by_role("radio", name="Cykel")).not_to_be_checked()

    # A refused entry (four words where three are allowed): nothing of the form is saved,
    # and everything typed comes back to correct.
    second.locator(".option", has_text="Buss").click()
    second.get_by_label("Other:").fill("Färdtjänst")
    expect(second.get_by_role("radio", name="Buss")).not_to_be_checked()
    words = section(page, PAPER_WORDS)
    words.get_by_label(re.compile(r"^Your answer")).fill("levande men lite stökigt")
    with page.expect_navigation():
        page.get_by_role("button", name="Save form", exact=True).click()
    words = section(page, PAPER_WORDS)
    expect(words.get_by_role("alert")).to_be_visible()
    entry = words.get_by_label(re.compile(r"^Your answer"))
    expect(entry).to_have_value("levande men lite stökigt")
    expect(section(page, PAPER_CHOICE).get_by_label("Other:")).to_have_value("Färdtjänst")
    entry.fill("stökigt")
    with page.expect_navigation():
        page.get_by_role("button", name="Save form", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved: 2 answers")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Paper form #\d+$"))
    second_url = page.url
    words = section(page, PAPER_WORDS)
    expect(words.locator(".sent")).to_have_text("stökigt")
    # "You sent" sits under the question's <h2>, not beside it.
    expect(words.get_by_role("heading", level=3, name="You sent")).to_be_visible()
    expect(section(page, PAPER_CHOICE).get_by_label("Other:")).to_have_value("Färdtjänst")
    expect(page.locator("section.entry-question")).to_have_count(3)
    expect(page.locator("section.entry-question section")).to_have_count(0)
    assert_accessible(page, "the paper entry form with answers saved")

    # An empty form saved is not a respondent.
    with page.expect_navigation():
        page.get_by_role("button", name="Save and next form").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Save form", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Nothing entered")

    page.get_by_role("link", name="Done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paper forms and interviews")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    second_id = re.search(r"/entry/(\d+)/$", second_url).group(1)
    expect(rows.filter(has_text=f"#{second_id}")).to_contain_text("Paper form")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("2")  # the newest first
    expect(rows.nth(1).locator("td").nth(2)).to_have_text("3")
    assert_accessible(page, "the paper entry list")

    # The projector counts the paper answers with everyone's.
    control = support.Control(page, session)
    control.click("Open session")
    presenter = new_context(support.PROJECTOR, storage_state=login_state).new_page()
    presenter.goto(session.presenter_url)
    expect(presenter.locator(".stage-question")).to_have_text(PAPER_CHOICE)
    cykel = presenter.locator(".bar-row", has_text="Cykel").get_by_test_id("choice-count")
    expect(cykel).to_have_text(re.compile(r"^1 \(50 %\)"))
    other = presenter.locator(".bar-row").last.get_by_test_id("choice-count")
    expect(other).to_have_text(re.compile(r"^1 \(50 %\)"))
    expect(presenter.locator(".others")).to_contain_text("Färdtjänst")
    control.go_to(control.index_of(PAPER_WORDS))
    expect(presenter.locator(".cloud li", has_text="levande")).to_have_attribute(
        "data-count", "1", timeout=REALTIME
    )
    control.go_to(control.index_of(PAPER_OPEN))
    expect(presenter.locator(".inputs li", has_text="Öppna biblioteket på söndagar")).to_be_visible(
        timeout=REALTIME
    )

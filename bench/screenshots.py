"""Take the screenshots in docs/screenshots/ from a live demo session.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots] [--locale sv-SE]

Starts the server the way the browser tests do (fresh SQLite database in a temporary
directory, `manage.py demo`, uvicorn subprocess), fills the demo session with answers from a
handful of phones and saves:

    phone-join.png, phone-wordcloud.png, phone-choice.png, phone-open.png     (390x844)
    presenter-wordcloud.png, presenter-choice.png, presenter-open.png        (1920x1080)
    phone-{scale,ranking,numeric,points}.png                                 (390x844)
    presenter-{scale,ranking,numeric,points}.png                             (1920x1080)
    control.png                                                              (1440x900)

Needs Debian's chromium (/usr/bin/chromium, or SAMRAD_CHROMIUM) and the test extras.
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser import support  # noqa: E402
from tests.browser.support import (  # noqa: E402
    CHOICE,
    NUMERIC_PROMPT,
    OPEN,
    POINTS_PROMPT,
    RANKING_PROMPT,
    SCALE_PROMPT,
    WORDCLOUD,
)

WORDS = [
    ["trygg", "grön", "skola"],
    ["skolan", "lugn"],
    ["park", "gemenskap", "grön"],
    ["hemma", "parken"],
    ["natur", "lugn", "trygg"],
    ["skola", "pendling"],
    ["grönska", "föreningsliv"],
    ["trygg", "naturen"],
]
CHOICES = ["Trygghet", "Trygghet", "Smidighet", "Kollektivitet", "Trygghet", None, "Kollektivitet"]
OTHER = "Bättre cykelvägar"
INPUTS = [
    ("Förslag", "Fler parkbänkar och bättre belysning vid torget"),
    ("Fråga", "När öppnar biblioteket i Norrby igen?"),
    ("Inspel", "Bussen 14 går för sällan på kvällarna, särskilt efter klockan 21."),
    ("Förslag", "En fritidsgård i centrum för de yngre tonåringarna"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--locale", default="sv-SE")
    args = parser.parse_args()
    if missing := support.chromium_missing():
        sys.exit(missing)
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="samrad-shots-") as tmp:
        server = support.start_server(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = support.launch_chromium(playwright)
                try:
                    shoot(browser, server, args.out, args.locale)
                finally:
                    browser.close()
        finally:
            server.stop()
    for path in sorted(args.out.glob("*.png")):
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
            f"  {path.stat().st_size // 1024} KiB"
        )


def shoot(browser, server, out: Path, locale: str) -> None:
    def context(kind, **extra):
        ctx = browser.new_context(**{**kind, "locale": locale, "device_scale_factor": 1, **extra})
        ctx.set_default_timeout(10_000)
        return ctx

    def save(page, name):
        page.wait_for_timeout(300)  # let transitions (the bars) settle
        page.screenshot(path=out / f"{name}.png", full_page=False)

    desk = context(support.DESKTOP).new_page()
    support.log_in(desk, server)
    control = support.Control(desk, server)
    control.fresh_start(WORDCLOUD)
    presenter = context(support.PROJECTOR, storage_state=desk.context.storage_state()).new_page()
    presenter.goto(server.presenter_url)

    # The phone in the pictures, and a few more in the room.
    phone = context(support.PHONE).new_page()
    phone.goto(server("/join/"))
    phone.fill("#code", server.code)
    phone.locator("#code").blur()
    save(phone, "phone-join")
    with phone.expect_navigation():
        phone.locator("form.stack button[type=submit]").click()
    room = []
    for _ in WORDS:
        page = context(support.PHONE).new_page()
        support.join(page, server)
        room.append(page)

    # Word cloud.
    send_words(phone, "Trygg")
    phone.locator("input[name=words]").fill("nära")
    phone.locator("input[name=words]").blur()
    save(phone, "phone-wordcloud")
    for page, words in zip(room, WORDS, strict=True):
        for entry in words:
            send_words(page, entry)
    entries = 1 + sum(len(words) for words in WORDS)
    expect(presenter.get_by_test_id("responses")).to_have_text(re.compile(rf"^{entries}\b"))
    save(presenter, "presenter-wordcloud")

    # Multiple choice.
    control.go_to(CHOICE)
    expect(phone.locator("#question-heading")).to_contain_text("viktigast")
    phone.locator(".option").first.click()
    save(phone, "phone-choice")
    for page, label in zip(room, CHOICES, strict=False):
        expect(page.locator("#question-heading")).to_contain_text("viktigast")
        if label:
            page.locator(".option", has_text=label).click()
        else:
            page.locator("input[name=other]").fill(OTHER)
        page.locator("form.answer-form button[type=submit]").click()
        expect(page.locator(".ack")).to_be_visible()
    expect(presenter.get_by_test_id("responses")).to_have_text(re.compile(rf"^{len(CHOICES)}\b"))
    save(presenter, "presenter-choice")
    control.open()
    save(desk, "control")

    # Open input.
    control.go_to(OPEN)
    expect(phone.locator("#question-heading")).to_contain_text("förslag")
    for page, (kind, text) in zip(room, INPUTS, strict=False):
        expect(page.locator("#question-heading")).to_contain_text("förslag")
        page.locator(".option", has_text=kind).click()
        page.locator("textarea[name=text]").fill(text)
        page.locator("form.answer-form button[type=submit]").click()
        expect(page.locator(".sent")).to_contain_text(text)
    phone.locator(".option", has_text="Förslag").click()
    phone.locator("textarea[name=text]").fill("Gör om parkeringen vid stationen till en park")
    save(phone, "phone-open")
    expect(presenter.locator(".inputs li")).to_have_count(len(INPUTS))
    save(presenter, "presenter-open")

    shoot_more_kinds(control, phone, room, presenter, save)


SCALE = [8, 7, 9, 6, 8, 10, 5, 8]
# Which option each phone in the room moves up, and how many places.
RANKING_MOVES = [(3, 3), (1, 1), (3, 2), (2, 2), (3, 3), (1, 1), (2, 1), (3, 1)]
YEARS = ["12", "3", "25", "41,5", "7", "18", "2", "33"]
POINTS = [(40, 30, 10, 20), (25, 25, 25, 25), (60, 20, 0, 20), (10, 50, 20, 20)]


def shoot_more_kinds(control, phone, room, presenter, save) -> None:
    """Scale, ranking, number and points to spend: the phone mid-answer, the room's results."""

    def show(prompt):
        control.go_to(control.index_of(prompt))
        for page in [phone, *room]:
            expect(page.locator("#question-heading")).to_have_text(prompt)

    def answered(count):
        expect(presenter.get_by_test_id("responses")).to_have_text(re.compile(rf"^{count}\b"))

    def submit(page):
        page.locator("form.answer-form button[type=submit]").click()
        expect(page.locator(".ack")).to_be_visible()

    show(SCALE_PROMPT)
    for page, value in zip(room, SCALE, strict=True):
        page.locator(".scale-option", has_text=re.compile(rf"^{value}$")).click()
        submit(page)
    phone.locator(".scale-option", has_text=re.compile(r"^7$")).click()
    save(phone, "phone-scale")
    answered(len(SCALE))
    save(presenter, "presenter-scale")

    show(RANKING_PROMPT)
    for page, (index, places) in zip(room, RANKING_MOVES, strict=True):
        for _ in range(places):
            page.locator(".ranking-item").nth(index).locator("[data-move='-1']").click()
            index -= 1
        submit(page)
    phone.locator(".ranking-item").nth(2).locator("[data-move='-1']").focus()
    phone.keyboard.press("Enter")
    save(phone, "phone-ranking")
    answered(len(RANKING_MOVES))
    save(presenter, "presenter-ranking")

    show(NUMERIC_PROMPT)
    for page, years in zip(room, YEARS, strict=True):
        page.locator("input[name=value]").fill(years)
        submit(page)
    phone.locator("input[name=value]").fill("4,5")
    phone.locator("input[name=value]").blur()
    save(phone, "phone-numeric")
    answered(len(YEARS))
    save(presenter, "presenter-numeric")

    show(POINTS_PROMPT)
    for page, spread in zip(room, POINTS, strict=False):
        for field, points in zip(page.locator("[data-points] input").all(), spread, strict=True):
            field.fill(str(points))
        submit(page)
    fields = phone.locator("[data-points] input")
    fields.nth(0).fill("40")
    fields.nth(1).fill("30")
    fields.nth(1).blur()
    save(phone, "phone-points")
    answered(len(POINTS))
    save(presenter, "presenter-points")


def send_words(page, words: str) -> None:
    page.locator("input[name=words]").fill(words)
    page.locator("form.answer-form button[type=submit]").click()
    expect(page.locator(".sent")).to_contain_text(words)


if __name__ == "__main__":
    main()

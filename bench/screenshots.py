"""Take the screenshots in docs/screenshots/ from a live demo session.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots] [--locale sv-SE]

Starts the server the way the browser tests do (fresh SQLite database in a temporary
directory, `manage.py demo`, uvicorn subprocess), fills the demo session with answers from a
handful of phones and saves:

    phone-join.png, phone-wordcloud.png, phone-choice.png, phone-open.png     (390x844)
    presenter-wordcloud.png, presenter-choice.png, presenter-open.png        (1920x1080)
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
from tests.browser.support import CHOICE, OPEN, WORDCLOUD  # noqa: E402

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


def send_words(page, words: str) -> None:
    page.locator("input[name=words]").fill(words)
    page.locator("form.answer-form button[type=submit]").click()
    expect(page.locator(".sent")).to_contain_text(words)


if __name__ == "__main__":
    main()

"""Take the story survey screenshots in docs/screenshots/ from the demo.

    .venv/bin/python bench/signification_screenshots.py [--out docs/screenshots] [--locale sv-SE]

Starts the server the way the browser tests do (fresh SQLite database, `manage.py demo`, which
loads the survey "Hemma i Storby" with 40 stories) and saves:

    signification-phone.png          the phone's survey page, top (390x844)
    signification-phone-triad.png    a triangle with a point placed (390x844)
    signification-results-1440.png   plots, filters and stories (1440x900, full page)
    signification-stories-1440.png   the stories of a corner region (1440x900)
    signification-results-1920.png   the same on a projector (1920x1080)
    signification-peek-1920.png      the public sneak peek (1920x1080)
    signification-survey-1440.png    the facilitator's survey page (1440x900, full page)
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import support  # noqa: E402


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
    for path in sorted(args.out.glob("signification-*.png")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KiB")


def shoot(browser, server, out: Path, locale: str) -> None:
    def context(kind, **extra):
        ctx = browser.new_context(**{**kind, "locale": locale, "device_scale_factor": 1, **extra})
        ctx.set_default_timeout(10_000)
        return ctx

    desk = context(support.DESKTOP).new_page()
    support.log_in(desk, server)
    desk.goto(server("/dialogues/"))
    desk.locator("a", has_text="Storby 2030").first.click()
    desk.locator("a", has_text="Hemma i Storby").first.click()
    survey_url = desk.get_by_test_id("survey-link").get_attribute("href")
    peek_url = desk.get_by_test_id("peek-link").get_attribute("href")
    detail_url = desk.url
    desk.screenshot(path=out / "signification-survey-1440.png", full_page=True)

    phone = context(support.PHONE).new_page()
    phone.goto(survey_url)
    phone.locator("textarea[name=text]").fill(
        "När biblioteket öppnade igen efter renoveringen satt jag i läshörnan en hel eftermiddag."
    )
    phone.locator("textarea[name=text]").blur()
    phone.screenshot(path=out / "signification-phone.png")
    triad = phone.locator("fieldset[data-triad]").first
    svg = triad.locator("svg")
    box = svg.bounding_box()
    svg.click(position={"x": box["width"] * 0.4, "y": box["height"] * 0.45})
    svg.focus()
    triad.scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, -60)")
    phone.screenshot(path=out / "signification-phone-triad.png")

    desk.goto(detail_url.replace("/surveys/", "/surveys/", 1).rstrip("/") + "/results/")
    desk.screenshot(path=out / "signification-results-1440.png")
    # A corner region of the first triangle, chosen: its stories listed below the plots.
    desk.locator(".region-list a").first.click()
    desk.locator("#stories").scroll_into_view_if_needed()
    desk.screenshot(path=out / "signification-stories-1440.png")
    projector = context(support.PROJECTOR, storage_state=desk.context.storage_state()).new_page()
    projector.goto(desk.url)
    projector.screenshot(path=out / "signification-results-1920.png")
    peek = context(support.PROJECTOR).new_page()
    peek.goto(peek_url)
    peek.locator(".plots").scroll_into_view_if_needed()
    peek.screenshot(path=out / "signification-peek-1920.png")


if __name__ == "__main__":
    main()

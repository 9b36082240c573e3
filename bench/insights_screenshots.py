"""Screenshots of the input board pages (docs/screenshots/insights-*.png).

    .venv/bin/python bench/insights_screenshots.py [--out docs/screenshots] [--locale sv-SE]

Starts the demo server as the browser tests do and photographs the board (laptop, phone,
projector), the key help, the codebook, an import preview, groups, near-duplicates, the
comparison and the public section's preview.
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import support  # noqa: E402

CSV = (
    "Innspill;Type;Svar;Tema\n"
    "Flere benker i parken;Forslag;;Parker og natur\n"
    "Hvorfor er bussen så dyr?;Spørsmål;;\n"
)


def demo_dialogue(page, server) -> int:
    page.goto(server("/dialogues/"))
    href = page.get_by_role("link", name="Storby 2030").first.get_attribute("href")
    return int(re.search(r"(\d+)", href).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--locale", default="sv-SE")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samrad-insights-shots-") as tmp:
        server = support.start_server(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = support.launch_chromium(playwright)
                state = support.login_state(server)
                try:
                    shoot(browser, server, state, args.out, args.locale)
                finally:
                    browser.close()
        finally:
            server.stop()


def shoot(browser, server, state, out: Path, locale: str) -> None:
    def page_of(kind):
        context = browser.new_context(**{**kind, "locale": locale}, storage_state=state)
        context.set_default_timeout(15_000)
        return context.new_page()

    def save(page, name, full=False):
        page.wait_for_timeout(300)
        page.screenshot(path=out / f"insights-{name}.png", full_page=full)
        print(out / f"insights-{name}.png")

    desk = page_of(support.DESKTOP)
    pk = demo_dialogue(desk, server)
    board = server(f"/insights/d/{pk}/")
    desk.goto(board + "?theme=none")
    desk.locator(".input-row").first.focus()
    desk.keyboard.press("j")
    save(desk, "board")
    desk.keyboard.press("?")
    save(desk, "board-keys")
    desk.keyboard.press("Escape")
    desk.goto(board + "?status=answered")
    save(desk, "board-answered")
    for name, path in (
        ("codebook", "themes/"),
        ("groups", "groups/"),
        ("duplicates", "duplicates/"),
        ("compare", "compare/?by=segment"),
        ("exports", "exports/"),
        ("public", "public/"),
    ):
        desk.goto(server(f"/insights/d/{pk}/{path}"))
        save(desk, name)
    desk.goto(server(f"/insights/d/{pk}/import/"))
    desk.set_input_files(
        "input[type=file]",
        files=[{"name": "innspill.csv", "mimeType": "text/csv", "buffer": CSV.encode()}],
    )
    with desk.expect_navigation():
        desk.locator("main form button[type=submit]").click()
    save(desk, "import-preview")

    phone = page_of(support.PHONE)
    phone.goto(board)
    save(phone, "board-phone")
    projector = page_of(support.PROJECTOR)
    projector.goto(board)
    save(projector, "board-projector")


if __name__ == "__main__":
    main()

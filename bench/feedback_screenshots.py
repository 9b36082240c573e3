"""Screenshots of the feedback pages (docs/screenshots/feedback-*.png).

    .venv/bin/python bench/feedback_screenshots.py [--out docs/screenshots] [--locale sv-SE]

Starts the demo server as the browser tests do, fills the demo session with answers through
the live services (in this process, on the server's SQLite file), adds an outreach meeting,
then saves:

    feedback-public-390.png, feedback-public-1440.png   the public page /d/storby-2030/
    feedback-subscribe-390.png                          the phone's subscribe form
    feedback-manage-1440.png                            the facilitator's feedback page
    feedback-leaflet.png                                the leaflet's first A4 page: the same
                                                        HTML that WeasyPrint prints, drawn by
                                                        chromium (no pdftoppm on this machine)
"""

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import support  # noqa: E402

WORDS = ["trygg", "grön", "skola", "lugn", "park", "gemenskap", "natur", "pendling", "grönska"]


def fill_answers(server) -> None:
    """Forty people answered every charted demo question (a fixed random seed)."""
    os.environ.update(server.env)
    import django

    django.setup()
    from django.utils import timezone

    from samrad.dialogues.services import meeting_create
    from samrad.live import services
    from samrad.live.kinds import Answer
    from samrad.live.models import LiveSession

    rng = random.Random(2030)
    session = LiveSession.objects.get(pk=server.session_id)
    meeting = meeting_create(
        dialogue=session.dialogue,
        title="Stormöte i Folkets hus",
        place="Folkets hus, Storby",
        starts_at=timezone.now() - timezone.timedelta(days=3),
    )
    meeting_create(
        dialogue=session.dialogue,
        title="Språkcafé",
        place="Biblioteket",
        starts_at=timezone.now() - timezone.timedelta(days=10),
        kind="outreach",
    )
    session.meeting = meeting
    session.save()
    people = [services.participant_join(session=session) for _ in range(40)]
    for question in session.questions.all():
        session.current_question = question
        session.save()
        choices = [str(c.pk) for c in question.choices.all()]
        for person in people:
            kind = question.kind
            if kind == "wordcloud":
                answers = [Answer(words=w) for w in rng.sample(WORDS, 2)]
            elif kind == "choice":
                answers = [Answer(choices=[rng.choices(choices, weights=[5, 3, 2])[0]])]
            elif kind == "scale":
                answers = [Answer(value=str(rng.choice([5, 6, 7, 7, 8, 8, 8, 9, 10])))]
            elif kind == "ranking":
                answers = [Answer(choices=rng.sample(choices, len(choices)))]
            elif kind == "numeric":
                answers = [Answer(value=str(rng.randint(1, 60)))]
            elif kind == "points":
                split = [40, 30, 20, 10]
                rng.shuffle(split)
                answers = [Answer(points=dict(zip(choices, map(str, split), strict=True)))]
            else:
                continue
            for answer in answers:
                services.response_submit(question=question, participant=person, answer=answer)
    session.current_question = session.questions.first()
    session.save()


def leaflet_html(server) -> str:
    from samrad.dialogues.models import Dialogue
    from samrad.feedback import documents

    dialogue = Dialogue.objects.get(title="Storby 2030")
    return documents.leaflet_html(dialogue, public_url=server("/d/storby-2030/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--locale", default="sv-SE")
    args = parser.parse_args()
    if missing := support.chromium_missing():
        sys.exit(missing)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samrad-feedback-shots-") as tmp:
        server = support.start_server(Path(tmp))
        try:
            fill_answers(server)
            # Before Playwright starts: its sync API runs an event loop, and the ORM refuses
            # to work inside one.
            leaflet = Path(tmp) / "leaflet.html"
            leaflet.write_text(leaflet_html(server))
            with sync_playwright() as playwright:
                browser = support.launch_chromium(playwright)
                try:
                    shoot(browser, server, args.out, args.locale, leaflet)
                finally:
                    browser.close()
        finally:
            server.stop()


def shoot(browser, server, out: Path, locale: str, leaflet: Path) -> None:
    def page_for(kind, **extra):
        ctx = browser.new_context(**{**kind, "locale": locale, "device_scale_factor": 1, **extra})
        return ctx.new_page()

    phone = page_for(support.PHONE)
    phone.goto(server("/d/storby-2030/"))
    phone.screenshot(path=out / "feedback-public-390.png", full_page=True)
    desk = page_for(support.DESKTOP)
    desk.goto(server("/d/storby-2030/"))
    desk.screenshot(path=out / "feedback-public-1440.png", full_page=True)
    phone.goto(server(f"/feedback/subscribe/{server.code}/"))
    phone.screenshot(path=out / "feedback-subscribe-390.png")
    facilitator = page_for(support.DESKTOP, storage_state=support.login_state(server))
    facilitator.goto(server("/dialogues/"))
    facilitator.get_by_role("link", name="Storby 2030").first.click()
    facilitator.goto(facilitator.url.replace("/dialogues/", "/feedback/dialogues/"))
    facilitator.screenshot(path=out / "feedback-manage-1440.png", full_page=True)
    a4 = page_for({"viewport": {"width": 794, "height": 1123}})
    a4.goto(leaflet.as_uri())
    a4.emulate_media(media="print")
    a4.screenshot(path=out / "feedback-leaflet.png")
    for path in sorted(out.glob("feedback-*.png")):
        print(path, path.stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()

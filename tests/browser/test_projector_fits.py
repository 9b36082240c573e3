"""The projector always fits: no presenter view scrolls at 1920×1080 or 1280×720, with 150
distinct word-cloud terms or a scale split by age group. Waits on state, never on time."""

import json
import os

import pytest
from playwright.sync_api import expect

from tests.browser import support

pytestmark = pytest.mark.browser

SCREENS = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]

# A session built in the server's database through the services: a word cloud with 150
# distinct terms (50 phones × 3 entries), and a scale answered by 60 phones of 6 age groups.
BUILD = """
from samrad.live import services
from samrad.live.kinds import Answer
from samrad.live.models import LiveSession
demo = LiveSession.objects.get(pk={demo})
s = services.session_create(dialogue=demo.dialogue, title="Stort möte")
cloud = services.question_add(session=s, kind="wordcloud", prompt="Ett ord om Storby?")
scale = services.question_add(session=s, kind="scale", prompt="Hur trygg känner du dig?",
                              scale_min=1, scale_max=10)
age = services.poll_add(session=s, key="composition")[0]
services.session_open(session=s)
syllables = ["ba", "ke", "lo", "mu", "ni", "po", "ru", "sa", "te", "vi"]
words = [a + b + c + "x" for a in syllables for b in syllables for c in syllables[:2]][:150]
phones = [services.participant_join(session=s) for _ in range(60)]
for i, word in enumerate(words):
    services.response_submit(question=cloud, participant=phones[i // 3],
                             answer=Answer(words=word), channel="paper")
ages = list(age.choices.all())
for i, phone in enumerate(phones):
    services.response_submit(question=age, participant=phone,
                             answer=Answer(choices=[ages[i % len(ages)].pk]), channel="paper")
    services.response_submit(question=scale, participant=phone,
                             answer=Answer(value=1 + i % 10), channel="paper")
print(json.dumps({{"code": s.code, "id": s.pk, "cloud": cloud.pk, "scale": scale.pk,
                  "age": age.pk, "terms": len(words)}}))
"""


@pytest.fixture(scope="module")
def big_session(server):
    output = support._manage(
        server.env, "shell", "-c", "import json\n" + BUILD.format(demo=server.session_id)
    )
    return json.loads(output.strip().splitlines()[-1])


def screenshot(page, name: str) -> None:
    """Pictures for the docs, only when asked: SAMRAD_SCREENSHOTS=docs/screenshots."""
    folder = os.environ.get("SAMRAD_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(support.ROOT / folder / f"{name}.png"))


def vertical_overflow(page) -> int:
    return page.evaluate("Math.max(0, document.documentElement.scrollHeight - window.innerHeight)")


def command(page, server, session_id, action, **data):
    csrf = next(c["value"] for c in page.context.cookies(server.url) if c["name"] == "csrftoken")
    response = page.request.post(
        server(f"/sessions/{session_id}/control/{action}/"),
        form={"csrfmiddlewaretoken": csrf, **{k: str(v) for k, v in data.items()}},
        max_redirects=0,
    )
    assert response.status in (200, 302)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_presenter_views_fit_the_screen(big_session, new_context, login_state, server, screen):
    facilitator = new_context(support.DESKTOP, storage_state=login_state).new_page()
    facilitator.goto(server(f"/sessions/{big_session['id']}/control/"))  # the CSRF cookie
    presenter = new_context(
        {**support.PROJECTOR, "viewport": screen}, storage_state=login_state
    ).new_page()
    presenter.goto(server(f"/present/{big_session['code']}/"))
    session_id = big_session["id"]

    # 150 distinct terms: the cloud shows as many as fit, the most frequent first.
    command(facilitator, server, session_id, "goto", question=big_session["cloud"])
    cloud = presenter.locator(".cloud li")
    expect(cloud).to_have_count(big_session["terms"])
    expect(presenter.locator(".stage[data-fitted]")).to_have_count(1)
    assert vertical_overflow(presenter) == 0
    shown = presenter.locator(".cloud li:visible").count()
    assert shown >= 20, f"only {shown} terms fit"
    screenshot(presenter, f"projector-cloud-{screen['width']}")

    # A scale split by age group: every group fits.
    command(facilitator, server, session_id, "goto", question=big_session["scale"])
    command(facilitator, server, session_id, "breakdown", segment=big_session["age"])
    expect(presenter.locator(".breakdown-group").first).to_be_visible()
    expect(presenter.locator(".stage[data-fitted]")).to_have_count(1)
    assert vertical_overflow(presenter) == 0
    screenshot(presenter, f"projector-split-{screen['width']}")
    support.assert_accessible(presenter, f"the split scale at {screen['width']}")

    # Every other view of the session too (the age question itself, split by itself).
    command(facilitator, server, session_id, "goto", question=big_session["age"])
    expect(presenter.locator(".stage-question")).not_to_have_text("Hur trygg känner du dig?")
    expect(presenter.locator(".stage[data-fitted]")).to_have_count(1)
    assert vertical_overflow(presenter) == 0
    command(facilitator, server, session_id, "breakdown")

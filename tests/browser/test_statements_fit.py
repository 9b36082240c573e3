"""The statements projector fits 1920×1080 and 1280×720 whatever the number of statements:
80 statements of up to 280 characters and 150 voters in planted groups (built in the
server's database through the services: a Pol.is conversation imported into a new
session). The map, the common ground, the divisive statements and every group's
representative statements are on screen and none of them is cut off; axe finds nothing."""

import json
import os

import pytest
from playwright.sync_api import expect

from tests.browser import support

pytestmark = pytest.mark.browser

SCREENS = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]

BUILD = """
from samrad.live import services
from samrad.live.models import LiveSession
from samrad.opinions import services as opinions
from samrad.opinions.analysis.polis import PolisComment, PolisVote
from samrad.opinions.analysis.polis_export import PolisConversation
from samrad.opinions.analysis.synthetic import planted_votes
demo = LiveSession.objects.get(pk={demo})
s = services.session_create(dialogue=demo.dialogue, title="Stort samråd om centrum")
services.session_open(session=s)
planted = planted_votes(participants=150, statements=80, groups=4, fill=0.9, consensus=8, seed=3)
words = ("Kommunen borde satsa mer på trygga och upplysta gång- och cykelvägar mellan "
         "bostadsområdena och centrum, även om det innebär att parkeringsplatser försvinner ")
comments = tuple(PolisComment(1000 * j, "", j, -1, 0, 0, 1, (str(j) + ". " + words * 3)[:280])
                 for j in range(80))
votes = tuple(PolisVote(100000 + n, "", int(c), int(v), int(x)) for n, (v, c, x) in enumerate(
    zip(planted.participants, planted.statements, planted.votes)))
prompt = "Hur vill du att centrum ska utvecklas de kommande tio åren, och vad är viktigast?"
question, counts = opinions.conversation_import(
    session=s, conversation=PolisConversation("", "", comments, votes), prompt=prompt)
print(json.dumps({{"code": s.code, "id": s.pk, "question": question.pk}}))
"""

# Every part of the lists is inside the lists' box and the window (none is cut off).
CUT_OFF = """() => {
  const lists = document.querySelector('.opinions-lists').getBoundingClientRect();
  const limit = Math.min(lists.bottom, window.innerHeight) + 1;
  return Array.from(document.querySelectorAll('.opinions-lists li, .opinions-lists h2'))
    .filter(el => el.offsetParent !== null && el.getBoundingClientRect().bottom > limit)
    .map(el => el.textContent.slice(0, 40));
}"""


@pytest.fixture(scope="module")
def big_statements(server):
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


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_the_statements_projector_fits(big_statements, new_context, login_state, server, screen):
    facilitator = new_context(support.DESKTOP, storage_state=login_state).new_page()
    facilitator.goto(server(f"/sessions/{big_statements['id']}/control/"))  # the CSRF cookie
    csrf = next(
        c["value"] for c in facilitator.context.cookies(server.url) if c["name"] == "csrftoken"
    )
    response = facilitator.request.post(
        server(f"/sessions/{big_statements['id']}/control/goto/"),
        form={"csrfmiddlewaretoken": csrf, "question": str(big_statements["question"])},
        max_redirects=0,
    )
    assert response.status in (200, 302)
    presenter = new_context(
        {**support.PROJECTOR, "viewport": screen}, storage_state=login_state
    ).new_page()
    presenter.goto(server(f"/present/{big_statements['code']}/"))
    expect(presenter.get_by_test_id("opinions-group").first).to_be_visible()
    expect(presenter.locator(".stage[data-fitted]")).to_have_count(1)
    screenshot(presenter, f"projector-statements-{screen['width']}")
    assert presenter.get_by_test_id("opinions-group").count() >= 3
    expect(presenter.get_by_test_id("opinions-consensus").locator("li").first).to_be_visible()
    expect(presenter.get_by_test_id("opinions-divisive").locator("li").first).to_be_visible()
    expect(presenter.locator(".opinions-map svg")).to_be_visible()
    assert vertical_overflow(presenter) == 0, f"the projector scrolls at {screen}"
    assert presenter.evaluate(CUT_OFF) == []
    support.assert_accessible(presenter, f"the statements projector at {screen['width']}")

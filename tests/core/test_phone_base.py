"""Every page a participant sees on a phone extends `phone_base.html`: the phone's body class
and its header (the brand without a link, the language switch, no facilitator navigation)."""

from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent / "samrad"
PHONE_PAGES = [
    "feedback/templates/feedback/subscribe.html",
    "feedback/templates/feedback/subscribed.html",
    "live/templates/live/join.html",
    "live/templates/live/my_data.html",
    "live/templates/live/participant.html",
    "signification/templates/signification/peek.html",
    "signification/templates/signification/phone.html",
    "signification/templates/signification/phone_closed.html",
    "workshops/templates/workshops/phone.html",
]


@pytest.mark.parametrize("page", PHONE_PAGES)
def test_phone_pages_extend_the_phone_base_and_draw_no_header_of_their_own(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    assert text.startswith('{% extends "phone_base.html" %}')
    assert "<header" not in text


@pytest.mark.django_db
def test_the_join_page_has_the_phone_header(client):
    html = client.get(reverse("live:join")).content.decode()
    assert '<body class="phone"' in html
    header = html.split('<header class="topbar phone-bar">', 1)[1].split("</header>", 1)[0]
    assert '<span class="brand">Samråd</span>' in header
    assert "language" in header
    assert reverse("accounts:login") not in header

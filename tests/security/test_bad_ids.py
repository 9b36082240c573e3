"""Ids typed into forms and query strings (not the URL path, whose converters only take
digits) answer 404 when they are not numbers, never 500 (samrad/core/ids.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.conftest import World

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "1.5", "-1", "1e3", "", "١٢", "9" * 40, "1 OR 1=1"]


def requests(w: World):
    s = w.session
    return [
        ("post", reverse("live:session_command", args=[s.pk, "goto"]), "question"),
        ("post", reverse("live:session_command", args=[s.pk, "breakdown"]), "segment"),
        (
            "post",
            reverse("live:qa_post_action", args=[s.pk, w.qa_question.pk, w.post.pk, "merge"]),
            "into",
        ),
        ("post", reverse("dialogues:detail", args=[w.dialogue.pk]), "delete_meeting"),
        ("get", reverse("accounts:audit"), "organisation"),
    ]


def test_non_numeric_ids_are_not_found(world: World):
    client = Client(raise_request_exception=False)
    client.force_login(world.owner)
    for method, url, field in requests(world):
        for bad in BAD_IDS:
            status = getattr(client, method)(url, {field: bad}).status_code
            if field == "segment" and bad == "":
                assert status == 302, (url, bad)  # empty: "no breakdown", a valid choice
            else:
                assert status == 404, (url, field, bad, status)

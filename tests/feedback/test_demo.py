"""The demo's feedback part: Storby 2030's page is public, two people asked for feedback."""

import pytest
from django.core.management import call_command

from samrad.dialogues.models import Dialogue

pytestmark = pytest.mark.django_db


def test_demo_publishes_storby_2030_with_two_subscribers(client):
    call_command("demo", verbosity=0)
    dialogue = Dialogue.objects.get(title="Storby 2030")
    assert dialogue.public_page.published and dialogue.subscribers.count() == 2
    html = client.get("/d/storby-2030/").content.decode()
    assert "Vad händer nu" in html or "What happens next" in html
    assert "Kommunstyrelsen" in html or "kommunstyrelsen" in html

"""Issue 13: downloads are named in the dialogue's language, in ASCII."""

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.concerns import services as concerns
from samrad.insights import exports as insights_exports
from samrad.live import exports as live_exports
from samrad.live import services as live
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db


def _attachment(response) -> str:
    header = response["Content-Disposition"]
    assert header.isascii(), header
    return header.split("filename=")[1].strip('"')


@pytest.mark.parametrize(
    ("lang", "dialogue_word", "session_word"),
    [
        ("sv", "dialog", "session"),
        ("nb", "dialog", "okt"),
        ("da", "dialog", "session"),
        ("en", "dialogue", "session"),
    ],
)
def test_live_exports_are_named_in_the_dialogues_language(lang, dialogue_word, session_word):
    dialogue = DialogueFactory(language=lang, title="Framtidens Ydre")
    session = live.session_create(dialogue=dialogue, title="Möte på Øvre torg")
    assert live_exports.filename(dialogue, "csv") == (
        f"samrad-{dialogue_word}-{dialogue.pk}-framtidens-ydre.csv"
    )
    assert live_exports.filename(session, "xlsx") == (
        f"samrad-{session_word}-{session.pk}-mote-pa-ovre-torg.xlsx"
    )


def test_report_leaflet_inputs_and_actions_are_named_in_swedish(client):
    dialogue = DialogueFactory(language="sv", title="Framtidens Ydre")
    owner = member_of(dialogue.organisation, Role.OWNER)
    client.force_login(owner)
    leaflet = client.get(reverse("feedback:leaflet", args=[dialogue.pk]))
    assert _attachment(leaflet) == "samrad-folder-framtidens-ydre.pdf"
    method = client.get(reverse("feedback:method", args=[dialogue.pk]))
    assert _attachment(method) == "samrad-metod-framtidens-ydre.json"
    built = insights_exports.build(dialogue, "conference.csv")
    assert built.filename == f"samrad-inspel-{dialogue.pk}-konferens.csv"
    concerns.action_create(dialogue=dialogue, what="Fixarkafé", actor=owner)
    actions = client.get(reverse("concerns:actions", args=[dialogue.pk]), {"format": "csv"})
    assert _attachment(actions) == "samrad-atgarder-framtidens-ydre.csv"

"""Issue 13: the mapping card's button is the verb ("Placera"), not the noun ("Plats"), in
sv/nb/da; a ranking table's "Place" is the rank ("Plats"/"Plass"/"Plads", not "Sted")."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from samrad.accounts.models import Role
from samrad.workshops import services
from samrad.workshops.mapping import services as ms
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "verb", "noun"),
    [("sv", "Placera", "Plats"), ("nb", "Plasser", "Sted"), ("da", "Placer", "Sted")],
)
def test_the_mapping_cards_button_says_place_as_a_verb(client, lang, verb, noun):
    dialogue = DialogueFactory(language=lang)
    runner = member_of(dialogue.organisation, Role.FACILITATOR)
    workshop = services.workshop_create(dialogue, "mapping", runner)
    ms.project_add(workshop=workshop, actor=runner, name="Fritidsbanken")
    client.force_login(runner)
    url = reverse("workshops:board", args=[workshop.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    card = page[page.index('class="project-card') :]
    card = card[: card.index("</li>")]
    assert f'<button type="submit" class="small">{verb}</button>' in card
    assert f">{noun}</button>" not in card


def test_a_ranks_place_is_a_rank_not_a_location():
    expected = {"sv": "Plats", "nb": "Plass", "da": "Plads", "en": "Place"}
    for lang, word in expected.items():
        with translation.override(lang):
            assert pgettext("rank", "Place") == word

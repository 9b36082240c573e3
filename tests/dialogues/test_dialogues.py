"""Dialogues: default phases, editing phases, and pages scoped to the organisation."""

import pytest
from django.urls import reverse

from samrad.accounts.models import Membership
from samrad.dialogues import services
from tests.factories import DialogueFactory, FacilitatorFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, first, last",
    [
        ("sv", "Intervjuer", "Guider"),
        ("nb", "Intervjuer", "Veiledere"),
        ("en", "Interviews", "Guides"),
    ],
)
def test_new_dialogue_gets_the_five_smarta_orter_phases(language, first, last):
    dialogue = services.dialogue_create(
        organisation=OrganisationFactory(), title="Storby 2030", language=language
    )
    names = list(dialogue.phases.values_list("name", flat=True))
    assert len(names) == 5
    assert names[0] == first and names[-1] == last


def test_phases_set_reorders_keeps_and_removes():
    dialogue = services.dialogue_create(
        organisation=OrganisationFactory(), title="D", language="sv"
    )
    workshop = dialogue.phases.get(name="Workshop")
    services.phases_set(dialogue=dialogue, names=["Workshop", "  ", "Enkät"])
    assert list(dialogue.phases.values_list("name", flat=True)) == ["Workshop", "Enkät"]
    assert dialogue.phases.get(name="Workshop").pk == workshop.pk


def test_dialogue_list_shows_only_own_organisation(client):
    user = FacilitatorFactory()
    own = DialogueFactory(organisation=Membership.objects.get(user=user).organisation, title="Vår")
    DialogueFactory(title="Deras")
    client.force_login(user)
    page = client.get(reverse("dialogues:list")).content.decode()
    assert own.title in page
    assert "Deras" not in page


def test_create_and_edit_dialogue_with_phases(client):
    user = FacilitatorFactory()
    client.force_login(user)
    response = client.post(
        reverse("dialogues:create"), {"title": "Ny", "description": "", "language": "da"}
    )
    dialogue = Membership.objects.get(user=user).organisation.dialogues.get()
    assert response["Location"] == reverse("dialogues:detail", args=[dialogue.pk])
    assert dialogue.phases.first().name == "Interviews"
    client.post(
        reverse("dialogues:detail", args=[dialogue.pk]),
        {"save_phases": "1", "phases": "Ett\nTvå\nTvå"},
    )
    assert dialogue.phases.count() == 5  # duplicate names refused
    client.post(
        reverse("dialogues:detail", args=[dialogue.pk]), {"save_phases": "1", "phases": "Ett\nTvå"}
    )
    assert list(dialogue.phases.values_list("name", flat=True)) == ["Ett", "Två"]

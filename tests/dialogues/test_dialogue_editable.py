"""The one "dialogue I may edit" helper (`dialogues.selectors.dialogue_editable_or_404`) that
every page reading a dialogue for members and changing it for owners and facilitators uses."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samrad.accounts.models import DialogueRole, Role
from samrad.dialogues.selectors import dialogue_editable_or_404
from tests.factories import DialogueFactory, MembershipFactory, member_of

pytestmark = pytest.mark.django_db


def test_a_facilitator_reads_and_may_change():
    dialogue = DialogueFactory()
    user = member_of(dialogue.organisation)
    assert dialogue_editable_or_404(user=user, pk=dialogue.pk, change=True) == (dialogue, True)


def test_a_viewer_reads_but_a_change_is_403():
    dialogue = DialogueFactory()
    viewer = member_of(dialogue.organisation, Role.VIEWER)
    assert dialogue_editable_or_404(user=viewer, pk=dialogue.pk) == (dialogue, False)
    with pytest.raises(PermissionDenied):
        dialogue_editable_or_404(user=viewer, pk=dialogue.pk, change=True)


def test_a_role_on_the_dialogue_replaces_the_organisations():
    dialogue = DialogueFactory()
    membership = MembershipFactory(organisation=dialogue.organisation, role=Role.FACILITATOR)
    DialogueRole.objects.create(membership=membership, dialogue=dialogue, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        dialogue_editable_or_404(user=membership.user, pk=dialogue.pk, change=True)


def test_another_organisations_dialogue_is_404_even_for_a_read():
    dialogue = DialogueFactory()
    stranger = member_of(DialogueFactory().organisation)
    with pytest.raises(Http404):
        dialogue_editable_or_404(user=stranger, pk=dialogue.pk)

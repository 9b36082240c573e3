"""The writer's upsert (samrad/live/upserts.py) stores what Django's
`bulk_create(update_conflicts=True)` stores, on SQLite and on PostgreSQL."""

import uuid

import pytest
from django.forms.models import model_to_dict

from samrad.live import upserts
from samrad.live.models import Channel, InputKind, Moderation, Response
from tests.factories import ChoiceQuestionFactory, ParticipantFactory

UNIQUE = ["question", "participant", "slot"]
UPDATE = ["choices", "text", "value", "points", "input_kind", "channel", "client_id"]


def rows(question, participants, round_):
    """Values of every kind a column takes: JSON lists and dicts, a UUID, a str enum, an int
    for a float column, None, text with quotes."""
    return [
        Response(
            question=question,
            participant=participant,
            slot=0,
            choices=[round_, n],
            text=f"svar {n} 'å' \"ø\"" if n % 2 else "",
            input_kind=InputKind.QUESTION if n % 3 == 0 else "",
            value=(n + round_) if n % 2 else (None if n % 3 else 2.5),
            points={"x": n, "round": round_},
            channel=Channel.LIVE if n % 4 else "import",
            # A participant's client_id is theirs across questions: one set per question.
            client_id=uuid.UUID(int=10**6 * question.pk + 1000 * round_ + n) if n % 5 else None,
        )
        for n, participant in enumerate(participants)
    ]


def stored(question):
    """Each stored row's values by participant, without the ids and times that must differ
    (the client_id without its question's part)."""
    values = {}
    for response in Response.objects.filter(question=question):
        row = model_to_dict(response)
        del row["id"], row["question"]
        row["client_id"] = row["client_id"] and row["client_id"].int % 10**6
        values[response.participant_id] = row
    return values


@pytest.mark.django_db
@pytest.mark.core
def test_the_upsert_stores_what_bulk_create_stores_and_updates_in_place():
    ours, djangos = ChoiceQuestionFactory(), ChoiceQuestionFactory()
    # More rows than one SQLite statement takes (999 parameters / 17 columns = 58 rows).
    participants = [ParticipantFactory(session=ours.session) for _ in range(70)]
    for round_ in (1, 2):
        first = rows(ours, participants, round_)
        upserts.upsert(first, unique_fields=UNIQUE, update_fields=UPDATE)
        Response.objects.bulk_create(
            rows(djangos, participants, round_),
            update_conflicts=True,
            unique_fields=UNIQUE,
            update_fields=UPDATE,
        )
        assert stored(ours) == stored(djangos)
        assert len(stored(ours)) == 70
        by_id = Response.objects.in_bulk([obj.pk for obj in first])
        assert all(by_id[obj.pk].participant_id == obj.participant_id for obj in first)
        assert all(not obj._state.adding for obj in first)
        if round_ == 1:
            ids = {obj.participant_id: obj.pk for obj in first}
            created = {r.pk: r.created_at for r in Response.objects.filter(question=ours)}
    # The second round updated the rows: same ids, first stored time kept, new values.
    assert {obj.participant_id: obj.pk for obj in first} == ids
    again = Response.objects.filter(question=ours)
    assert {r.pk: r.created_at for r in again} == created
    assert all(r.choices[0] == 2 and r.updated_at >= r.created_at for r in again)
    assert Response.objects.get(pk=first[6].pk).client_id == uuid.UUID(int=10**6 * ours.pk + 2006)
    assert Response.objects.get(pk=first[1].pk).value == 3.0
    assert Response.objects.get(pk=first[0].pk).moderation == Moderation.APPROVED  # a default


@pytest.mark.django_db
@pytest.mark.core
def test_the_upsert_refuses_two_rows_with_one_key():
    question = ChoiceQuestionFactory()
    participant = ParticipantFactory(session=question.session)
    twice = [Response(question=question, participant=participant, slot=0) for _ in range(2)]
    with pytest.raises(ValueError):
        upserts.upsert(twice, unique_fields=UNIQUE, update_fields=UPDATE)
    assert not Response.objects.filter(question=question).exists()

"""Dots stay exact when phones send many at once (threads, each with its own database
connection): the participant's row lock and the unique constraints decide. The in-memory
SQLite test database refuses concurrent writers, so these run in the PostgreSQL pass."""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection

from samrad.concerns import services
from samrad.concerns.errors import Refused
from samrad.concerns.models import Dot
from tests.concerns.conftest import go, groups, phone_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor == 'sqlite' and connection.is_in_memory_db()",
        reason="the in-memory SQLite test database refuses concurrent writers (table locked); "
        "this runs in the PostgreSQL pass of `make test`",
    ),
]


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    results = []

    def worker(job):
        try:
            barrier.wait()
            results.append(job())
        except Refused as refused:
            results.append(refused.code)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def vote(workshop, user):
    step = go(workshop, "concerns.ideas")
    for text in ("A", "B", "C", "D", "E"):
        services.idea_add(workshop=workshop, group=groups(workshop)[0], text=text, step=step)
    return go(workshop, "concerns.vote")


def test_eight_dots_at_once_from_one_phone_count_three(workshop, vote):
    phone = phone_in(workshop)
    ideas = list(workshop.concern_ideas.all())
    jobs = [
        (
            lambda idea=idea: services.dot_add(
                workshop=workshop, step=vote, participant=phone, idea=idea
            )
        )
        for idea in ideas + ideas[:3]
    ]
    results = run_together(jobs)
    refusals = [r for r in results if isinstance(r, str)]
    assert len(refusals) == 5
    assert set(refusals) <= {"no_dots_left", "one_per_idea"}
    assert Dot.objects.filter(participant=phone).count() == 3
    slots = sorted(Dot.objects.values_list("slot", flat=True))
    assert slots == [0, 1, 2]


def test_the_same_request_sent_six_times_at_once_counts_once(workshop, vote):
    phone = phone_in(workshop)
    idea = workshop.concern_ideas.first()
    client_id = uuid.uuid4()
    jobs = [
        (
            lambda: services.dot_add(
                workshop=workshop, step=vote, participant=phone, idea=idea, client_id=client_id
            )
        )
        for _ in range(6)
    ]
    results = run_together(jobs)
    assert len({r.pk for r in results}) == 1
    assert Dot.objects.filter(participant=phone).count() == 1


def test_many_phones_at_once_every_dot_counted(workshop, vote):
    phones = [phone_in(workshop) for _ in range(6)]
    idea = workshop.concern_ideas.first()
    jobs = [
        (
            lambda phone=phone: services.dot_add(
                workshop=workshop, step=vote, participant=phone, idea=idea
            )
        )
        for phone in phones
    ]
    results = run_together(jobs)
    assert all(isinstance(r, Dot) for r in results)
    assert Dot.objects.filter(idea=idea).count() == 6

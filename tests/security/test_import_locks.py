"""A large table import does not hold the database's write lock for long (issue 19, item 5): a
150,000-row import made phones' answers fail with "database is locked" after 20 s on SQLite,
whose one write lock covers the whole database.

The import stores its rows in short transactions; here a phone answers while the import is
busy with its rows, and the answer must be stored before the import ends. On the in-memory
SQLite test database (which refuses concurrent writers) the test reruns in a subprocess on a
SQLite file, as test_concurrency.py does; on PostgreSQL it runs directly.
"""

import threading

import pytest
from django.db import connection

from samrad.insights import importing, services
from samrad.insights.models import ImportBatch, Input
from samrad.live import services as live_services
from samrad.live.kinds import Answer
from samrad.live.models import Response
from tests.factories import DialogueFactory, ParticipantFactory, QuestionFactory, put_on_screen
from tests.feedback.test_report_build import run_worker

ROWS = 3000


def _table(rows: int) -> bytes:
    lines = ["text;theme"] + [f"Fler cykelbanor nummer {i};Trafik" for i in range(rows)]
    return "\n".join(lines).encode()


@pytest.fixture
def file_db(transactional_db):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite refuses concurrent writers (tests/test_on_a_sqlite_file.py)")


@pytest.mark.parametrize("how", ["at once", "task"])
def test_phones_answer_while_a_large_import_stores_its_rows(file_db, monkeypatch, settings, how):
    """The same for the import in the request and through the task worker (issue 19.5:
    a large import from the page runs in the background, docs/architecture/bgimport.md)."""
    settings.SAMRAD_ANSWERS_PER_MINUTE = 1000
    dialogue = DialogueFactory()
    question = put_on_screen(QuestionFactory(kind="open"))
    participant = ParticipantFactory(session=question.session)
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table(ROWS))
    mapping = importing.guess_mapping(importing.read_table(bytes(batch.data), "x.csv").header)

    answered = threading.Event()
    outcome: list = []

    def phone():
        try:
            outcome.append(
                live_services.response_submit(
                    question=question,
                    participant=participant,
                    answer=Answer(text="Ja", kind="input"),
                )
            )
        except Exception as error:  # noqa: BLE001  (asserted on below)
            outcome.append(error)
        finally:
            connection.close()
            answered.set()

    from samrad.insights import services as insights_services

    real_detect = insights_services.detect_language
    seen = {"rows": 0, "waited": None}

    def detect(text):  # the import at work on its rows: a phone answers now
        seen["rows"] += 1
        if seen["rows"] == ROWS // 2:
            threading.Thread(target=phone).start()
            seen["waited"] = answered.wait(timeout=5)
        return real_detect(text)

    monkeypatch.setattr(insights_services, "detect_language", detect)
    if how == "task":
        services.import_start(batch=batch, mapping=mapping)
        run_worker()
        count, errors = ImportBatch.objects.get(pk=batch.pk).done_rows, []
    else:
        count, errors = services.import_run(batch=batch, mapping=mapping)
    answered.wait(timeout=30)
    assert (count, errors) == (ROWS, [])
    assert seen["waited"] is True, "the phone's answer waited for the whole import"
    assert isinstance(outcome[0], Response), outcome
    assert Input.objects.filter(batch=batch).count() == ROWS
    assert ImportBatch.objects.get(pk=batch.pk).status == "done"


def test_a_failing_import_leaves_nothing_and_can_be_run_again(file_db, monkeypatch):
    dialogue = DialogueFactory()
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table(1200))
    mapping = importing.guess_mapping(importing.read_table(bytes(batch.data), "x.csv").header)
    from samrad.insights import services as insights_services

    real_detect, calls = insights_services.detect_language, {"n": 0}

    def failing(text):
        calls["n"] += 1
        if calls["n"] == 1100:  # the third chunk: two are stored already
            raise RuntimeError("disk full")
        return real_detect(text)

    monkeypatch.setattr(insights_services, "detect_language", failing)
    with pytest.raises(RuntimeError):
        services.import_run(batch=batch, mapping=mapping)
    assert Input.objects.filter(dialogue=dialogue).count() == 0
    assert not dialogue.themes.filter(name="Trafik").exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "failed"  # and it may run again
    monkeypatch.setattr(insights_services, "detect_language", real_detect)
    assert services.import_run(batch=batch, mapping=mapping) == (1200, [])

"""A large table import runs in the background (issue 19 item 5): the Import button queues it
for the task worker (django-tasks, database backend) and the page polls its progress; the
result is what the import at once says, a refusing row stops all of it with its line (in the
language of whoever started it), a second click imports nothing twice, a worker that stopped
half-way can be taken back. A small table is still imported at once.
"""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samrad.accounts.models import Role
from samrad.insights import services
from samrad.insights.models import ImportBatch, ImportStatus, Input, Theme
from tests.factories import DialogueFactory, member_of
from tests.feedback.test_report_build import run_worker

ROWS = 1200  # three chunks of services.IMPORT_CHUNK


@pytest.fixture(autouse=True)
def background(settings):
    settings.SAMRAD_IMPORT_AT_ONCE_ROWS = 100


def _table(rows: int = ROWS, bad: dict[int, str] | None = None) -> bytes:
    bad = bad or {}
    lines = ["Inspel;Typ;Tema"] + [
        f"Fler cykelbanor nummer {i};{bad.get(i, 'Förslag')};Trafik" for i in range(rows)
    ]
    return "\n".join(lines).encode()


def _run(client, batch, theme="theme", **headers):
    return client.post(
        reverse("insights:import_preview", args=[batch.pk]),
        {"run": "1", "col0": "text", "col1": "kind", "col2": theme},
        **headers,
    )


def _progress(client, batch, **params):
    return client.get(
        reverse("insights:import_progress", args=[batch.pk]), params, HTTP_HX_REQUEST="true"
    )


def test_a_large_import_is_queued_and_the_page_shows_its_progress(logged_in, dialogue, monkeypatch):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    response = _run(logged_in, batch)
    progress_url = reverse("insights:import_progress", args=[batch.pk])
    assert response.status_code == 302 and response["Location"] == progress_url
    batch.refresh_from_db()
    assert batch.status == ImportStatus.QUEUED and not Input.objects.exists()
    # the task waits in the database for the worker, with the file (not the request's upload)
    assert DBTaskResult.objects.filter(pk=batch.task_id, status="READY").exists()
    assert bytes(batch.data) == _table()
    page = logged_in.get(progress_url).text
    assert "Waiting to start" in page and 'hx-trigger="every 1s"' in page
    assert f'hx-get="{progress_url}?seen=queued-0"' in page
    assert _progress(logged_in, batch, seen="queued-0").status_code == 204

    seen_midway = []
    real_store = services._store_chunk

    def store(batch_, rows, languages, themes, now, *, done):
        real_store(batch_, rows, languages, themes, now, done=done)
        seen_midway.append(_progress(logged_in, batch_).text)

    monkeypatch.setattr(services, "_store_chunk", store)
    run_worker()

    assert "Imported so far: 500 of 1200 rows (42 %)." in seen_midway[0]
    assert '<progress max="100" value="42"' in seen_midway[0]
    assert 'hx-trigger="every 1s"' in seen_midway[0]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.done_rows == ROWS
    assert bytes(batch.data) == b""
    assert Input.objects.filter(dialogue=dialogue, kind="suggestion").count() == ROWS
    assert DBTaskResult.objects.get(pk=batch.task_id).status == "SUCCESSFUL"
    done = _progress(logged_in, batch, seen="running-500")
    assert "1200 inputs imported." in done.text  # what the import at once says
    assert "hx-trigger" not in done.text  # finished: the page stops asking
    # back to the preview (a bookmark, the browser's back button): imported already
    again = logged_in.get(reverse("insights:import_preview", args=[batch.pk]))
    assert again.status_code == 302 and again["Location"].endswith(f"/d/{dialogue.pk}/")


def test_a_refusing_row_stops_the_whole_import_with_its_line_in_the_users_language(
    logged_in, dialogue
):
    batch = services.import_upload(
        dialogue=dialogue, filename="inspel.csv", data=_table(bad={799: "Klagomål"})
    )
    _run(logged_in, batch, theme="", HTTP_ACCEPT_LANGUAGE="sv")  # the themes left out
    run_worker()  # the worker's own language is English
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert batch.problems == [[801, "okänd typ ”Klagomål”"]]  # header is line 1
    assert not Input.objects.exists()
    line = _progress(logged_in, batch).text
    assert 'role="alert"' in line and "<td>801</td>" in line and "Klagomål" in line
    assert "hx-trigger" not in line
    # the column mapping shows the same rows, and another run imports them all
    preview = logged_in.get(reverse("insights:import_preview", args=[batch.pk])).text
    assert "Nothing was imported: 1 row needs fixing" in preview and "<td>801</td>" in preview
    # the columns chosen last time, not the recognised names (Tema would be the theme)
    assert '<option value="theme" selected>' not in preview
    assert '<option value="kind" selected>' in preview
    response = logged_in.post(
        reverse("insights:import_preview", args=[batch.pk]),
        {"run": "1", "col0": "text", "col1": "", "col2": "theme"},
    )
    assert response["Location"] == reverse("insights:import_progress", args=[batch.pk])
    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.problems == []
    assert Input.objects.filter(dialogue=dialogue).count() == ROWS


def test_a_second_click_on_import_imports_nothing_twice(logged_in, dialogue):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    first, second = _run(logged_in, batch), _run(logged_in, batch)
    assert first["Location"] == second["Location"]
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert _run(logged_in, batch).status_code == 302  # after it: "imported already"
    assert DBTaskResult.objects.count() == 1
    assert Input.objects.filter(dialogue=dialogue).count() == ROWS
    # a second task for the same batch (a retry) finds it done and stores nothing
    from samrad.insights.tasks import import_batch

    assert import_batch.call(batch.pk) == 0
    assert Input.objects.filter(dialogue=dialogue).count() == ROWS


def test_an_error_while_storing_takes_everything_back_and_says_so(logged_in, dialogue, monkeypatch):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    _run(logged_in, batch)
    real_store = services._store_chunk

    def store(batch_, rows, languages, themes, now, *, done):
        if done > 1000:
            raise RuntimeError("the disk is full")
        real_store(batch_, rows, languages, themes, now, done=done)

    monkeypatch.setattr(services, "_store_chunk", store)
    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and "the disk is full" in batch.error
    assert DBTaskResult.objects.get(pk=batch.task_id).status == "FAILED"
    assert not Input.objects.exists() and not Theme.objects.filter(name="Trafik").exists()
    line = _progress(logged_in, batch).text
    assert "The import failed and nothing was stored" in line and 'role="alert"' in line
    assert f"(import {batch.pk})" in line and "hx-trigger" not in line


def test_an_import_whose_worker_stopped_is_taken_back(logged_in, dialogue, settings):
    settings.SAMRAD_IMPORT_STALLED_AFTER = 60
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    _run(logged_in, batch)
    # the worker stored a chunk and a new theme, then was killed
    theme = services.theme_create(dialogue=dialogue, name="Trafik")
    Input.objects.create(
        dialogue=dialogue, text="half", batch=batch, channel="import", created_at=timezone.now()
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.RUNNING,
        done_rows=500,
        created_themes=[theme.pk],
        updated_at=timezone.now() - timedelta(minutes=5),
    )
    line = _progress(logged_in, batch).text
    assert "The import stopped" in line and "hx-trigger" not in line
    url = reverse("insights:import_progress", args=[batch.pk])
    response = logged_in.post(url, {"undo": "1"})
    assert response["Location"] == reverse("insights:import_preview", args=[batch.pk])
    assert not Input.objects.exists() and not Theme.objects.filter(pk=theme.pk).exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and batch.runnable


def test_a_running_import_is_not_taken_back(logged_in, dialogue):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    _run(logged_in, batch)
    Input.objects.create(
        dialogue=dialogue, text="busy", batch=batch, channel="import", created_at=timezone.now()
    )
    logged_in.post(reverse("insights:import_progress", args=[batch.pk]), {"undo": "1"})
    assert Input.objects.filter(batch=batch).count() == 1
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.QUEUED


def test_a_small_table_is_imported_at_once(logged_in, dialogue, settings):
    settings.SAMRAD_IMPORT_AT_ONCE_ROWS = ROWS
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    response = _run(logged_in, batch)
    assert response["Location"] == reverse("insights:board", args=[dialogue.pk])
    assert not DBTaskResult.objects.exists()
    assert Input.objects.filter(dialogue=dialogue).count() == ROWS


def test_without_a_worker_the_immediate_backend_imports_in_the_request(logged_in, dialogue):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        response = _run(logged_in, batch)
    assert response["Location"] == reverse("insights:import_progress", args=[batch.pk])
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.DONE
    assert "1200 inputs imported." in logged_in.get(response["Location"]).text


def test_another_organisations_import_is_not_found(client, dialogue):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table(5))
    client.force_login(member_of(DialogueFactory().organisation, Role.OWNER))
    url = reverse("insights:import_progress", args=[batch.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"undo": "1"}).status_code == 404


@pytest.mark.parametrize(
    "language,words",
    [
        ("sv", "Importerat hittills: 500 av 1200 rader (42 %)."),
        ("nb", "Importert så langt: 500 av 1200 rader (42 %)."),
        ("da", "Importeret indtil nu: 500 af 1200 rækker (42 %)."),
    ],
)
def test_the_progress_page_speaks_the_users_language(logged_in, dialogue, language, words):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    _run(logged_in, batch)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.RUNNING, done_rows=500, updated_at=timezone.now()
    )
    url = reverse("insights:import_progress", args=[batch.pk])
    page = logged_in.get(url, HTTP_ACCEPT_LANGUAGE=language).text
    assert words in page


def test_a_slow_worker_stores_nothing_after_its_import_was_taken_back(
    logged_in, dialogue, monkeypatch
):
    """The page calls an import stopped after SAMRAD_IMPORT_STALLED_AFTER without a stored
    row; a worker that was only slow then finds its batch taken back and stops, storing
    nothing more (every row or none)."""
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    _run(logged_in, batch)
    real_detect, calls = services.detect_language, {"n": 0}

    def detect(text):
        calls["n"] += 1
        if calls["n"] == 501:  # one chunk stored, the second being prepared
            assert Input.objects.filter(batch=batch).count() == 500
            services.import_undo(batch=ImportBatch.objects.get(pk=batch.pk))
        return real_detect(text)

    monkeypatch.setattr(services, "detect_language", detect)
    run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and batch.runnable
    assert not Input.objects.exists() and not Theme.objects.filter(name="Trafik").exists()
    assert DBTaskResult.objects.get(pk=batch.task_id).status == "FAILED"


def test_the_board_links_an_import_that_runs(logged_in, dialogue):
    batch = services.import_upload(dialogue=dialogue, filename="inspel.csv", data=_table())
    board = reverse("insights:board", args=[dialogue.pk])
    assert "imports-running" not in logged_in.get(board).text
    _run(logged_in, batch)
    page = logged_in.get(board).text
    assert reverse("insights:import_progress", args=[batch.pk]) in page
    assert "Importing inspel.csv in the background (0 %)" in page
    run_worker()
    assert "imports-running" not in logged_in.get(board).text

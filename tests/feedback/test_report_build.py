"""The dialogue report built in the background (issue 13 item 12): a POST queues it on the
django-tasks database backend, the worker builds it chapter by chapter writing its progress,
the page's line shows the progress and then the download; a failure or a stopped worker is
said clearly; the worker runs beside `samrad serve` and starts again when it stops."""

import sys
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from samrad.accounts.models import Role
from samrad.core import taskworker
from samrad.feedback import documents, tasks
from samrad.feedback.models import ReportBuild, ReportStatus
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db


def run_worker() -> None:
    """What `samrad db_worker` does with each queued task (claim it, run it, record the
    outcome), here in the test's process and transaction: `Worker.run` itself closes old
    database connections between tasks, which a test's transaction does not allow."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    while (task := DBTaskResult.objects.ready().filter(backend_name="default").first()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)


def start(client, dialogue, fmt="pdf", **headers):
    return client.post(
        reverse("feedback:report_start", args=[dialogue.pk]), {"format": fmt}, **headers
    )


@pytest.fixture
def logged_in(client, held, owner):
    client.force_login(owner)
    return client


def test_a_report_is_queued_then_built_by_the_worker_and_downloaded(logged_in, held):
    dialogue = held.dialogue
    response = start(logged_in, dialogue, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    build = ReportBuild.objects.get()
    assert build.status == ReportStatus.QUEUED and build.content is None
    # the task waits in the database, for any worker process
    assert DBTaskResult.objects.filter(pk=build.task_id, status="READY").exists()
    progress = reverse("feedback:report_progress", args=[build.pk])
    assert f'hx-get="{progress}?seen=queued-0"' in response.text
    assert 'hx-trigger="every 1s"' in response.text
    # asked again with nothing new: no content, so htmx swaps nothing and no screen reader
    # hears the same line every second
    assert logged_in.get(progress, {"seen": "queued-0"}).status_code == 204
    assert logged_in.get(progress, {"seen": "queued-0"}).content == b""

    run_worker()

    build.refresh_from_db()
    assert build.status == ReportStatus.DONE and build.percent == 100
    assert build.done_steps == build.total_steps > 5  # summary, chapters, appendix, file
    assert DBTaskResult.objects.get(pk=build.task_id).status == "SUCCESSFUL"
    line = logged_in.get(progress, {"seen": "queued-0"})
    assert line.status_code == 200  # it changed: the new line
    assert "hx-trigger" not in line.text  # finished: the page stops asking
    download = reverse("feedback:report_download", args=[build.pk])
    assert download in line.text
    pdf = logged_in.get(download)
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    # the file is named in the dialogue's language (Swedish)
    assert pdf["Content-Disposition"] == 'attachment; filename="storby-2030-rapport.pdf"'


def test_progress_line_shows_the_share_done_and_the_chapter(logged_in, held):
    start(logged_in, held.dialogue)
    build = ReportBuild.objects.get()
    line = logged_in.get(reverse("feedback:report_progress", args=[build.pk])).text
    assert "Waiting to start" in line and 'hx-trigger="every 1s"' in line
    tasks._progress(build.pk)(3, 10, "Resultat per session")
    line = logged_in.get(reverse("feedback:report_progress", args=[build.pk])).text
    assert '<progress max="100" value="30"' in line
    assert "Building: 30 % (Resultat per session)" in line
    assert 'hx-trigger="every 1s"' in line


def test_the_build_reports_its_progress_chapter_by_chapter(held):
    seen = []
    build = ReportBuild.objects.create(dialogue=held.dialogue, format="docx", filename="r.docx")
    real = tasks._progress(build.pk)

    def spy(done, total, stage):
        real(done, total, stage)
        seen.append(ReportBuild.objects.values_list("status", "done_steps").get(pk=build.pk))

    doc = documents.dialogue_report(held.dialogue, progress=spy)
    assert doc.blocks
    assert all(status == ReportStatus.RUNNING for status, _ in seen)
    assert [done for _, done in seen] == list(range(len(seen)))


def test_a_failed_build_says_so_and_stops_polling(logged_in, held, monkeypatch):
    def broken(dialogue, progress=None):
        progress(0, 3, "Översikt")
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(documents, "dialogue_report", broken)
    start(logged_in, held.dialogue)
    run_worker()
    build = ReportBuild.objects.get()
    assert build.status == ReportStatus.FAILED and "the disk is full" in build.error
    assert DBTaskResult.objects.get(pk=build.task_id).status == "FAILED"
    line = logged_in.get(reverse("feedback:report_progress", args=[build.pk])).text
    assert 'role="alert"' in line and "could not be built" in line
    assert "hx-trigger" not in line
    # nothing to download: back to the feedback page
    response = logged_in.get(reverse("feedback:report_download", args=[build.pk]))
    assert response.status_code == 302


def test_a_build_nobody_works_on_is_reported_as_stopped(logged_in, held, settings):
    settings.SAMRAD_REPORT_STALLED_AFTER = 60
    start(logged_in, held.dialogue)
    build = ReportBuild.objects.get()
    ReportBuild.objects.filter(pk=build.pk).update(
        status=ReportStatus.RUNNING, updated_at=timezone.now() - timedelta(minutes=5)
    )
    line = logged_in.get(reverse("feedback:report_progress", args=[build.pk])).text
    assert "The build stopped" in line and "hx-trigger" not in line


def test_a_queued_build_waiting_long_points_to_the_worker(logged_in, held):
    start(logged_in, held.dialogue)
    ReportBuild.objects.update(updated_at=timezone.now() - timedelta(seconds=45))
    build = ReportBuild.objects.get()
    line = logged_in.get(reverse("feedback:report_progress", args=[build.pk])).text
    assert "samrad db_worker" in line and 'hx-trigger="every 1s"' in line


def test_the_immediate_backend_builds_at_once(logged_in, held):
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        response = start(logged_in, held.dialogue, fmt="docx")
    assert response.status_code == 302
    build = ReportBuild.objects.get()
    assert build.status == ReportStatus.DONE
    assert bytes(build.content).startswith(b"PK")  # a DOCX is a zip
    assert build.filename.endswith("-rapport.docx")


def test_an_unknown_format_is_refused_with_a_message(logged_in, held):
    response = start(logged_in, held.dialogue, fmt="exe")
    assert response.status_code == 400 and "PDF" in response.text
    assert not ReportBuild.objects.exists()


def test_only_the_last_finished_builds_are_kept(logged_in, held):
    for _ in range(7):
        ReportBuild.objects.create(
            dialogue=held.dialogue, format="pdf", status=ReportStatus.DONE, content=b"%PDF"
        )
    start(logged_in, held.dialogue)
    assert ReportBuild.objects.filter(status=ReportStatus.DONE).count() == 5
    assert ReportBuild.objects.filter(status=ReportStatus.QUEUED).count() == 1


def test_another_organisations_build_is_not_found(client, held):
    build = ReportBuild.objects.create(dialogue=held.dialogue, format="pdf")
    stranger = member_of(DialogueFactory().organisation, Role.OWNER)
    client.force_login(stranger)
    for name in ("feedback:report_progress", "feedback:report_download"):
        assert client.get(reverse(name, args=[build.pk])).status_code == 404
    assert start(client, held.dialogue).status_code == 404


def test_the_feedback_page_offers_the_builds(logged_in, held):
    page = logged_in.get(reverse("feedback:manage", args=[held.dialogue.pk])).text
    assert reverse("feedback:report_start", args=[held.dialogue.pk]) in page
    assert 'id="report-builds"' in page


# --- The worker beside `samrad serve` ------------------------------------------------------


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_the_worker_is_started_again_when_it_exits_and_stopped_with_the_server(monkeypatch):
    monkeypatch.setattr(taskworker, "RESTART_DELAY", 0.05)
    worker = taskworker.TaskWorker([sys.executable, "-c", "pass"]).start()
    try:
        wait_for(lambda: worker.starts >= 3)
    finally:
        worker.stop()
    assert not worker.thread.is_alive()
    sleeper = taskworker.TaskWorker([sys.executable, "-c", "import time; time.sleep(60)"])
    sleeper.start()
    wait_for(lambda: sleeper.process is not None)
    sleeper.stop()
    assert sleeper.process.poll() is not None and sleeper.starts == 1


def test_serve_runs_the_worker_unless_told_not_to(monkeypatch, settings):
    from samrad.core.management.commands import serve

    started = []

    class Fake:
        def start(self):
            started.append("start")
            return self

        def stop(self):
            started.append("stop")

    monkeypatch.setattr(taskworker, "TaskWorker", Fake)
    monkeypatch.setattr(serve, "run_uvicorn", lambda *a, **k: started.append("uvicorn"))
    from django.core.management import call_command

    call_command("serve")
    assert started == ["start", "uvicorn", "stop"]
    started.clear()
    call_command("serve", "--no-worker")
    assert started == ["uvicorn"]
    settings.SAMRAD_TASK_WORKER = False
    call_command("serve")
    assert started == ["uvicorn", "uvicorn"]


def test_the_direct_download_is_named_in_the_dialogues_language_too(logged_in, held):
    response = logged_in.get(reverse("feedback:report_docx", args=[held.dialogue.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="storby-2030-rapport.docx"'


def gone(pid: int) -> bool:
    """Exited: no such process, or a zombie nobody reaps (an orphan's end in a container)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in {"Z", "X"}
    except FileNotFoundError:
        return True


def test_the_worker_stops_by_itself_when_the_server_is_gone():
    """uvicorn ends `samrad serve` on SIGTERM by raising the signal again, so the server's
    clean-up may not run: the worker watches its parent instead."""
    import subprocess

    # the server passes its own pid, as `worker_command` does: it may be gone before the
    # worker has started
    grandchild = (
        "import sys, time; from samrad.core.taskworker import exit_with_parent; "
        "exit_with_parent(int(sys.argv[1]), 0.05); time.sleep(60)"
    )
    server = (
        "import os, subprocess, sys; "
        f"child = subprocess.Popen([sys.executable, '-c', {grandchild!r}, str(os.getpid())], "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(child.pid)"
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", server], capture_output=True, text=True, check=True, timeout=30
    )
    worker = int(done.stdout.strip())
    wait_for(lambda: gone(worker))


def test_serve_starts_the_worker_as_its_own_child():
    import os

    command = taskworker.worker_command()
    assert command[1:4] == ["-m", "samrad.core.taskworker", str(os.getpid())]
    assert command[4] == "db_worker" and "--no-reload" in command

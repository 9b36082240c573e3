"""The tests that need concurrent writers, on SQLite: in one subprocess whose test database is
a file (the in-memory test database refuses concurrent writers: "table locked"). The
PostgreSQL + Redis pass of `make test` runs them directly.

One subprocess for all of them, not one per module: each costs ~10 s before its first test
(Django, collection, a migrated database file), which four of them paid in every SQLite pass.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]

# module: (what -k picks in it, how many tests of it pass on the file)
ON_A_FILE = {
    # Through the services only: through the HTTP stack, each request opens a connection
    # whose set-up PRAGMAs meet the other writers' locks ("database is locked", no busy
    # wait), a known SQLite limit reported for samrad.core.db.sqlite3.
    "tests/security/test_concurrency.py": ("not api", 2),
    "tests/security/test_join_codes.py": ("at_once_never_share", 1),
    "tests/security/test_import_locks.py": ("", 3),
    "tests/core/test_editing_race.py": ("racing", 1),
}


def run_on_a_sqlite_file(test_files: list[str], tmp_path, select: str):
    """Run the tests of `test_files` that `select` (-k) picks, verbosely, in a subprocess
    whose test database is a SQLite file. Returns the finished process."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SAMRAD_VAR_DIR": str(tmp_path),
        "SAMRAD_TEST_SQLITE_FILE": str(tmp_path / "test.sqlite3"),
        "SAMRAD_SQLITE_SYNCHRONOUS": "NORMAL",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return subprocess.run(  # noqa: S603 (our own interpreter and test files)
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-k", select, *test_files],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.django_db
def test_concurrent_writers_on_a_sqlite_file(tmp_path):
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        pytest.skip("the tests run directly on this database")
    picks = []
    for module, (select, _count) in ON_A_FILE.items():
        name = module.rsplit("/", 1)[-1].removesuffix(".py")
        picks.append(f"({name} and ({select}))" if select else name)
    result = run_on_a_sqlite_file(list(ON_A_FILE), tmp_path, " or ".join(picks))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    for module, (_select, count) in ON_A_FILE.items():
        passed = re.findall(rf"^{re.escape(module)}::.+ PASSED", result.stdout, re.MULTILINE)
        assert len(passed) == count, (module, result.stdout[-3000:])

"""Django's SQLite backend with a process-wide pool of open connections.

Under ASGI every HTTP request runs its sync view in a thread of its own, so Django opens and
closes an SQLite connection per request (persistent connections are per thread, and those
threads do not live on). For SQLite in WAL mode that is the expensive part: opening runs the
PRAGMAs, the first write re-creates the WAL, and closing the last connection checkpoints the
WAL into the database and deletes it, each with fsyncs — about 20 ms against 0.3 ms for the
commit itself on an open connection (docs/performance.md). This backend hands a closed
connection back to a small pool instead, and the next request, in whichever thread, takes it.

Safe because Django already opens SQLite connections with check_same_thread=False and uses a
connection in one thread at a time; a connection is rolled back before it is pooled. In-memory
databases (the test suite) are left alone.
"""

import threading

from django.db.backends.sqlite3 import base

POOL_SIZE = 8

_idle: dict[str, list] = {}
_lock = threading.Lock()
# Databases already switched to WAL by this process. The mode is stored in the file, and
# `PRAGMA journal_mode=WAL` takes a lock without waiting for it (no busy timeout): run it on
# the first connection only, or a burst of new connections fails with "database is locked".
_wal_ready: set[str] = set()
_wal_lock = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    init_commands: list[str]  # set by Django from OPTIONS["init_command"]

    def _pool_key(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return str(self.settings_dict["NAME"])

    def get_new_connection(self, conn_params):
        key = self._pool_key()
        if key is None:
            return super().get_new_connection(conn_params)
        with _lock:
            idle = _idle.get(key)
            if idle:
                return idle.pop()
        with _wal_lock:  # the first connection switches to WAL while the others wait
            if key not in _wal_ready:
                connection = super().get_new_connection(conn_params)
                _wal_ready.add(key)
                return connection
        self.init_commands = [
            command
            for command in self.init_commands
            if "journal_mode" not in command.replace(" ", "").lower()
        ]
        return super().get_new_connection(conn_params)

    def _close(self):  # Django's private hook (BaseDatabaseWrapper._close), not in the stubs
        key = self._pool_key()
        connection = self.connection
        if key is None or connection is None:
            return super()._close()  # type: ignore[misc]
        with self.wrap_database_errors:
            if connection.in_transaction:
                connection.rollback()
            with _lock:
                idle = _idle.setdefault(key, [])
                if len(idle) < POOL_SIZE:
                    idle.append(connection)
                    return None
            return connection.close()

"""Django on a fresh, migrated SQLite database in a temporary var directory, for the in-process
benches (join_cost.py, request_cost.py): DATABASE_URL and REDIS_URL are ignored."""

import os
import tempfile


def django_on_fresh_sqlite(prefix: str) -> None:
    """Set up Django on a new SQLite database under a new temporary directory."""
    var = tempfile.mkdtemp(prefix=prefix)
    os.environ.update(SAMRAD_VAR_DIR=var, DJANGO_SETTINGS_MODULE="config.settings")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

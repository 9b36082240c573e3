"""The `samrad` console script: every Django management command, plus `samrad serve`."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reads the environment (config/settings.py)
    except ImproperlyConfigured as error:
        # A bad environment value: one line naming it, not a traceback.
        sys.exit(f"samrad: {error}")

    execute_from_command_line(sys.argv)

"""The suite hashes passwords with MD5 for speed (config/test_settings.py); production must
not. This reads the production settings module in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_the_suite_uses_the_fast_hasher():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.slow
def test_production_settings_hash_with_pbkdf2():
    """Slow: production settings in a subprocess, and one real PBKDF2 hash."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    code = (
        "import django; django.setup();"
        "from django.contrib.auth.hashers import get_hasher, make_password;"
        "print(get_hasher().algorithm, make_password('x').split('$')[0])"
    )
    output = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert output == ["pbkdf2_sha256", "pbkdf2_sha256"]

"""A bad environment value ends `samrad` with one clear line naming the variable, not a
traceback (issue 18.7)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", ""),
        ("DATABASE_URL", "nonsense"),
        ("REDIS_URL", "localhost:6379"),
        ("REDIS_URL", "redis://localhost:notaport/0"),
        ("SAMRAD_ANSWERS_PER_MINUTE", "many"),
        ("SAMRAD_TRUSTED_PROXIES", "my-proxy"),
    ],
)
def test_a_bad_value_is_named_in_one_line(name, value, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_"))}
    env.update({name: value, "SAMRAD_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and "Traceback" not in result.stderr

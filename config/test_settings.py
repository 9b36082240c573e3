"""Settings for the test suite: production settings with a fast password hasher, and under
pytest-xdist a Redis key prefix of each worker's own.

PBKDF2 costs about half a second per password here and hundreds of tests create users, so the
suite hashes with MD5; `tests/accounts/test_password_hasher.py` asserts that the production
settings still use Django's default (PBKDF2). Subprocesses the tests start (uvicorn, manage.py)
use `config.settings` itself.
"""

import os

_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker:
    # Each worker counts rate limits and joins channel groups under its own prefix, and the
    # servers the tests start inherit it through the environment.
    _base = os.environ.get("SAMRAD_REDIS_PREFIX", "samrad")
    if not _base.endswith(f"-{_worker}"):
        os.environ["SAMRAD_REDIS_PREFIX"] = f"{_base}-{_worker}"

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if USES_SQLITE and "NAME" not in DATABASES["default"].get("TEST", {}):  # noqa: F405
    # In memory, one database per xdist worker (pytest-django would otherwise derive a file
    # name from the absolute path of var/samrad.sqlite3, which cannot be opened).
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405

# Unit tests see a suggester trained within the request (deterministic); the background
# training is tested on its own (tests/insights/test_learning.py) and by the browser tests,
# whose server runs config.settings.
SAMRAD_SUGGESTER_IN_BACKGROUND = False

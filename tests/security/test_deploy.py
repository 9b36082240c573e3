"""Production settings pass Django's deployment checks, refuse to start without a strong
SECRET_KEY, and every response carries the Content-Security-Policy and the other headers.
The checks run `samrad` in a subprocess with the environment an operator sets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

# The subprocess inherits DATABASE_URL and REDIS_URL: on the PostgreSQL + Redis pass it checks
# the settings an operator runs with, so these tests stay in that pass without the `db` fixture.
pytestmark = pytest.mark.core


def samrad(*args: str, tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SAMRAD_", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_"))
    }
    environment.update(PYTHONPATH=str(ROOT), SAMRAD_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-c", "from samrad.cli import main; main()", *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "SAMRAD_ENV": "production",
    "ALLOWED_HOSTS": "samrad.kommun.example",
}


@pytest.mark.slow
def test_production_settings_pass_check_deploy(tmp_path):
    """Slow: `samrad check --deploy` in a subprocess."""
    result = samrad(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.slow
def test_development_settings_would_not_pass(tmp_path):
    """The control case: without SAMRAD_ENV=production the same check finds problems.
    Slow: `samrad check --deploy` in a subprocess."""
    result = samrad("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "secret_key, message",
    [
        (None, "needs SECRET_KEY"),
        ("short", "too weak"),
        ("django-insecure-" + "a" * 50, "too weak"),
        ("ab" * 30, "too weak"),
    ],
)
def test_production_refuses_to_start_without_a_strong_secret_key(tmp_path, secret_key, message):
    env = dict(PRODUCTION)
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    result = samrad("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "secret_key").exists()  # no key made up in production


def test_production_needs_allowed_hosts_and_no_debug(tmp_path):
    key = secrets.token_urlsafe(50)
    no_hosts = samrad("check", tmp_path=tmp_path, SAMRAD_ENV="production", SECRET_KEY=key)
    assert "needs ALLOWED_HOSTS" in no_hosts.stderr
    debug = samrad("check", tmp_path=tmp_path, SECRET_KEY=key, SAMRAD_DEBUG="1", **PRODUCTION)
    assert "SAMRAD_DEBUG must be off" in debug.stderr


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client, open_session):
    for url in [reverse("live:join"), reverse("live:join_code", args=[open_session.code])]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("style-src-attr")[0]
        )
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
    api = client.get("/api/v1/participate/current")
    assert "Content-Security-Policy" in api


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_or_handlers(client, open_session, choice_question):
    """What the policy forbids is not used: every script is a file, no on… attribute."""
    from tests.security.test_injection import DomCollector

    client.get(reverse("live:join_code", args=[open_session.code]))
    from tests.factories import member_of

    facilitator = member_of(open_session.dialogue.organisation)
    pages = [reverse("live:join_code", args=[open_session.code])]
    staff = [
        reverse("live:session_edit", args=[open_session.pk]),
        reverse("live:session_control", args=[open_session.pk]),
        reverse("live:presenter", args=[open_session.code]),
        reverse("live:entry_list", args=[open_session.pk]),
        reverse("dialogues:detail", args=[open_session.dialogue_id]),
    ]
    for url in pages:
        _assert_no_inline(DomCollector, client.get(url).content.decode(), url)
    client.force_login(facilitator)
    for url in staff:
        _assert_no_inline(DomCollector, client.get(url).content.decode(), url)


def _assert_no_inline(collector, html, url):
    dom = collector()
    dom.feed(html)
    for tag, attrs in dom.elements:
        assert tag != "script" or attrs.get("src"), f"{url}: inline script"
        assert tag != "style", f"{url}: inline <style>"
        assert not [a for a in attrs if a.startswith("on")], f"{url}: <{tag} on…>"

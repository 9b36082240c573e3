"""What a browser gets from a production server (issue 18, item 6): HTTPS only (plain HTTP is
redirected), HSTS, a strict Content-Security-Policy and only Secure cookies — every cookie
Samråd or Django sets, on the pages where a visitor gets it.

The settings are the ones `SAMRAD_ENV=production` really produces: `samrad` prints them in a
subprocess with an operator's environment (debug off), and the requests run with exactly
those values."""

import json
import secrets

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from samrad.signification.models import Survey, SurveyStatus
from tests.factories import DialogueFactory, OpenSessionFactory
from tests.security.test_deploy import PRODUCTION, samrad

HOST = "samrad.kommun.example"
SECURITY_SETTINGS = [
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "SAMRAD_CSP",
]
# Cookies a script of our own reads (insights-board.js sends the CSRF token from it).
READ_BY_SCRIPT = {"csrftoken"}


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory) -> dict:
    program = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
    )
    result = samrad(
        "shell",
        "-c",
        program,
        tmp_path=tmp_path_factory.mktemp("production"),
        SECRET_KEY=secrets.token_urlsafe(50),
        **{**PRODUCTION, "ALLOWED_HOSTS": HOST},
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False and values["ALLOWED_HOSTS"] == [HOST]
    return values


@pytest.fixture
def production(production_settings):
    with override_settings(**production_settings):
        yield


class HttpsClient(Client):
    """A browser on https://HOST/: every request over HTTPS."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


def https() -> Client:
    return HttpsClient(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="sv")


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production):
    for path in ["/", reverse("live:join"), reverse("accounts:login"), "/api/v1/openapi.json"]:
        response = Client(HTTP_HOST=HOST).get(path)
        assert response.status_code == 301, path
        assert response["Location"] == f"https://{HOST}{path}"


@pytest.mark.django_db
def test_https_answers_carry_hsts_and_a_strict_policy(production):
    session = OpenSessionFactory()
    client = https()
    for path in [
        reverse("live:join"),
        reverse("live:join_code", args=[session.code]),
        reverse("accounts:login"),
        "/api/v1/openapi.json",
        "/no-such-page/",
    ]:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), path
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        policy = dict(
            (directive.split()[0], directive.split()[1:])
            for directive in response["Content-Security-Policy"].split(";")
        )
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]  # no inline script, no eval, no other site
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
        unsafe = [name for name, values in policy.items() if "'unsafe-eval'" in values]
        assert unsafe == [] and "*" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_every_cookie_is_secure(production):
    """A visitor's way through the site, collecting every cookie set on the way."""
    seen = {}

    def collect(response):
        for name, morsel in response.cookies.items():
            if morsel.value:  # a deletion sets no value
                seen[name] = morsel

    session = OpenSessionFactory()
    survey = Survey.objects.create(
        dialogue=DialogueFactory(),
        title="Berättelser",
        prompt="Berätta om en gång då …",
        status=SurveyStatus.OPEN,
    )
    get_user_model().objects.create_user("anna", password="ett-långt-lösenord-2030")
    phone = https()
    collect(phone.get(reverse("live:join_code", args=[session.code])))  # participant, device
    collect(phone.post(reverse("set_language"), {"language": "nb", "next": "/"}))
    collect(phone.get(reverse("signification:public", args=[survey.code])))  # respondent
    facilitator = https()
    collect(facilitator.get(reverse("accounts:login")))  # CSRF token
    collect(
        facilitator.post(
            reverse("accounts:login"), {"username": "anna", "password": "ett-långt-lösenord-2030"}
        )
    )  # session
    names = set(seen)
    assert {"sessionid", "csrftoken", "django_language", "samrad_device"} <= names
    assert any(name.startswith("samrad_p") for name in names), names  # the participant's
    assert f"samrad_s{survey.pk}" in names
    for name, morsel in seen.items():
        assert morsel["secure"], f"{name} is sent over plain HTTP too"
        assert morsel["samesite"] in ("Lax", "Strict"), name
        if name not in READ_BY_SCRIPT:
            assert morsel["httponly"], f"{name} can be read by a script"

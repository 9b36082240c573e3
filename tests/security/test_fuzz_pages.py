"""Garbage into every page and form answers 4xx (or the page, with a message), never 5xx
(issue 19, item 3), the way tests/api/test_schemathesis.py fuzzes the API.

The URLs are not listed by hand: the test walks the URL resolver (as test_ownership.py does,
with its PARAMETERS map) and sends, as the owner, anonymously and as a phone that has joined:

- GET with every query value that any view reads set to a bad id;
- POST with every form field name that any view reads set to a bad id, all at once;
- POST of each form on the page (as the page renders it) with one field at a time bad.

Anonymous visitors and phones try the public pages (test_ownership.py proves that every other
page sends them to the login page before reading anything).

A bad id is what a probe typed: digits that are not ASCII ("²", "١٢"), words, signs, a huge
number, NUL. The field names come from the views' source (request.POST / request.GET reads)
and from the pages' own forms, so a new view is fuzzed without registering anything.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

import samrad
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import ParticipantFactory
from tests.security.conftest import World, build_world, worlds_per_module
from tests.security.test_ownership import PUBLIC, _fill, page_urls

pytestmark = [pytest.mark.django_db]

BAD_VALUES = ["²", "9" * 30]
# URL words (an action, a format) replaced by garbage too: they must be refused, not crash.
BAD_WORDS = ["²"]
FIELD_TAGS = ("input", "textarea", "select", "button")
READ = re.compile(r"request\.(?:POST|GET|FILES)(?:\.get|\.getlist)?[(\[]\"([A-Za-z_][\w-]*)\"")


def field_names() -> list[str]:
    """Every form or query field that a view reads by name."""
    root = Path(samrad.__file__).parent
    names = set()
    for path in root.rglob("*.py"):
        names |= set(READ.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


class FormCollector(HTMLParser):
    """The forms of a page (plain and htmx): (method, action, {name: value}) as rendered."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, str, dict]] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = "post" if attrs.get("hx-post") else (attrs.get("method") or "get").lower()
            action = attrs.get("hx-post") or attrs.get("hx-get") or attrs.get("action") or ""
            self._current = {}
            if method in ("get", "post"):
                self.forms.append((method, action, self._current))
        elif self._current is not None and attrs.get("name") and tag in FIELD_TAGS:
            self._current.setdefault(attrs["name"], attrs.get("value") or "1")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


# Pages left out: posting to them ends the owner's login, and every later request with it.
SKIPPED = {"accounts:logout"}


# Built once per module (and xdist worker); each shard's writes are rolled back after it.
module_worlds_built, module_worlds = worlds_per_module(lambda: build_world(apps=True))
# The walk is dealt into shards, so that pytest-xdist spreads it over both cores.
SHARDS = 4


def named_pages():
    return [page for page in page_urls() if page[0] and page[0] not in SKIPPED]


def _clients(w: World) -> dict[str, Client]:
    owner, anonymous, phone = (Client(raise_request_exception=False) for _ in range(3))
    owner.force_login(w.owner)
    sessions = [w.session, w.apps["workshop"].session, w.apps["concerns_workshop"].session]
    for session in sessions:
        participant = ParticipantFactory(session=session)
        phone.cookies[cookie_name(session.pk)] = participant_token(participant)
    return {"owner": owner, "anonymous": anonymous, "phone": phone}


def _confirm_token(w) -> str:
    from samrad.feedback.follow import confirm_token

    return confirm_token(w.apps["subscriber"])


# Public pages' parameters (test_ownership.py's map covers the facilitators' pages).
PUBLIC_PARAMETERS = {
    ("accounts:password_reset_confirm", "uidb64"): lambda w: "MQ",
    ("accounts:password_reset_confirm", "token"): lambda w: "set-password",
    ("concerns:phone_command", "command"): lambda w: "dot",
    ("signification:peek", "token"): lambda w: w.apps["survey"].peek_token,
    ("signification:public", "code"): lambda w: w.apps["survey"].code,
    ("signification:story_delete", "code"): lambda w: w.apps["survey"].code,
    ("feedback:public", "slug"): lambda w: w.apps["public_page"].slug,
    ("feedback:unsubscribe", "token"): lambda w: w.apps["subscriber"].token,
    ("feedback:follow", "slug"): lambda w: w.apps["public_page"].slug,
    ("feedback:confirm", "token"): lambda w: _confirm_token(w),
    ("accounts:invitation", "token"): lambda w: "not-a-real-invitation",
    ("live:participant_upvote", "response_id"): lambda w: w.post.pk,
    ("live:presenter_link", "secret"): lambda w: _presenter_secret(w),
    ("live:question_image", "question_id"): lambda w: w.session.current_question_id or 1,
    ("live:question_image", "name"): lambda w: "not-an-image.png",
}


def _presenter_secret(w: World) -> str:
    from samrad.live import services

    return services.presenter_link_create(session=w.session)


def _url(w: World, name: str, namespace, parameters, overrides=None) -> str:
    public = {
        p: PUBLIC_PARAMETERS[(name, p)](w) for p in parameters if (name, p) in PUBLIC_PARAMETERS
    }
    rest = [p for p in parameters if p not in public]
    kwargs = {**_fill(w, name, namespace[-1] if namespace else "", rest), **public}
    if name.startswith(("workshops:phone", "concerns:phone")) and "code" in kwargs:
        workshop = w.apps["workshop" if name.startswith("workshops") else "concerns_workshop"]
        kwargs["code"] = workshop.session.code
    kwargs.update(overrides or {})
    return reverse(name, kwargs=kwargs)


FAILURES: list = []


def _check(response, what) -> None:
    if response.status_code >= 500:
        FAILURES.append((what, response.status_code))


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_garbage_never_gives_a_server_error(shard, settings, module_worlds):
    """Every page × three visitors × the bad values, then every form field by field; each
    shard takes every SHARDS-th named page. A download (leaflet, report, export) is built
    once, for the first GET: it refuses POST (405) without building anything."""
    settings.SAMRAD_ANSWERS_PER_MINUTE = 1_000_000
    (w,) = module_worlds
    clients = _clients(w)
    names = field_names()
    assert {"question", "group", "project", "theme", "next"} <= set(names)
    every_page = named_pages()
    assert len(every_page) >= 100
    # The URL list, built once for both walks (each URL costs a few queries to fill).
    pages = [
        (name, namespace, parameters, _url(w, name, namespace, parameters))
        for name, namespace, parameters in every_page[shard::SHARDS]
    ]
    downloads: set[str] = set()
    checked = 0
    for name, namespace, parameters, url in pages:
        visitors = clients if name in PUBLIC else {"owner": clients["owner"]}
        for who, client in visitors.items():
            for bad in BAD_VALUES:
                query = {field: bad for field in names}
                got = client.get(url, query)
                _check(got, (who, "GET", url, bad))
                posted = client.post(url, query)
                _check(posted, (who, "POST", url, bad))
                if got.get("Content-Disposition", "").startswith("attachment"):
                    if posted.status_code != 405:
                        FAILURES.append(((who, "POST", url), "a download that answers POST"))
                    downloads.add(url)
                    break  # a download (PDF, DOCX): reads no ids, and is slow to build
        # words in the path (an action, a format, a code) replaced by garbage
        for parameter in parameters:
            if parameter.endswith(("pk", "_id")):
                continue
            for bad in BAD_WORDS:
                try:
                    bad_url = _url(w, name, namespace, parameters, {parameter: bad})
                except NoReverseMatch:  # the pattern itself refuses it (a fixed list of words)
                    continue
                for who, client in visitors.items():
                    _check(client.get(bad_url), (who, "GET", bad_url))
                    _check(client.post(bad_url, {}), (who, "POST", bad_url))
        checked += 1
    assert checked == len(pages) >= 100 // SHARDS
    # The forms are read from HTML pages only: a download (built in seconds) has none.
    _fuzz_forms([page for page in pages if page[3] not in downloads], clients["owner"])
    failures = sorted({repr(failure)[:300] for failure in FAILURES})
    FAILURES.clear()
    assert failures == [], "\n".join(failures)


def _fuzz_forms(pages: list, owner: Client) -> None:
    """Each page's POST forms as rendered for the owner, one field at a time set to garbage."""
    forms_seen = 0
    for _name, _namespace, _parameters, url in pages:
        page = owner.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        collector = FormCollector()
        collector.feed(page.content.decode("utf-8", "replace"))
        for method, action, fields in collector.forms:
            target = action if action.startswith("/") else url
            fields.pop("csrfmiddlewaretoken", None)
            forms_seen += 1
            send = owner.post if method == "post" else owner.get
            for field in fields:
                for bad in ("²",):
                    body = {**fields, field: bad}
                    _check(send(target, body), ("owner", method, target, field, bad))
    assert forms_seen >= 30 // SHARDS

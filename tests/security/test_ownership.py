"""Every facilitator page and API endpoint refuses another organisation's objects by id, and
every facilitator page sends anonymous visitors to the login page.

The URLs are not listed by hand: the tests walk the URL resolver (pages) and the OpenAPI
schema (API) and fill each URL's parameters from one organisation's objects through the
explicit maps below. A new URL whose parameter the maps cannot fill FAILS the test, so a new
app must say here what its parameters name. To register a new app's URLs:

- a parameter named after one kind of object everywhere (`workshop_pk`): add it to
  `PARAMETERS` with a function of the `World` (tests/security/conftest.py; add the object
  to `build_world` too);
- a parameter whose meaning depends on the app (`pk`): add `(namespace, name)` to
  `PARAMETERS`;
- a parameter that is a word, not an id (`action`, `fmt`): add `(url name, name)` with a
  value that works for the owner (the owner's request must not answer 403/404, so that the
  refusal of the other organisation means something);
- a public page (participants, the feedback page): add its URL name to `PUBLIC`.
"""

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samrad.api.api import api
from samrad.live.models import Response
from tests.factories import QuestionFactory
from tests.security.conftest import World, bearer, build_world, worlds_per_module

pytestmark = pytest.mark.django_db

# Two organisations with every app's objects, built once for the module (seconds each); each
# test's writes are rolled back after it (tests/security/conftest.py, worlds_per_module).
module_worlds_built, module_worlds = worlds_per_module(
    lambda: build_world(apps=True), lambda: build_world(apps=True)
)


@pytest.fixture
def world(module_worlds) -> World:
    return module_worlds[0]


@pytest.fixture
def other_world(module_worlds) -> World:
    return module_worlds[1]


# URL name → why anyone may open it without logging in.
PUBLIC = {
    "": "the start page redirects to the join page",
    "set_language": "language switch",
    "accounts:login": "login",
    "accounts:logout": "logout",
    "accounts:password_reset": "password reset by e-mail",
    "accounts:password_reset_done": "password reset by e-mail",
    "accounts:password_reset_confirm": "password reset link (signed token)",
    "accounts:password_reset_complete": "password reset by e-mail",
    "live:join": "participants: type the code",
    "live:join_code": "participants: the phone page (participant cookie)",
    "live:participant_question": "participants (participant cookie)",
    "live:participant_respond": "participants (participant cookie)",
    "opinions:phone_card": "participants: the next statement (participant cookie)",
    "live:participant_qa": "participants (participant cookie)",
    "live:participant_upvote": "participants (participant cookie)",
    "live:participant_react": "participants: reactions (participant cookie)",
    "live:participant_nickname": "participants: a quiz nickname (participant cookie)",
    "live:presenter_link": "the projector through a presenter link (its unguessable secret)",
    "live:question_image": "a question's image, for phones and projector (its random name)",
    "live:my_data": "participants: their own data (participant cookie)",
    "live:my_data_download": "participants: their own data (participant cookie)",
    "workshops:phone": "participants: a workshop's phone page (participant cookie)",
    "workshops:phone_step": "participants: a workshop's phone page (participant cookie)",
    "workshops:phone_board": "participants: the mapping board on a phone (participant cookie)",
    "workshops:phone_place": "participants: the mapping board on a phone (participant cookie)",
    "concerns:phone_screen": "participants: a concerns step on a phone (participant cookie)",
    "concerns:phone_command": "participants: a concerns step on a phone (participant cookie)",
    "signification:public": "participants: the story survey form, by its code",
    "signification:story_delete": "participants: deleting their own story (survey cookie)",
    "signification:peek": "the sneak peek, behind an unguessable token",
    "feedback:public": "the dialogue's public page (published pages only)",
    "feedback:subscribe": "residents sign up for feedback, by the code on the leaflet",
    "feedback:unsubscribe": "the unsubscribe link in each e-mail (its own token)",
    "feedback:follow": "residents follow a dialogue from its public page (published only)",
    "feedback:confirm": "the confirmation link of a sign-up (signed token; a button confirms)",
    "accounts:invitation": "a team invitation link (signed, single-use token; accepting logs in)",
}
SKIPPED_NAMESPACES = {
    "admin": "Django's admin: staff only, its own login",
    "api-v1": "tested through the OpenAPI schema below",
}


def _entry(world: World):
    """An open-input entry of the world's session (the entry moderation pages' objects)."""
    if "entry" not in world.apps:
        question = QuestionFactory(session=world.session, kind="open")
        world.apps["entry"] = Response.objects.create(
            question=question, participant=world.respondent, text="Fler bänkar", input_kind="input"
        )
    return world.apps["entry"]


def _wordcloud(world: World):
    """A word-cloud question of the world's session (the word groups pages' object)."""
    if "wordcloud" not in world.apps:
        world.apps["wordcloud"] = QuestionFactory(session=world.session, kind="wordcloud")
    return world.apps["wordcloud"]


def _statements(w: World) -> dict:
    """A statements question of the world's session with one statement (made on first use)."""
    if "statements" not in w.apps:
        from samrad.opinions.services import statement_seed
        from tests.factories import QuestionFactory

        question = QuestionFactory(session=w.session, kind="statements")
        w.apps["statements"] = question
        w.apps["statement"] = statement_seed(question=question, text="Fler cykelbanor")
    return w.apps


def _report_build(w: World):
    """A finished report build of the world's dialogue (made on first use)."""
    if "report_build" not in w.apps:
        from samrad.feedback.models import ReportBuild

        w.apps["report_build"] = ReportBuild.objects.create(
            dialogue=w.dialogue, format="pdf", status="done", content=b"%PDF", filename="r.pdf"
        )
    return w.apps["report_build"]


# How to fill a URL parameter from one organisation's objects. Keys: a parameter name, or
# (namespace, name), or (url name, name); the most specific wins.
PARAMETERS = {
    ("dialogues", "pk"): lambda w: w.dialogue.pk,
    ("live", "pk"): lambda w: w.session.pk,
    "dialogue_pk": lambda w: w.dialogue.pk,
    "dialogue_id": lambda w: w.dialogue.pk,
    "session_id": lambda w: w.session.pk,
    "question_pk": lambda w: w.qa_question.pk,
    "question_id": lambda w: w.qa_question.pk,
    "response_pk": lambda w: w.post.pk,
    "participant_pk": lambda w: w.respondent.pk,
    "code": lambda w: w.session.code,
    "fmt": lambda w: "csv",
    ("live:session_command", "action"): lambda w: "open",
    ("live:question_action", "action"): lambda w: "up",
    ("live:entry_new", "channel"): lambda w: "paper",
    ("live:qa_post_action", "action"): lambda w: "approve",
    ("live:poll_add", "key"): lambda w: "composition",
    ("live:poll_first", "key"): lambda w: "composition",
    ("live:entry_moderation", "question_pk"): lambda w: _entry(w).question_id,
    ("live:entry_premoderation", "question_pk"): lambda w: _entry(w).question_id,
    ("live:entry_action", "question_pk"): lambda w: _entry(w).question_id,
    ("live:entry_action", "response_pk"): lambda w: _entry(w).pk,
    ("live:entry_action", "action"): lambda w: "hide",
    ("live:word_groups", "question_pk"): lambda w: _wordcloud(w).pk,
    ("live:word_group_action", "question_pk"): lambda w: _wordcloud(w).pk,
    ("live:word_group_action", "action"): lambda w: "split",
    "organisation_pk": lambda w: w.dialogue.organisation_id,
    ("sessions", "action"): lambda w: "open",  # API: /sessions/{id}/control/{action}
    # input board: d/<pk>/ is the dialogue, themes/imports/inputs name their objects
    ("insights", "pk"): lambda w: w.dialogue.pk,
    ("insights:theme_edit", "pk"): lambda w: w.apps["theme"].pk,
    ("insights:import_preview", "pk"): lambda w: w.apps["batch"].pk,
    ("insights:import_progress", "pk"): lambda w: w.apps["batch"].pk,
    ("insights:foreign_preview", "pk"): lambda w: w.apps["batch"].pk,
    ("insights:input_row", "pk"): lambda w: w.apps["input"].pk,
    ("insights:input_code", "pk"): lambda w: w.apps["input"].pk,
    ("insights:input_answer", "pk"): lambda w: w.apps["input"].pk,
    ("insights:input_status", "pk"): lambda w: w.apps["input"].pk,
    ("insights:input_publish", "pk"): lambda w: w.apps["input"].pk,
    ("insights:input_unmerge", "pk"): lambda w: w.apps["input"].pk,
    ("insights:export", "fmt"): lambda w: "conference.csv",
    # workshops: <pk> is the (mapping) workshop, <step_pk> one of its steps
    ("workshops", "pk"): lambda w: w.apps["workshop"].pk,
    ("workshops", "step_pk"): lambda w: w.apps["workshop_step"].pk,
    ("workshops:command", "action"): lambda w: "next",
    ("workshops:report", "fmt"): lambda w: "pdf",
    # concerns: a "Lös en farhåga" workshop and one of its concerns steps
    ("concerns", "pk"): lambda w: w.apps["action"].pk,
    ("concerns", "workshop_pk"): lambda w: w.apps["concerns_workshop"].pk,
    ("concerns", "step_pk"): lambda w: w.apps["concerns_step"].pk,
    ("concerns:step_screen", "screen"): lambda w: "facilitator",
    ("concerns:step_command", "command"): lambda w: "open",
    # planning: <pk> is the dialogue
    ("planning", "pk"): lambda w: w.dialogue.pk,
    "measure_pk": lambda w: w.apps["measure"].pk,
    "group_pk": lambda w: w.apps["target_group"].pk,
    "lab_pk": lambda w: w.apps["lab"].pk,
    # signification: <pk> is the survey
    ("signification", "pk"): lambda w: w.apps["survey"].pk,
    ("signification", "signifier_pk"): lambda w: w.apps["signifier"].pk,
    ("signification:status", "status"): lambda w: "open",
    ("signification:signifier_action", "action"): lambda w: "down",
    # feedback: <pk> is the dialogue, except a mailing's page
    ("feedback", "pk"): lambda w: w.dialogue.pk,
    ("feedback:mailing", "pk"): lambda w: w.apps["mailing"].pk,
    "build_pk": lambda w: _report_build(w).pk,
    # opinions: <pk> is the session, <question_pk> a statements question
    ("opinions", "pk"): lambda w: w.session.pk,
    ("opinions", "question_pk"): lambda w: _statements(w)["statements"].pk,
    ("opinions", "question_id"): lambda w: _statements(w)["statements"].pk,
    ("opinions", "statement_pk"): lambda w: _statements(w)["statement"].pk,
    ("opinions:moderate", "action"): lambda w: "hide",
    # edit in place (core/editing.py): <key> names what is edited, <pk> the object
    ("editing", "key"): lambda w: "dialogues.meeting",
    ("editing", "pk"): lambda w: w.meeting.pk,
}


def _walk(patterns, namespace=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(namespace + ((pattern.name or ""),))
            yield name, namespace, list(pattern.pattern.converters)


def page_urls():
    """(url name, namespace, parameter names) of every page outside the skipped namespaces."""
    return [
        (name, namespace, params)
        for name, namespace, params in _walk(get_resolver().url_patterns)
        if not (namespace and namespace[0] in SKIPPED_NAMESPACES)
    ]


# API operations with a required body: a valid one, so that the request reaches the lookup
# of the object (an invalid body is refused with 422 before, for everyone alike).
BODIES = {
    "/api/v1/dialogues/{dialogue_id}/sessions": {"title": "Möte"},
    "/api/v1/sessions/{session_id}/questions": {"kind": "open", "prompt": "Vad tycker du?"},
}


def _filler(name: str, group: str, parameter: str):
    return (
        PARAMETERS.get((name, parameter))
        or PARAMETERS.get((group, parameter))
        or PARAMETERS.get(parameter)
    )


def _fill(world: World, name: str, group: str, parameters) -> dict:
    return {p: _filler(name, group, p)(world) for p in parameters}


def test_every_page_parameter_is_registered():
    missing = [
        f"{name}: <{parameter}>"
        for name, namespace, parameters in page_urls()
        if name not in PUBLIC
        for parameter in parameters
        if _filler(name, namespace[-1] if namespace else "", parameter) is None
    ]
    assert missing == [], (
        "These URL parameters are not in tests/security/test_ownership.py PARAMETERS; "
        "register them (see the module docstring): " + ", ".join(missing)
    )


def test_public_list_names_only_existing_pages():
    names = {name for name, _namespace, _parameters in page_urls()}
    assert set(PUBLIC) <= names, set(PUBLIC) - names


# POST-only pages that refuse a missing or unknown form value with 404 (an id typed into a
# form, a word from a fixed list): a valid form, so that the owner's request gets past it.
FORMS = {
    "insights:input_status": lambda w: {"status": "considered"},
    "workshops:place": lambda w: {
        "project": w.apps["workshop"].projects.first().pk,
        "image": w.apps["workshop"].framework.images.first().pk,
    },
}


def _request(client: Client, url: str, form=None, **headers):
    """GET, or POST when the URL takes only POST (405 on GET)."""
    response = client.get(url, **headers)
    if response.status_code == 405:
        response = client.post(url, form or {}, **headers)
    return response


@pytest.mark.slow
def test_pages_refuse_another_organisations_objects(world, other_world):
    """Slow: every facilitator page, as the outsider and as the owner."""
    checked = []
    outsider, owner = Client(), Client()
    outsider.force_login(other_world.owner)
    owner.force_login(world.owner)
    for name, namespace, parameters in page_urls():
        if name in PUBLIC or not parameters:
            continue
        url = reverse(name, kwargs=_fill(world, name, namespace[-1], parameters))
        form = FORMS[name](world) if name in FORMS else None
        refused = _request(outsider, url, form)
        assert refused.status_code in (403, 404), f"{name} {url}: {refused.status_code}"
        # The same URL works for its own organisation: the refusal above is about ownership.
        allowed = _request(owner, url, form)
        assert allowed.status_code not in (403, 404), f"{name} {url}: {allowed.status_code}"
        checked.append(name)
    assert "live:qa_post_action" in checked and "dialogues:detail" in checked
    for app in ("insights", "workshops", "concerns", "planning", "signification", "feedback"):
        assert any(name.startswith(app + ":") for name in checked), app


def test_pages_send_anonymous_visitors_to_login(world):
    login = reverse("accounts:login")
    anonymous = Client()
    checked = 0
    for name, namespace, parameters in page_urls():
        if name in PUBLIC:
            continue
        url = reverse(name, kwargs=_fill(world, name, namespace[-1], parameters))
        for response in (anonymous.get(url), anonymous.post(url)):
            assert response.status_code == 302, f"{name} {url}: {response.status_code}"
            assert response.url.startswith(login), f"{name} {url} → {response.url}"
        checked += 1
    assert checked >= 15


# --- API -------------------------------------------------------------------------------------


def api_operations():
    """(method, path template, operation id, path parameters) of every bearer-token
    operation in the OpenAPI schema."""
    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            schemes = {name for item in operation.get("security", []) for name in item}
            if "FacilitatorToken" not in schemes:
                continue
            parameters = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
            if operation.get("requestBody", {}).get("required") and parameters:
                assert path in BODIES, f"add a valid body for {method} {path} to BODIES"
            operations.append((method, path, operation["operationId"], parameters))
    return operations


def _api_url(world: World, path: str, parameters) -> str:
    group = path.strip("/").split("/")[2]  # /api/v1/<group>/...
    for parameter in parameters:
        value = _filler("", group, parameter)(world)
        path = path.replace("{" + parameter + "}", str(value))
    return path


def test_every_api_parameter_is_registered():
    operations = api_operations()
    assert len(operations) >= 10
    missing = [
        f"{path}: {{{parameter}}}"
        for _method, path, _id, parameters in operations
        for parameter in parameters
        if _filler("", path.strip("/").split("/")[2], parameter) is None
    ]
    assert missing == [], "register these API path parameters in PARAMETERS: " + str(missing)


def test_api_refuses_another_organisations_objects_and_anonymous_callers(world, other_world):
    outsider, owner = bearer(other_world.owner), bearer(world.owner)
    client = Client()
    checked = 0
    for method, path, operation_id, parameters in api_operations():
        url = _api_url(world, path, parameters)
        call = getattr(client, method)
        body = (
            {"data": json.dumps(BODIES.get(path, {})), "content_type": "application/json"}
            if method == "post"
            else {}
        )
        assert call(url, **body).status_code == 401, f"anonymous {method} {url}"
        if not parameters:
            continue
        refused = call(url, **body, **outsider)
        assert refused.status_code in (403, 404), f"{operation_id} {url}: {refused.status_code}"
        allowed = call(url, **body, **owner)
        assert allowed.status_code not in (401, 403, 404), f"{operation_id} {url}: {allowed}"
        checked += 1
    assert checked >= 10


def test_worlds_do_not_share_objects(world, other_world):
    """The fixture itself: two organisations, nothing in common (else the tests above would
    prove nothing)."""
    third = build_world()
    assert len({world.dialogue.organisation_id, other_world.dialogue.organisation_id}) == 2
    assert third.session.pk not in {world.session.pk, other_world.session.pk}

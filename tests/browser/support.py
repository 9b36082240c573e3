"""Helpers shared by the browser tests and `bench/screenshots.py`.

Plain functions, no pytest: a fresh SQLite database with the demo data, a uvicorn
subprocess serving it, Debian's chromium through Playwright's sync API, and a few page
helpers (log in, drive the control page, run axe-core).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CHROMIUM = os.environ.get("SAMRAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

USERNAME = "demo"
PASSWORD = "samrad-demo"
# Browser contexts. English, so that the tests do not follow the translations' wording.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "locale": "en-US"}
DESKTOP = {"viewport": {"width": 1440, "height": 900}, "device_scale_factor": 1, "locale": "en-US"}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "en-US"}

# The demo session (samrad/site/management/commands/demo.py), in order.
WORDCLOUD, CHOICE, OPEN = 0, 1, 2
# ...and further demo questions, found by their prompts (Control.index_of).
SCALE_PROMPT = "Hur nöjd är du med Storby som plats att bo på?"
RANKING_PROMPT = "Vad ska kommunen satsa på först? Ordna från viktigast."
NUMERIC_PROMPT = "Hur många år har du bott i Storby?"
POINTS_PROMPT = "Fördela 100 poäng: vad ska budgeten räcka till?"


def chromium_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"chromium not found at {CHROMIUM}: run `make test-deps`"
    return None


# --- The server ----------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    code: str
    session_id: int
    var_dir: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None
    log: Path | None = None
    extra: dict = field(default_factory=dict)
    api_token: str = ""  # the demo facilitator's, for the facilitator API (/api/v1/)

    def __call__(self, path: str) -> str:
        return self.url + path

    @property
    def control_url(self) -> str:
        return self(f"/sessions/{self.session_id}/control/")

    @property
    def presenter_url(self) -> str:
        return self(f"/present/{self.code}/")

    @property
    def phone_url(self) -> str:
        return self(f"/j/{self.code}/")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Always the embedded SQLite file and in-memory channel layer, whatever the caller has.
    for name in ("DATABASE_URL", "REDIS_URL", "SAMRAD_SITE_URL", "SAMRAD_DEMO_PASSWORD"):
        env.pop(name, None)
    env.update(
        SAMRAD_VAR_DIR=str(var_dir),
        SECRET_KEY="browser-tests-only-" + var_dir.name,
        DJANGO_SETTINGS_MODULE="config.settings",
        SAMRAD_DEBUG="0",
        SAMRAD_SQLITE_SYNCHRONOUS="NORMAL",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a guard against a hang, not a measure: migrate takes minutes at load 15
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def start_server(var_dir: Path, *, timeout: float = 120) -> Server:
    """Migrate a fresh database under `var_dir`, load the demo, serve it; return when it answers.

    uvicorn starts while the database is being migrated (its start-up touches no table), which
    saves a couple of seconds per test module.
    """
    var_dir.mkdir(parents=True, exist_ok=True)
    env = server_env(var_dir)
    port = _free_port()
    log = var_dir / "server.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603  (our own interpreter and manage.py)
            [PYTHON, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    server = Server(
        url=f"http://127.0.0.1:{port}",
        code="",
        session_id=0,
        var_dir=var_dir,
        env=env,
        process=process,
        log=log,
    )
    try:
        _manage(env, "migrate", "--no-input", "-v0")
        output = _manage(env, "demo", "--host", f"127.0.0.1:{port}")
        code = re.search(r"Join code: (\d{6})", output)
        control = re.search(r"control:\s+\S*/sessions/(\d+)/control/", output)
        if not (code and control):
            raise RuntimeError(f"could not read the join code from `manage.py demo`:\n{output}")
        server.code, server.session_id = code.group(1), int(control.group(1))
        server.api_token = _manage(env, "apitoken", "create", USERNAME, "--name", "tests").strip()
        _wait_until_it_answers(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_it_answers(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"the server exited ({server.process.returncode}):\n{server.log.read_text()}"
            )
        try:
            with urllib.request.urlopen(server("/join/"), timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            log = server.log.read_text()
            raise RuntimeError(f"the server did not answer in {timeout} s:\n{log}")
        time.sleep(0.1)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# --- Pages ---------------------------------------------------------------------------------


def login_state(server: Server) -> dict:
    """The demo facilitator's cookies, logged in over plain HTTP, as Playwright storage state."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = server("/accounts/login/")
    opener.open(login, timeout=10).close()
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = {"csrfmiddlewaretoken": csrf, "username": USERNAME, "password": PASSWORD}
    request = urllib.request.Request(  # noqa: S310  (our own server)
        login, data=urllib.parse.urlencode(form).encode(), headers={"Referer": login}
    )
    opener.open(request, timeout=30).close()
    if "sessionid" not in {cookie.name for cookie in jar}:
        raise AssertionError("the demo facilitator could not log in")
    cookies = [
        {
            "name": c.name,
            "value": c.value,
            "domain": "127.0.0.1",
            "path": c.path or "/",
            "expires": -1,
            "httpOnly": False,
            "secure": False,
            "sameSite": "Lax",
        }
        for c in jar
    ]
    return {"cookies": cookies, "origins": []}


def log_in(page, server: Server) -> None:
    page.goto(server("/accounts/login/"))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    if "/accounts/login/" in page.url:
        raise AssertionError("the demo facilitator could not log in")


def join(page, server: Server) -> None:
    """A phone joins the way people do: type the code at /join."""
    page.goto(server("/join/"))
    page.fill("#code", server.code)
    with page.expect_navigation(url=re.compile(rf"/j/{server.code}/$")):
        page.locator("main form button[type=submit]").click()


class Control:
    """The facilitator's control page; commands go as the form POSTs the buttons make."""

    def __init__(self, page, server: Server):
        self.page = page
        self.server = server
        self._question_ids: list[int] | None = None

    def open(self) -> None:
        self.page.goto(self.server.control_url)

    @property
    def question_ids(self) -> list[int]:
        if self._question_ids is None:
            if self.page.url != self.server.control_url:
                self.open()
            values = self.page.locator("input[name=question]").evaluate_all(
                "inputs => inputs.map(i => i.value)"
            )
            self._question_ids = [int(v) for v in values]
        return self._question_ids

    def click(self, name: str) -> None:
        """Click a control button and wait for the control page to come back."""
        if self.page.url != self.server.control_url:
            self.open()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=name, exact=True).click()

    def post(self, path: str, **data) -> None:
        """The facilitator's form POST to `path`, as a button of theirs sends it."""
        token = self.page.context.cookies(self.server.url)
        csrf = next(c["value"] for c in token if c["name"] == "csrftoken")
        response = self.page.request.post(
            self.server(path),
            form={"csrfmiddlewaretoken": csrf, **{k: str(v) for k, v in data.items()}},
            headers={"X-CSRFToken": csrf},
            max_redirects=0,  # the redirect back to the page is not needed here
        )
        if response.status not in (200, 302):
            raise AssertionError(f"{path} answered {response.status}")

    def command(self, action: str, **data) -> None:
        self.post(f"/sessions/{self.server.session_id}/control/{action}/", **data)

    def go_to(self, index: int) -> None:
        self.command("goto", question=self.question_ids[index])

    def index_of(self, prompt: str) -> int:
        """The index of the demo question with this prompt."""
        if self.page.url != self.server.control_url:
            self.open()
        buttons = self.page.locator(".question-list input[name=question] + button")
        return buttons.all_inner_texts().index(prompt)

    def questions(self) -> dict[int, dict]:
        """Each question as the facilitator API gives it (its switches), by id."""
        response = self.page.request.get(
            self.server(f"/api/v1/sessions/{self.server.session_id}/questions"),
            headers={"Authorization": f"Bearer {self.server.api_token}"},
        )
        if response.status != 200:
            raise AssertionError(f"the questions answered {response.status}")
        return {question["id"]: question for question in response.json()}

    def fresh_start(self, index: int = WORDCLOUD) -> None:
        """Open session, every question open (no countdown), shown (not only after closing,
        not on phones) and without answers; on `index`. Each question's switches are read
        first and only those that are off are switched (2.55 s a start when all five commands
        went for every question, 45 tests); every question is emptied all the same."""
        self.command("open")
        questions = self.questions()
        for question_id in self.question_ids:
            question = questions[question_id]
            self.command("goto", question=question_id)
            if not question["accepting"] or question["countdown_remaining"] is not None:
                self.command("accept")  # also ends a countdown
            if not question["results_visible"]:
                self.command("show")
            if question["results_after_close"]:
                self.command("after_close_off")
            if question["results_on_phones"]:
                self.command("phone_results_off")
            self.command("reset")
        self.go_to(index)


# --- axe-core ------------------------------------------------------------------------------


AXE_LIMIT_MS = 30_000  # axe.run takes well under a second here; a page.evaluate has no timeout


def axe_violations(page, *, context: str = "document", rules: list[str] | None = None) -> list:
    """axe-core's violations on `page`: the WCAG tags, or only `rules` (by name). A run that
    does not finish within AXE_LIMIT_MS fails the test (page.evaluate would wait forever)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not as an inline <script>: the pages' Content-Security-
        # Policy refuses inline scripts (and should, in these tests too).
        page.evaluate(AXE_JS.read_text())
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    return page.evaluate(
        f"""async ([runOnly, limit]) => {{
            const late = new Promise((_, fail) => setTimeout(
                () => fail(new Error(`axe.run did not finish in ${{limit}} ms`)), limit));
            const result = await Promise.race([
                axe.run({context}, {{runOnly, resultTypes: ['violations']}}), late]);
            return result.violations.map(v => ({{
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')).slice(0, 8),
                summary: v.nodes.slice(0, 3).map(n => n.failureSummary),
            }}));
        }}""",
        [run_only, AXE_LIMIT_MS],
    )


def format_violations(where: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    at {target}" for target in v["targets"])
        lines.extend(f"    {summary}" for summary in v["summary"] if summary)
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(where, violations)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it reflows)."""
    return page.evaluate(
        "Math.max(0, document.documentElement.scrollWidth - window.innerWidth - 1)"
    )


def broken_labels(page) -> list[str]:
    """Bar labels of one word drawn on more than one line (a word broken in two)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.bar-label')].filter(label => {
            const text = label.textContent.trim();
            const line = parseFloat(getComputedStyle(label).lineHeight) ||
                1.2 * parseFloat(getComputedStyle(label).fontSize);
            return text && !/\\s/.test(text) && label.getBoundingClientRect().height > 1.5 * line;
        }).map(label => label.textContent.trim())"""
    )


def mails_to(server, email: str) -> list[str]:
    """Every e-mail to `email` in the server's log, oldest first (the console backend
    separates messages with a line of 79 dashes)."""
    messages = server.log.read_text().split("-" * 79)
    return [m for m in messages if re.search(rf"^To: {re.escape(email)}$", m, re.M)]


def dialogue_id(page, server) -> int:
    """The demo dialogue "Storby 2030" (the first made: tests may add copies with its title)."""
    page.goto(server("/dialogues/"))
    links = page.get_by_role("link", name="Storby 2030")
    expect(links.first).to_be_visible()
    hrefs = [link.get_attribute("href") for link in links.all()]
    return min(int(re.search(r"/(\d+)/", href).group(1)) for href in hrefs)


def resize_projector(page, size: dict[str, int]) -> None:
    """Give the projector another screen size and wait until its stage is fitted to it.

    fit.js refits on the window's resize event and marks the stage with the size it fitted
    to; an overflow measured before that would measure the previous size's fit.
    """
    page.set_viewport_size(size)
    if page.locator("#stage .stage").count():
        marked = f"#stage .stage[data-fitted='{size['width']}x{size['height']}']"
        expect(page.locator(marked)).to_have_count(1)


def hold_next_fetch(page, url, *, refresh=False):
    """Hold `page`'s next fetch of `url`: answered by the server at once, handed to the page
    only on `release()`; `asked()` returns once the page has asked (state, not time).
    `refresh=True` holds only the room's refresh of a part (workshop.js's X-Samrad-Refresh
    request), not a poll of the same address."""
    held = []
    path = url.split("?")[0]

    def is_it(requested: str) -> bool:
        return requested.split("?")[0].endswith(path)

    def hold(route):
        if held or (refresh and "x-samrad-refresh" not in route.request.headers):
            route.continue_()
        else:
            held.append((route, route.fetch()))

    page.route(is_it, hold)

    def asked():
        _until_held(page, held, f"the page did not fetch {url}")

    def release():
        route, response = held[0]
        route.fulfill(response=response)  # later fetches pass (`hold` continues them)

    return asked, release


def _until_held(page, held: list, failure: str) -> None:
    """Until a route handler has held a request (state, not time; at most 10 s)."""
    for _ in range(100):
        if held:
            return
        page.wait_for_timeout(100)
    raise AssertionError(failure)


def hold_next_poll(page, url):
    """Hold `page`'s next poll of `url` (not the room's X-Samrad-Refresh of it) before the
    server draws it. Returns `asked()` (until the page has asked), `draw()` (the server answers
    it now) and `release()` (the page gets that answer); later fetches pass."""
    held = []
    path = url.split("?")[0]

    def hold(route):
        if held or "x-samrad-refresh" in route.request.headers:
            route.continue_()
        else:
            held.append([route, None])

    page.route(lambda requested: requested.split("?")[0].endswith(path), hold)

    def asked():
        _until_held(page, held, f"the page did not poll {url}")

    def draw():
        held[0][1] = held[0][0].fetch()

    def release():
        route, response = held[0]
        route.fulfill(response=response)

    return asked, draw, release


def socket_messages(page) -> list:
    """What `page`'s WebSockets receive from now on (call before the page opens them)."""
    messages: list = []

    def heard(message) -> None:  # a function: playwright cannot wrap a builtin method
        messages.append(message)

    page.on("websocket", lambda socket: socket.on("framereceived", heard))
    return messages


def wait_for_message(page, messages: list, seen: int, text: str) -> int:
    """Until a message after the first `seen` of `messages` contains `text`; returns the count."""
    for _ in range(100):
        if any(text in str(message) for message in messages[seen:]):
            return len(messages)
        page.wait_for_timeout(50)
    raise AssertionError(f"no message with {text!r} reached the page: {messages[-5:]!r}")


def set_offline(page, offline: bool) -> None:
    """Take the phone's network away (or give it back) and wait until the page knows it
    (`navigator.onLine`, which chromium updates in the page a moment later): a click in
    between took the still-open socket (a flake, seen once under load)."""
    page.context.set_offline(offline)
    page.wait_for_function("(offline) => navigator.onLine === !offline", arg=offline)

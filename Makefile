# Samråd — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test install test-deps lint test-sqlite test-postgres demo serve clean bench

$(VENV)/bin/activate:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Samråd needs Python 3.11 or newer"'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: on Debian/Ubuntu run 'apt-get install python3-venv'"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

# --no-compile: pip would compile every module of every package (half of the install's time
# on a fresh clone); Python compiles what is imported, once, on first use, and keeps it in
# __pycache__ — unless PYTHONDONTWRITEBYTECODE is set, as it is on our CI machines: then every
# process compiles every module it imports again (`manage.py check` 2.4 s of CPU instead of
# 1.1 s), and the test suite starts dozens of processes. Our commands keep the bytecode.
PIP_INSTALL := $(PY) -m pip install --quiet --no-compile
unexport PYTHONDONTWRITEBYTECODE

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PIP_INSTALL) -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/activate
	$(PIP_INSTALL) -e '.[test]'
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py demo --host $(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

# What the tests need beyond Python packages: Debian's chromium for the browser tests,
# LibreOffice Calc to open the exports, poppler-utils to render reports as pictures, and
# axe-core (npm) for the accessibility checks.
test-deps: $(VENV)/.installed-test
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@command -v soffice >/dev/null 2>&1 || { echo "Installing Debian's LibreOffice Calc for the export tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null; }
	@command -v pdftoppm >/dev/null 2>&1 || { echo "Installing Debian's poppler-utils to look at the reports as pictures"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }
	@[ -f node_modules/axe-core/axe.min.js ] || npm ci --silent --no-audit --no-fund

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Both cores: pytest-xdist with the browser tests on one worker (one server, one chromium:
# tests/conftest.py's scheduler), the rest spread over both. --durations shows what the time
# goes to.
PYTEST_PARALLEL ?= -n 2
PYTEST_REPORT ?= --durations=25

test-sqlite: test-deps
	$(PY) -m pytest -q $(PYTEST_PARALLEL) $(PYTEST_REPORT)

# The core tests again on PostgreSQL + Redis (both expected on localhost, as on our machines):
# what depends on the database or the channel layer (tests/conftest.py sorts them).
test-postgres: test-deps
	@if $(PY) -c "import psycopg, redis; psycopg.connect('$(PG_URL)', connect_timeout=3).close(); redis.Redis.from_url('$(REDIS_TEST_URL)').ping()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) SAMRAD_REDIS_PREFIX=samrad-test $(PY) -m pytest -q -m core $(PYTEST_PARALLEL) $(PYTEST_REPORT); \
	elif [ -n "$$CI" ] || [ -n "$$SAMRAD_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL ($(PG_URL)) or Redis ($(REDIS_TEST_URL)) is not reachable: CI needs both."; exit 1; \
	else \
		echo "SKIPPED the PostgreSQL + Redis run: $(PG_URL) or $(REDIS_TEST_URL) is not reachable (set PG_URL / REDIS_TEST_URL)."; \
	fi

test: lint test-sqlite test-postgres

# Benchmarks (not part of `make test`; docs/performance.md): a burst from BENCH_PARTICIPANTS
# phones on a fresh SQLite database against the no-op baseline, then a crash in the middle of
# a burst. `samrad bench live --help` for PostgreSQL + Redis, workers and more phones.
BENCH_PARTICIPANTS ?= 1000
$(VENV)/.installed-bench: pyproject.toml | $(VENV)/bin/activate
	$(PIP_INSTALL) -e '.[bench]'
	@touch $(VENV)/.installed $@

bench: $(VENV)/.installed-bench
	$(PY) manage.py bench live --participants $(BENCH_PARTICIPANTS) --window 10
	$(PY) manage.py bench durability --participants $(BENCH_PARTICIPANTS) --window 10

clean:
	rm -rf $(VENV) node_modules var/test.sqlite3

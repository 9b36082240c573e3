"""Settings for Samråd, read from environment variables (see README "Configuration").

One module for every environment: what differs between a laptop, CI and a municipality's
server is the environment, never the code.
"""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAMRAD_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: {value!r} is not a whole number.") from None


def env_float(name: str, default: str) -> float:
    value = os.environ.get(name, default)
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: {value!r} is not a number.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# `SAMRAD_ENV=production` turns on every HTTPS and cookie protection below and refuses to
# start without a strong SECRET_KEY and an explicit ALLOWED_HOSTS (docs/operations.md).
PRODUCTION = os.environ.get("SAMRAD_ENV", "development").strip().lower() == "production"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else (not in production) one generated once and kept
    under var/."""
    if key := os.environ.get("SECRET_KEY"):
        if PRODUCTION and (len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")):
            raise ImproperlyConfigured(
                "SECRET_KEY is too weak for production: use at least 50 random characters, "
                "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'"
            )
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SAMRAD_ENV=production needs SECRET_KEY in the environment.")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("SAMRAD_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("SAMRAD_DEBUG must be off when SAMRAD_ENV=production.")
if PRODUCTION and not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("SAMRAD_ENV=production needs ALLOWED_HOSTS (the server's names).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SAMRAD_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "ninja",  # the API docs page from django-ninja's own static files, not a CDN
    "samrad.core",
    "samrad.accounts",
    "samrad.dialogues",
    "samrad.live",
    "samrad.insights",
    "samrad.workshops",
    "samrad.concerns",
    "samrad.planning",
    "samrad.feedback",
    "samrad.signification",
    "samrad.opinions",
    "samrad.api",
    "samrad.site",  # the demo and the benchmark: the top floor (docs/architecture.md)
    "axes",  # failed log-ins (docs/architecture/security.md: "Log-in throttling")
    "django_tasks",  # background work: long reports (docs/architecture/report.md)
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samrad.core.middleware.ContentSecurityPolicyMiddleware",
    "samrad.core.middleware.AsyncWhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samrad" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Storage -------------------------------------------------------------------------------
# Default: an embedded SQLite file in WAL mode. synchronous=FULL because an answer that the
# phone saw acknowledged must survive a crash of the process and of the machine.
SQLITE_PATH = VAR_DIR / "samrad.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}")
if not DATABASE_URL.strip():
    raise ImproperlyConfigured(
        "DATABASE_URL is empty: unset it (SQLite in var/) or give postgres://user@host/name."
    )
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
except (ValueError, KeyError) as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL: {DATABASE_URL!r} is not a database URL "
        f"(postgres://user:password@host:5432/name or sqlite:///path): {error}"
    ) from None
USES_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if USES_SQLITE:
    # Our SQLite backend keeps a few connections open across requests (see its docstring).
    DATABASES["default"]["ENGINE"] = "samrad.core.db.sqlite3"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            f"PRAGMA synchronous={os.environ.get('SAMRAD_SQLITE_SYNCHRONOUS', 'FULL')};"
            "PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
    "SAMRAD_PG_POOL", "1"
) not in ("0", ""):
    # Under ASGI every request runs in a new thread; without a pool each one would open a
    # PostgreSQL connection (fork + authentication). Sized per process.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("SAMRAD_PG_POOL_MIN", "2"),
        "max_size": env_int("SAMRAD_PG_POOL_MAX", "20"),
        "timeout": 20,
    }
# Tests: a file instead of the in-memory database, for tests that need concurrent writers
# (tests/security/test_concurrency.py runs itself this way on SQLite).
if USES_SQLITE and os.environ.get("SAMRAD_TEST_SQLITE_FILE"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["SAMRAD_TEST_SQLITE_FILE"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Realtime ------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    try:
        _parsed = urlsplit(REDIS_URL)
        _parsed.port  # noqa: B018 - raises ValueError on a port that is not a number
        _redis: SplitResult | None = _parsed
    except ValueError:
        _redis = None
    if (
        _redis is None
        or _redis.scheme not in {"redis", "rediss", "unix"}
        or not (_redis.hostname or _redis.path)
    ):
        raise ImproperlyConfigured(
            f"REDIS_URL: {REDIS_URL!r} is not a Redis URL (redis://host:6379/0)."
        )
# Rate limits (samrad/core/ratelimit.py) count in the cache: shared through Redis when there
# are several processes.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("SAMRAD_REDIS_PREFIX", "samrad"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # channels_redis' own layer. samrad.core.channel_layer.ProcessRedisChannelLayer
            # (one group member per process) is opt-in via SAMRAD_CHANNEL_LAYER=process: its
            # dispatcher is bound to one event loop and hung a test that calls the layer
            # from sync code with a new loop per call (test_personal_data, PostgreSQL pass).
            "BACKEND": (
                "samrad.core.channel_layer.ProcessRedisChannelLayer"
                if os.environ.get("SAMRAD_CHANNEL_LAYER") == "process"
                else "channels_redis.core.RedisChannelLayer"
            ),
            "CONFIG": {
                # redis-py 8 refuses a command when its pool (default 100) is exhausted, and a
                # room connecting at once makes one group_add per phone. Its default socket
                # timeout (5 s) equals channels_redis' blocking receive (BZPOPMIN, 5 s): an
                # idle consumer's read times out and the WebSocket drops, so wait longer.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "max_connections": int(
                            os.environ.get("SAMRAD_REDIS_MAX_CONNECTIONS", "1000")
                        ),
                        "socket_timeout": 30,
                    }
                ],
                "prefix": os.environ.get("SAMRAD_REDIS_PREFIX", "samrad"),
                "capacity": 5000,
                "expiry": 30,
            },
        }
    }
else:
    # One process: Channels' in-memory layer without its scan of every socket per message
    # (samrad/core/channel_layer.py, measured in docs/performance.md).
    CHANNEL_LAYERS = {"default": {"BACKEND": "samrad.core.channel_layer.LocalChannelLayer"}}

# --- Auth ----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Log-in throttling with django-axes (docs/architecture/security.md): after
# SAMRAD_LOGIN_FAILURES wrong passwords an account, and separately an address, waits
# SAMRAD_LOGIN_LOCKOUT_MINUTES (a password reset by e-mail unlocks the account at once).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SAMRAD_LOGIN_FAILURES", "10")
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SAMRAD_LOGIN_LOCKOUT_MINUTES", "15"))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the wait ends, whatever is tried
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "samrad.accounts.views_security.locked_out"
AXES_CLIENT_IP_CALLABLE = "samrad.core.ratelimit.login_address"  # IPv6 by its /64
AXES_VERBOSE = False
SAMRAD_PASSWORD_RESETS_PER_HOUR = env_int("SAMRAD_PASSWORD_RESETS_PER_HOUR", "5")
# Days an e-mailed invitation to join an organisation stays valid (docs/architecture/team.md).
SAMRAD_INVITATION_DAYS = env_int("SAMRAD_INVITATION_DAYS", "7")
# Sign-ups to follow a dialogue per e-mail address an hour (four times that per client address).
SAMRAD_FOLLOW_SIGNUPS_PER_HOUR = env_int("SAMRAD_FOLLOW_SIGNUPS_PER_HOUR", "5")
LOGIN_REDIRECT_URL = "dialogues:list"
LOGOUT_REDIRECT_URL = "accounts:login"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", "30")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samrad@localhost")

# --- Languages -----------------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("SAMRAD_LANGUAGE", "sv")
LANGUAGES = [
    ("sv", "Svenska"),
    ("nb", "Norsk bokmål"),
    ("da", "Dansk"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "samrad" / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Stockholm")
USE_TZ = True

# --- Static files (vendored; nothing is loaded from outside at run time) --------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Uploaded images of live questions only; never served as a folder (live/views_images.py).
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
SAMRAD_MAX_IMAGE_MB = int(os.environ.get("SAMRAD_MAX_IMAGE_MB", "5"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security (docs/architecture/security.md) ---------------------------------------------
# Production defaults are on with SAMRAD_ENV=production; each can still be set on its own
# (e.g. SAMRAD_SSL_REDIRECT=0 when the reverse proxy redirects to HTTPS itself).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SAMRAD_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language switch's cookie, like every other (Django leaves it insecure and readable).
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SAMRAD_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SAMRAD_HSTS_SECONDS", str(365 * 86400) if PRODUCTION else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAMRAD_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SAMRAD_HSTS_PRELOAD", PRODUCTION)
# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto (only then).
# The proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the
# client; from anyone else the header is ignored (core/ratelimit.py: client_address).
SAMRAD_TRUSTED_PROXIES = env_list("SAMRAD_TRUSTED_PROXIES", "")
for _proxy in SAMRAD_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"SAMRAD_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from None
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SAMRAD_BEHIND_PROXY", False) else None
)
# Request bodies: 1 MB in memory at most (an answer is ≤ 500 characters); forms with more
# fields than this are refused too. Both answer 400 with a message (core/middleware.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("SAMRAD_MAX_BODY_BYTES", "1048576")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Content-Security-Policy sent with every response (core/middleware.py): scripts and styles
# from our own origin only; no inline script; style attributes allowed (result bars' widths).
SAMRAD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# --- Samråd --------------------------------------------------------------------------------
SAMRAD_MAX_TEXT_LENGTH = env_int("SAMRAD_MAX_TEXT_LENGTH", "500")
# Guessing join codes: wrong codes allowed per client address per minute, before even right
# ones wait. A whole room behind one municipal Wi-Fi address types the right code, so only
# failures count. Answers per participant per minute (a phone that resends in a loop).
SAMRAD_JOIN_FAILURES_PER_MINUTE = env_int("SAMRAD_JOIN_FAILURES_PER_MINUTE", "60")
# A device (its cookie) guessing join codes: after this many wrong codes (in a day) it
# waits 1, 2, 4 … seconds, at most SAMRAD_JOIN_BACKOFF_MAX (docs/architecture/security.md).
SAMRAD_JOIN_FREE_GUESSES = env_int("SAMRAD_JOIN_FREE_GUESSES", "5")
SAMRAD_JOIN_BACKOFF_MAX = env_int("SAMRAD_JOIN_BACKOFF_MAX", "600")
# How often one device may join the same session in a day (rejoining to vote again).
SAMRAD_JOINS_PER_DEVICE = env_int("SAMRAD_JOINS_PER_DEVICE", "3")
SAMRAD_ANSWERS_PER_MINUTE = env_int("SAMRAD_ANSWERS_PER_MINUTE", "60")
# Participant API requests inside Django at once, per process; more wait in the event loop
# (cheap). Their answers wait for the writer's next batch, so this is also the most answers
# one batch gets from the API (samrad/core/lean.py, samrad/live/writer.py).
SAMRAD_PARTICIPANT_API_CONCURRENCY = env_int("SAMRAD_PARTICIPANT_API_CONCURRENCY", "64")
# The answer writer (group commit): it waits this long after the first answer for more, takes
# at most BATCH per transaction, and refuses ("busy", try again) past QUEUE waiting answers.
SAMRAD_WRITER_WAIT = env_float("SAMRAD_WRITER_WAIT", "0.005")
# …and while more keep arriving it waits on in such steps, up to MAX_WAIT in all or until FILL
# wait (a room answering: fewer, larger transactions; a lone answer still waits WAIT only).
SAMRAD_WRITER_MAX_WAIT = env_float("SAMRAD_WRITER_MAX_WAIT", "0.05")
SAMRAD_WRITER_FILL = env_int("SAMRAD_WRITER_FILL", "64")
SAMRAD_WRITER_BATCH = env_int("SAMRAD_WRITER_BATCH", "500")
SAMRAD_WRITER_QUEUE = env_int("SAMRAD_WRITER_QUEUE", "5000")
# A new phone's first visit of a join page joins in the event loop, in batches
# (samrad/live/joining.py); 0 sends it through Django's page stack as every other page.
SAMRAD_FAST_JOINS = env_bool("SAMRAD_FAST_JOINS", True)
SAMRAD_PARTICIPANT_COOKIE_DAYS = env_int("SAMRAD_PARTICIPANT_COOKIE_DAYS", "30")
SAMRAD_PRESENTER_MIN_INTERVAL = env_float("SAMRAD_PRESENTER_MIN_INTERVAL", "0.2")
SAMRAD_PRESENCE_FLUSH_INTERVAL = env_float("SAMRAD_PRESENCE_FLUSH_INTERVAL", "0.5")
# A participant API body must arrive within this many seconds, before it takes one of those
# places (a stalled upload must not hold one); and no request body may be larger than
# SAMRAD_MAX_REQUEST_BYTES (uploads included): refused with 413 before it is read or spooled.
SAMRAD_BODY_TIMEOUT = env_float("SAMRAD_BODY_TIMEOUT", "10")
SAMRAD_MAX_REQUEST_BYTES = env_int("SAMRAD_MAX_REQUEST_BYTES", str(32 * 1024 * 1024))
# Personal data: `samrad retention` clears participant identifiers this many days after a
# session ended (a dialogue may set its own); the answers stay as anonymous counts.
SAMRAD_RETENTION_DAYS = env_int("SAMRAD_RETENTION_DAYS", "365")
# Public pages, the leaflet and the public word cloud withhold a result of fewer people than
# this (a session's own "smallest group" applies to its results); feedback/public.py.
SAMRAD_PUBLIC_MIN_GROUP = env_int("SAMRAD_PUBLIC_MIN_GROUP", "5")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Background tasks (long reports): Django's task framework with its database backend, so the
# queue lives in the same SQLite/PostgreSQL database; `samrad serve` runs the worker beside
# uvicorn unless SAMRAD_TASK_WORKER=0 (then run `samrad db_worker` yourself).
# docs/architecture/report.md
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SAMRAD_TASK_WORKER = env_bool("SAMRAD_TASK_WORKER", True)
# A build whose progress has not moved for this many seconds is reported as stopped.
SAMRAD_REPORT_STALLED_AFTER = env_int("SAMRAD_REPORT_STALLED_AFTER", "600")
# Table imports of more rows than this run in the background (docs/architecture/bgimport.md);
# an import whose stored rows have not moved for SAMRAD_IMPORT_STALLED_AFTER s has stopped.
SAMRAD_IMPORT_AT_ONCE_ROWS = env_int("SAMRAD_IMPORT_AT_ONCE_ROWS", "2000")
SAMRAD_IMPORT_STALLED_AFTER = env_int("SAMRAD_IMPORT_STALLED_AFTER", "300")

# Theme suggesters train in a daemon thread of the web process, never holding up a board
# (issue 15.4, docs/architecture/insights-text.md); 0 trains within the request instead.
SAMRAD_SUGGESTER_IN_BACKGROUND = env_bool("SAMRAD_SUGGESTER_IN_BACKGROUND", True)

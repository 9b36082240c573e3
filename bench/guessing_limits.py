"""What a join-code guesser can still do against the default limits (issue 18), measured.

    .venv/bin/python bench/guessing_limits.py [--minutes 60]

Drives the real join page (`POST /join/`, Django's test client, all middleware) on a
throw-away SQLite database under a temporary SAMRAD_VAR_DIR, with a simulated clock
(`time.time` advanced by the script, so an hour takes seconds). An attacker sends one wrong
code every `--every` seconds and the script counts the guesses that were *answered* (404:
the code was checked) and the ones refused (429). Scenarios:

- one device that keeps its `samrad_device` cookie (backoff per device);
- a script that drops its cookies, from one address (the per-address backstop);
- the same with a new `X-Forwarded-For` each time and no trusted proxy (ignored);
- the same from a new IPv6 address of one /64 each time (what an IPv6 host has);
- a newcomer behind the guesser's address trying the *right* code once a second while a
  cookie-dropping script runs there (how long a new phone in the hall waits);
- wrong passwords for one account from a new address each time (django-axes, real time).

Prints numbers, asserts nothing. The limits are the defaults of config/settings.py unless
set in the environment (SAMRAD_JOIN_FREE_GUESSES, SAMRAD_JOIN_BACKOFF_MAX,
SAMRAD_JOIN_FAILURES_PER_MINUTE, SAMRAD_LOGIN_FAILURES).
"""

import argparse
import ipaddress
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLOCK = [1_800_000_000.0]
_real_time = time.time


def fake_time() -> float:
    return CLOCK[0]


def run(client, codes, *, seconds: float, every: float, drop_cookies: bool, extra) -> dict:
    """Guess wrong codes for `seconds` of simulated time; per minute: answered, refused."""
    from django.urls import reverse

    start = CLOCK[0]
    answered_by_minute: dict[int, int] = {}
    refused = 0
    n = 0
    while CLOCK[0] - start < seconds:
        if drop_cookies:
            client.cookies.clear()
        response = client.post(reverse("live:join"), {"code": next(codes)}, **extra(n))
        minute = int((CLOCK[0] - start) // 60)
        if response.status_code == 404:
            answered_by_minute[minute] = answered_by_minute.get(minute, 0) + 1
        elif response.status_code == 429:
            refused += 1
        else:
            raise SystemExit(f"unexpected {response.status_code}")
        n += 1
        CLOCK[0] += every
    return {"answered": answered_by_minute, "refused": refused, "sent": n}


def wrong_codes(taken):
    for code in range(999999, 100000, -1):
        if str(code) not in taken:
            yield str(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=60, help="simulated time per scenario")
    parser.add_argument("--address-minutes", type=int, default=5, help="for the scripts")
    parser.add_argument("--every", type=float, default=0.25, help="seconds between guesses")
    args = parser.parse_args()
    os.environ.update(SAMRAD_VAR_DIR=tempfile.mkdtemp(prefix="samrad-guessing-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("REDIS_URL", None)  # process-memory cache: the simulated clock rules it
    import django
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.WARNING)  # every 404 and 429 is expected here
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    time.time = fake_time  # every limit reads time.time(); so does the cache's expiry
    from django.test import Client
    from django.urls import reverse

    from samrad.live.models import LiveSession
    from tests.factories import OpenSessionFactory

    session = OpenSessionFactory()
    codes = wrong_codes(set(LiveSession.objects.values_list("code", flat=True)))
    seconds = args.minutes * 60
    short = args.address_minutes * 60
    print(
        f"defaults: {settings.SAMRAD_JOIN_FREE_GUESSES} free guesses per device, then waits "
        f"doubling up to {settings.SAMRAD_JOIN_BACKOFF_MAX} s; "
        f"{settings.SAMRAD_JOIN_FAILURES_PER_MINUTE} wrong codes a minute per address; "
        f"trusted proxies: {settings.SAMRAD_TRUSTED_PROXIES or 'none'}"
    )
    print(
        f"one device: a wrong code every second for {args.minutes} simulated min; "
        f"scripts: every {args.every} s for {args.address_minutes} min"
    )

    def report(name: str, result: dict, minutes: int) -> None:
        per_minute = result["answered"]
        first = per_minute.get(0, 0)
        total = sum(per_minute.values())
        last = per_minute.get(minutes - 1, 0)
        print(
            f"- {name}: answered {first} in the first minute, {total} in {minutes} min "
            f"({last} in the last minute); refused {result['refused']} of {result['sent']}"
        )

    def fresh():
        cache.clear()
        CLOCK[0] += 86400 * 2

    fresh()
    device = Client(REMOTE_ADDR="192.0.2.10")
    report(
        "one device keeping its cookie",
        run(device, codes, seconds=seconds, every=1.0, drop_cookies=False, extra=lambda n: {}),
        args.minutes,
    )
    fresh()
    report(
        "cookie-dropping script, one address",
        run(
            Client(REMOTE_ADDR="192.0.2.11"),
            codes,
            seconds=short,
            every=args.every,
            drop_cookies=True,
            extra=lambda n: {},
        ),
        args.address_minutes,
    )
    fresh()
    report(
        "… with a new X-Forwarded-For each time (no trusted proxy)",
        run(
            Client(REMOTE_ADDR="192.0.2.12"),
            codes,
            seconds=short,
            every=args.every,
            drop_cookies=True,
            extra=lambda n: {
                "HTTP_X_FORWARDED_FOR": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
            },
        ),
        args.address_minutes,
    )
    fresh()
    net = ipaddress.ip_network("2001:db8:1:2::/64")
    report(
        "… from a new IPv6 address of one /64 each time",
        run(
            Client(),
            codes,
            seconds=short,
            every=args.every,
            drop_cookies=True,
            extra=lambda n: {"REMOTE_ADDR": str(net[n + 1])},
        ),
        args.address_minutes,
    )
    fresh()
    site = ipaddress.ip_network("2001:db8:3::/56")
    report(
        "… from a new /64 of one /56 each time (256 /64s)",
        run(
            Client(),
            codes,
            seconds=short,
            every=args.every / 16,
            drop_cookies=True,
            extra=lambda n: {"REMOTE_ADDR": str(site[(n % 256) << 64 | 1])},
        ),
        args.address_minutes,
    )

    # A newcomer in the hall while a cookie-dropping script guesses from the same address.
    fresh()
    hall = "192.0.2.20"
    script = Client(REMOTE_ADDR=hall)
    waits = []

    def script_runs_for_a_second() -> None:
        for _ in range(int(1 / args.every)):
            script.cookies.clear()
            script.post(reverse("live:join"), {"code": next(codes)})
            CLOCK[0] += args.every

    for _ in range(20):
        newcomer = Client(REMOTE_ADDR=hall)
        arrived = CLOCK[0]
        while True:  # the newcomer tries the right code once a second
            script_runs_for_a_second()
            answer = newcomer.post(reverse("live:join"), {"code": session.code})
            if answer.status_code == 302:
                waits.append(CLOCK[0] - arrived)
                break
        for _ in range(13):  # the next newcomer comes 13 s later; the script goes on
            script_runs_for_a_second()
    waits.sort()
    waited = [w for w in waits if w > 1]
    print(
        f"- newcomers behind that address while the script runs (one every 13 s, trying the "
        f"right code once a second): {len(waits) - len(waited)} of {len(waits)} join at once, "
        f"{len(waited)} wait (mean {sum(waits) / len(waits):.0f} s, longest {waits[-1]:.0f} s); "
        f"phones that joined before are never counted"
    )

    # Rejoining to vote again: one device, and a script that drops its cookies.
    fresh()
    device = Client(REMOTE_ADDR="192.0.2.30")
    kept = sum(
        device.get(reverse("live:join_code", args=[session.code])).status_code == 200
        and device.cookies.pop(f"samrad_p{session.pk}", None) is not None
        for _ in range(300)
    )
    script = Client(REMOTE_ADDR="192.0.2.31")
    dropped = 0
    for _ in range(300):
        script.cookies.clear()
        dropped += script.get(reverse("live:join_code", args=[session.code])).status_code == 200
    print(
        f"- rejoining one session 300 times: a device keeping its device cookie joins {kept} "
        f"times; a script dropping every cookie joins {dropped} times (each a new anonymous "
        f"participant, one vote each)"
    )

    # Log-ins (django-axes keeps attempts in the database with real time).
    time.time = _real_time
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="owner", password="right horse battery")  # noqa: S106
    answered = 0
    for n in range(30):
        client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        response = client.post(
            reverse("accounts:login"), {"username": "owner", "password": f"wrong {n}"}
        )
        if response.status_code == 200:
            answered += 1
    right = Client(REMOTE_ADDR="198.51.100.200").post(
        reverse("accounts:login"), {"username": "owner", "password": "right horse battery"}
    )
    print(
        f"- log-in, one account, 30 wrong passwords from 30 addresses: {answered} answered as "
        f"wrong, the next one locks it (429), the rest refused; locked for "
        f"{settings.AXES_COOLOFF_TIME}; the right password during the "
        f"lockout: {'refused' if right.status_code != 302 else 'LOGGED IN'} "
        f"({right.status_code})"
    )


if __name__ == "__main__":
    main()

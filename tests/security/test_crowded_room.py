"""A hall full of phones behind one address (guest Wi-Fi, one NAT) is never locked out by one
person guessing join codes (issue 18.1), and one device cannot rejoin without limit to vote
again and again (issue 19.8).

The design (docs/architecture/security.md, "Guessing join codes"): a phone that joined is
never counted as guessing; a guessing client is known by its device cookie and waits longer
after each wrong code; the address is only a backstop for clients that drop their cookies,
and a device that once joined passes it."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from samrad.live import services
from samrad.live.models import LiveSession, Participant, Response
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import QuestionFactory, put_on_screen

pytestmark = pytest.mark.django_db

HALL = "192.0.2.10"  # every phone in the hall and the guesser share this address


def _phone(session) -> tuple[Client, Participant]:
    """A phone that already joined: its participant cookie, as the join page sets it."""
    participant = services.participant_join(session=session)
    phone = Client(REMOTE_ADDR=HALL, HTTP_ACCEPT_LANGUAGE="sv")
    phone.cookies[cookie_name(session.pk)] = participant_token(participant)
    return phone, participant


def _guess(client: Client, code: str, **extra):
    return client.post(reverse("live:join"), {"code": code}, **extra)


def _wrong_codes(session, n: int) -> list[str]:
    """`n` codes that name no session."""
    taken = set(LiveSession.objects.values_list("code", flat=True))
    return [code for code in (f"{c}" for c in range(900000, 999999)) if code not in taken][:n]


def test_a_hall_of_200_phones_keeps_answering_while_one_client_guesses_codes(settings):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 20  # the backstop, reached sooner (default 60)
    question = put_on_screen(QuestionFactory(kind="open"))
    session = question.session
    phones = [_phone(session) for _ in range(200)]
    guesser = Client(REMOTE_ADDR=HALL)  # a script that drops its cookies: the worst case
    statuses = set()
    for code in _wrong_codes(session, 40):
        guesser.cookies.clear()
        statuses.add(_guess(guesser, code).status_code)
    assert 429 in statuses  # the guesser is stopped …

    # … but every phone in the hall answers, reloads and follows the facilitator.
    for n, (phone, _participant) in enumerate(phones):
        page = phone.post(
            reverse("live:participant_respond", args=[session.code, question.pk]),
            {"text": f"Svar {n}", "kind": "input"},
            HTTP_HX_REQUEST="true",
        )
        assert page.status_code == 200, page.content[:300]
        if n % 20 == 0:
            assert phone.get(reverse("live:join_code", args=[session.code])).status_code == 200
            fragment = phone.get(reverse("live:participant_question", args=[session.code]))
            assert fragment.status_code == 200
            assert "avslutats" not in fragment.content.decode()  # never "the session has ended"
    assert Response.objects.filter(question=question).count() == 200


def test_a_guessing_client_waits_longer_after_each_wrong_code_and_nobody_else_does(settings):
    settings.SAMRAD_JOIN_FREE_GUESSES = 3
    session = put_on_screen(QuestionFactory()).session
    guesser = Client(REMOTE_ADDR=HALL, HTTP_ACCEPT_LANGUAGE="sv")  # keeps its device cookie
    for code in _wrong_codes(session, 3):
        assert _guess(guesser, code).status_code == 404
    stopped = _guess(guesser, "999999")
    assert stopped.status_code == 429
    body = stopped.content.decode()
    # A rate-limit message in the phone's language, with the wait; never "ended".
    assert "För många felaktiga koder" in body and "sekunder" in body
    assert "avslutats" not in body
    # Even the right code waits (else the guesser would learn which codes exist).
    assert _guess(guesser, session.code).status_code == 429
    # A new phone behind the same address walks straight in.
    newcomer = Client(REMOTE_ADDR=HALL)
    assert _guess(newcomer, session.code).status_code == 302
    assert newcomer.get(reverse("live:join_code", args=[session.code])).status_code == 200


def test_the_wait_doubles_after_each_wrong_code(settings, monkeypatch):
    import time

    from samrad.core import ratelimit

    now = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    settings.SAMRAD_JOIN_FREE_GUESSES = 1
    waits = []
    for _ in range(5):
        waits.append(ratelimit.backoff_fail("join-client:x", free=1, base=2, cap=60))
        assert ratelimit.backoff_wait("join-client:x") == waits[-1]
        now[0] += waits[-1]  # tries again exactly when allowed
        assert ratelimit.backoff_wait("join-client:x") == 0
    assert waits == [2, 4, 8, 16, 32]
    assert ratelimit.backoff_fail("join-client:x", free=1, base=2, cap=40) == 40  # capped
    ratelimit.backoff_clear("join-client:x")
    assert ratelimit.backoff_wait("join-client:x") == 0


def test_a_client_dropping_cookies_meets_the_address_cap_but_joined_phones_do_not(settings):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 10
    session = put_on_screen(QuestionFactory()).session
    joined = Client(REMOTE_ADDR=HALL)
    assert joined.get(reverse("live:join_code", args=[session.code])).status_code == 200
    guesser = Client(REMOTE_ADDR=HALL)
    for code in _wrong_codes(session, 10):
        guesser.cookies.clear()
        assert _guess(guesser, code).status_code == 404
    guesser.cookies.clear()
    assert _guess(guesser, session.code).status_code == 429
    api = Client(REMOTE_ADDR=HALL).post(
        "/api/v1/participate/join",
        json.dumps({"code": session.code}),
        content_type="application/json",
    )
    assert api.status_code == 429
    assert "wait a minute" in api.json()["detail"]
    # The phone that joined before is never counted as guessing: its page keeps working.
    assert joined.get(reverse("live:join_code", args=[session.code])).status_code == 200
    assert joined.get(reverse("live:participant_question", args=[session.code])).status_code == 200


def test_a_phone_without_its_cookie_asking_for_the_question_under_the_limit_is_told_to_wait(
    settings,
):
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 2
    session = put_on_screen(QuestionFactory()).session
    guesser = Client(REMOTE_ADDR=HALL, HTTP_ACCEPT_LANGUAGE="sv")
    for code in _wrong_codes(session, 2):
        guesser.cookies.clear()
        _guess(guesser, code)
    guesser.cookies.clear()
    fragment = guesser.get(reverse("live:participant_question", args=[session.code]))
    body = fragment.content.decode()
    assert "För många felaktiga koder" in body
    assert "avslutats" not in body


def test_one_device_cannot_rejoin_a_session_without_limit(settings):
    settings.SAMRAD_JOINS_PER_DEVICE = 3
    session = put_on_screen(QuestionFactory()).session
    device = Client(REMOTE_ADDR=HALL, HTTP_ACCEPT_LANGUAGE="sv")
    for _ in range(3):
        assert device.get(reverse("live:join_code", args=[session.code])).status_code == 200
        device.cookies.pop(cookie_name(session.pk))  # "forget me", keeping the device cookie
    page = device.get(reverse("live:join_code", args=[session.code]))
    assert page.status_code == 429
    assert "Du har redan gått med" in page.content.decode()
    api = device.post(
        "/api/v1/participate/join",
        json.dumps({"code": session.code}),
        content_type="application/json",
    )
    assert api.status_code == 429
    assert Participant.objects.filter(session=session).count() == 3
    # Another device in the same hall is not affected.
    assert (
        Client(REMOTE_ADDR=HALL).get(reverse("live:join_code", args=[session.code])).status_code
        == 200
    )


def test_a_script_walking_through_its_ipv6_64_meets_one_address_cap(settings):
    """An IPv6 host has a whole /64 (2⁶⁴ addresses) to send from, as a hall's phones on one
    Wi-Fi share one: the address backstop counts the /64, not each address."""
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 10
    session = put_on_screen(QuestionFactory()).session
    statuses = []
    for n, code in enumerate(_wrong_codes(session, 12)):
        script = Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")  # no cookies, a new address
        statuses.append(_guess(script, code).status_code)
    assert statuses == [404] * 10 + [429] * 2
    # Another /64, and an IPv4 client, have their own budget.
    assert _guess(Client(REMOTE_ADDR="2001:db8:1:3::1"), "999999").status_code == 404
    assert _guess(Client(REMOTE_ADDR="192.0.2.99"), "999999").status_code == 404


def test_a_client_with_many_ipv6_64s_meets_its_sites_cap(settings):
    """Whoever holds a /56 or a /48 has 256 or 65,536 /64s: their /48 (one site) has ten
    /64 budgets together, so walking through the /64s does not multiply the guesses."""
    settings.SAMRAD_JOIN_FAILURES_PER_MINUTE = 3
    session = put_on_screen(QuestionFactory()).session
    codes = iter(_wrong_codes(session, 40))
    statuses = [
        _guess(Client(REMOTE_ADDR=f"2001:db8:7:{net:x}::{n + 1}"), next(codes)).status_code
        for net in range(11)
        for n in range(3)
    ]
    assert statuses == [404] * 30 + [429] * 3  # 10 /64s × 3, then the site is spent
    # Another site has its own budget.
    assert _guess(Client(REMOTE_ADDR="2001:db8:8::1"), next(codes)).status_code == 404

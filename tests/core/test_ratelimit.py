"""The rate-limit module: a burst up to the limit is free, beyond it every hit doubles the
wait up to the cap; hits while waiting are refused and not counted; hits leak away
evenly; counts are right under concurrent writers (row lock); the client's address is
REMOTE_ADDR, or behind an internal proxy the last public address it forwarded; IPv6 is
counted per /64. (The concrete table used here is the login throttle's.)"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import RequestFactory

from rathaus.authentication.models import LoginFailureRecord
from rathaus.core.ratelimit import Decision, Policy, RateLimiter, client_ip, key_string
from tests.accounts.conftest import clock  # noqa: F401

KEY = ("test-form-ip", "5.6.7.8")
limiter = RateLimiter(LoginFailureRecord)


def test_policy_doubles_the_delay_from_the_limit_up_to_the_cap():
    policy = Policy(limit=3, window=60, first_delay=2, max_delay=20)
    assert [policy.delay(hits) for hits in range(1, 8)] == [0, 0, 2, 4, 8, 16, 20]
    assert policy.delay(10_000) == 20
    assert policy.leak_interval == 20
    with pytest.raises(ValueError):
        Policy(limit=0, window=60)


def test_key_string_joins_the_parts_and_hashes_what_is_too_long():
    assert key_string(("login-account-ip", "a@example.org", "192.0.2.1")) == (
        "login-account-ip|a@example.org|192.0.2.1"
    )
    long = key_string(("scope", "x" * 500))
    assert long.startswith("scope|sha256:") and len(long) < 100
    assert long != key_string(("scope", "y" * 500))
    with pytest.raises(ValueError):
        key_string(())


@pytest.mark.django_db
def test_hits_beyond_the_limit_wait_and_waiting_hits_are_not_counted(clock):  # noqa: F811
    policy = Policy(limit=2, window=3600, first_delay=1, max_delay=5)
    assert limiter.check(KEY, policy) == Decision(True)
    assert limiter.hit(KEY, policy) == Decision(True, 0, 1)
    assert limiter.hit(KEY, policy) == Decision(True, 1, 2)
    assert limiter.check(KEY, policy) == Decision(False, 1, 2)
    for _ in range(5):  # hammering changes nothing
        assert limiter.hit(KEY, policy) == Decision(False, 1, 2)
    clock.advance(1)
    assert limiter.hit(KEY, policy) == Decision(True, 2, 3)
    clock.advance(2)
    assert limiter.hit(KEY, policy) == Decision(True, 4, 4)
    clock.advance(4)
    assert limiter.hit(KEY, policy) == Decision(True, 5, 5)  # the cap

    assert limiter.reset(KEY) is True
    assert limiter.reset(KEY) is False
    assert limiter.check(KEY, policy) == Decision(True, 0, 0)


@pytest.mark.django_db
def test_hits_leak_away_one_per_interval(clock):  # noqa: F811
    policy = Policy(limit=4, window=400)  # one hit forgotten every 100 s
    for _ in range(3):
        limiter.hit(KEY, policy)
    clock.advance(250)
    assert limiter.check(KEY, policy).hits == 1
    assert limiter.hit(KEY, policy).hits == 2
    clock.advance(50)  # the half interval from before counts
    assert limiter.check(KEY, policy).hits == 1
    clock.advance(1000)
    assert limiter.hit(KEY, policy).hits == 1


@pytest.mark.django_db
def test_purge_keeps_recent_and_waiting_counters(clock):  # noqa: F811
    wait = Policy(limit=1, window=60, first_delay=3600, max_delay=3600)
    limiter.hit(("old", "waits"), wait)
    limiter.hit(("old", "done"), Policy(limit=5, window=60))
    clock.advance(120)
    limiter.hit(("new",), Policy(limit=5, window=60))
    assert limiter.purge(clock.now) == 1
    assert set(LoginFailureRecord.objects.values_list("key", flat=True)) == {"old|waits", "new"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need a server database"
)
def test_concurrent_hits_are_all_counted():
    policy = Policy(limit=100, window=3600)

    def hit(_):
        try:
            return limiter.hit(("parallel",), policy)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(hit, range(40)))
    assert LoginFailureRecord.objects.get(key="parallel").hits == 40


def request(remote="5.6.7.8", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("5.6.7.8", None, "5.6.7.8"),
        ("5.6.7.8", "9.10.11.12", "5.6.7.8"),  # a public peer: the header is ignored
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "9.10.11.12", "9.10.11.12"),  # behind the reverse proxy
        ("127.0.0.1", "1.2.3.4, 9.10.11.12", "9.10.11.12"),  # the client wrote 1.2.3.4
        ("10.0.0.2", "9.10.11.12, 10.0.0.1", "9.10.11.12"),  # two internal proxies
        ("127.0.0.1", "kaputt, 9.10.11.12", "9.10.11.12"),
        ("127.0.0.1", "9.10.11.12, kaputt", "127.0.0.1"),
        ("127.0.0.1", "10.1.1.1", "10.1.1.1"),  # a client on the internal network
        ("2a01:4f8:1:2:3:4:5:6", None, "2a01:4f8:1:2::/64"),
        ("::1", "2a01:4f8:1:2:3:4:5:6", "2a01:4f8:1:2::/64"),
        ("::ffff:5.6.7.8", None, "5.6.7.8"),
        ("", None, "unknown"),
    ],
)
def test_client_ip(remote, forwarded, expected):
    assert client_ip(request(remote, forwarded)) == expected

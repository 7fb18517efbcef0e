"""Login throttle (issue 13): failed logins make further attempts wait, growing with every
failure, counted per account and address, per address and per account; nothing is ever
locked. A stranger failing from his address cannot keep the owner out of her account from
hers; when the account as a whole has to wait, the owner gets one mail with a link that
lets her in at once (signed, works once, expires). Known and unknown addresses get the
same answers. Time is controlled, nobody sleeps."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import verify_chain
from rathaus.authentication import services
from rathaus.authentication.models import LoginFailureRecord
from rathaus.authentication.throttle import UNLOCKED_SESSION_KEY
from rathaus.authentication.views.common import wait_message
from tests.accounts.factories import PASSWORD, citizen, link_in

pytestmark = pytest.mark.django_db

LOGIN = reverse("authentication:login")
EMAIL = "erika@example.org"
WRONG = "falsches-Passwort-123"
HOME = "203.0.113.20"  # the owner's address
OUTSIDER = "198.51.100.7"
ANSWER = re.compile(r"(?:Die E-Mail-Adresse oder das Passwort|Zu viele Anmeldeversuche)[^<]*")


def attempt(client, email=EMAIL, password=PASSWORD, ip=HOME):
    return client.post(LOGIN, {"email": email, "password": password}, REMOTE_ADDR=ip)


def wait_in(response) -> int | None:
    """The wait the page asks for, in seconds, or None."""
    match = re.search(r"Bitte warten Sie (\d+) (Sekunden?|Minuten?)", response.content.decode())
    if match is None:
        return None
    return int(match.group(1)) * (60 if match.group(2).startswith("Minute") else 1)


def logged_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def fail_from_many_addresses(clock, count, first=1, email=EMAIL):
    """``count`` wrong passwords, each from a new address, each as soon as allowed."""
    response = None
    for n in range(first, first + count):
        response = attempt(Client(), email, WRONG, ip=f"198.51.100.{n}")
        if response.status_code == 429:
            clock.advance(int(response["Retry-After"]))
            response = attempt(Client(), email, WRONG, ip=f"198.51.100.{n}")
        assert response.status_code == 200
    return response


def test_an_outsider_cannot_keep_the_owner_out(client, clock, settings):
    user = citizen()
    outsider = Client()
    failures = 0
    end = clock.now + timedelta(hours=1)
    while clock.now < end:  # an hour of guessing, as fast as the throttle lets him
        response = attempt(outsider, password=WRONG, ip=OUTSIDER)
        if response.status_code == 429:
            clock.advance(int(response["Retry-After"]))
        else:
            failures += 1
    assert failures > settings.RATHAUS_LOGIN_MAX_FAILURES  # more than the account's limit

    # after his next failure he has to wait, even with the right password ...
    response = attempt(outsider, password=WRONG, ip=OUTSIDER)
    if response.status_code == 429:
        clock.advance(int(response["Retry-After"]))
        response = attempt(outsider, password=WRONG, ip=OUTSIDER)
    assert wait_in(response)
    refused = attempt(outsider, ip=OUTSIDER)
    assert refused.status_code == 429
    assert wait_message(int(refused["Retry-After"])) in refused.content.decode()
    assert "_auth_user_id" not in outsider.session
    # ... she does not, from her own address, at once
    response = attempt(client)
    assert response.status_code == 302 and logged_in(client, user)
    assert services.throttled_until(EMAIL) is None


def test_guessing_from_one_address_gets_growing_waits(client, clock, settings):
    settings.RATHAUS_LOGIN_SOURCE_MAX_FAILURES = 3
    settings.RATHAUS_LOGIN_MAX_DELAY_SECONDS = 10
    user = citizen()
    for _ in range(2):
        assert wait_in(attempt(client, password=WRONG)) is None
    waits = []
    for _ in range(6):
        response = attempt(client, password=WRONG)
        html = response.content.decode()
        assert response.status_code == 200 and "Passwort ist nicht richtig" in html
        waits.append(wait_in(response))
        early = attempt(client)  # even the right password waits, unchecked
        assert early.status_code == 429 and early["Retry-After"] == str(waits[-1])
        assert not logged_in(client, user)
        clock.advance(waits[-1])
    assert waits == [1, 2, 4, 8, 10, 10]  # doubling up to the cap, never a lock

    assert attempt(client).status_code == 302
    client.post(reverse("authentication:logout"))
    # the login forgot this address's failures for the account
    assert wait_in(attempt(client, password=WRONG)) is None


def test_failures_leak_away_with_time(client, clock, settings):
    settings.RATHAUS_LOGIN_SOURCE_MAX_FAILURES = 3
    settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS = 300  # one failure forgotten per 100 s
    citizen()
    for _ in range(2):
        attempt(client, password=WRONG)
    clock.advance(101)  # one of the two is forgotten
    assert wait_in(attempt(client, password=WRONG)) is None
    assert wait_in(attempt(client, password=WRONG)) == 1


def test_one_address_trying_many_accounts_is_slowed_down(client, clock, settings):
    settings.RATHAUS_LOGIN_IP_MAX_FAILURES = 5
    user = citizen()
    for n in range(4):
        assert wait_in(attempt(client, f"opfer{n}@example.org", WRONG, OUTSIDER)) is None
    assert wait_in(attempt(client, "opfer4@example.org", WRONG, OUTSIDER)) == 1
    assert attempt(client, "opfer5@example.org", WRONG, OUTSIDER).status_code == 429
    # nobody else is held up
    owner = Client()
    assert attempt(owner).status_code == 302 and logged_in(owner, user)


def test_guessing_from_many_addresses_slows_the_account_briefly_and_mails_the_owner(
    client, clock, committed, mailoutbox, settings
):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 5
    user = citizen()
    with committed():
        response = fail_from_many_addresses(clock, 5)
    assert wait_in(response) == 5
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "Anmeldeversuche" in mailoutbox[0].subject
    assert "/anmelden/freigeben/" in mailoutbox[0].body

    # the account waits for a new address too, but only seconds: doubling up to 60 s
    waits = []
    with committed():
        for n in range(6, 11):
            fresh = attempt(client)
            assert fresh.status_code == 429
            waits.append(int(fresh["Retry-After"]))
            clock.advance(waits[-1])
            attempt(Client(), password=WRONG, ip=f"198.51.100.{n}")
    assert waits == [5, 10, 20, 40, 60]
    assert len(mailoutbox) == 1  # one mail per period, however long it goes on

    # after the period, a new wait brings a new mail
    clock.advance(settings.RATHAUS_LOGIN_UNLOCK_LINK_SECONDS)
    with committed():
        fail_from_many_addresses(clock, 4, first=20)
    assert len(mailoutbox) == 2

    clock.advance(60)
    assert attempt(client).status_code == 302 and logged_in(client, user)


def test_known_and_unknown_addresses_get_the_same_answers(clock, committed, mailoutbox, settings):
    settings.RATHAUS_LOGIN_SOURCE_MAX_FAILURES = 2
    settings.RATHAUS_LOGIN_MAX_FAILURES = 4
    citizen()

    def answers(email, network):
        seen = []
        with committed():
            for n in [1, 1, 1, 2, 3, 4, 5]:
                response = attempt(Client(), email, WRONG, ip=f"{network}.{n}")
                html = response.content.decode()
                seen.append(
                    (response.status_code, response.get("Retry-After"), ANSWER.findall(html))
                )
        return seen

    known = answers(EMAIL, "198.51.100")
    unknown = answers("niemand@example.org", "192.0.2")
    assert known == unknown
    assert {status for status, _, _ in known} == {200, 429}
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [EMAIL]  # the owner only


def unlock_link(clock, committed, mailoutbox) -> str:
    with committed():
        fail_from_many_addresses(clock, 3)
    return link_in(mailoutbox[-1])


def test_the_unlock_link_lets_the_owner_in_while_the_guessing_goes_on(
    client, clock, committed, mailoutbox, settings
):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    user = citizen()
    link = unlock_link(clock, committed, mailoutbox)
    assert attempt(client).status_code == 429

    # opening the page (or a mail scanner fetching the link) does not use it
    for _ in range(2):
        page = client.get(link)
        assert page.status_code == 200 and "Wartezeit aufheben" in page.content.decode()
    response = client.post(link, REMOTE_ADDR=HOME, follow=True)
    assert response.redirect_chain[-1][0] == LOGIN
    assert "Sie können sich jetzt anmelden" in response.content.decode()

    # the guessing goes on: the account waits for every other browser, not for hers
    clock.advance(1)
    fail_from_many_addresses(clock, 3, first=10)
    assert attempt(Client(), ip="192.0.2.99").status_code == 429
    response = attempt(client)
    assert response.status_code == 302 and logged_in(client, user)

    # the link works once
    client.post(reverse("authentication:logout"))
    again = client.post(link)
    assert again.status_code == 400
    assert "ungültig oder wurde schon verwendet" in again.content.decode()
    assert AuditEntry.objects.filter(verb="authentication.unlock_link_used").count() == 1
    unlocked = AuditEntry.objects.get(verb="authentication.account_unlocked")
    assert unlocked.data == {"reason": "unlock_link"}
    assert verify_chain() is None


def test_an_expired_unlock_link_does_nothing(client, clock, committed, mailoutbox, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    citizen()
    signed_at = time.time() - settings.RATHAUS_LOGIN_UNLOCK_LINK_SECONDS - 1
    with mock.patch("time.time", return_value=signed_at):  # the signer's clock
        link = unlock_link(clock, committed, mailoutbox)
    assert "abgelaufen" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 200 and "abgelaufen" in response.content.decode()
    assert UNLOCKED_SESSION_KEY not in client.session
    assert not AuditEntry.objects.filter(verb="authentication.unlock_link_used").exists()


def test_a_forged_or_foreign_unlock_link_is_refused(client, clock, committed, mailoutbox, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    citizen()
    link = unlock_link(clock, committed, mailoutbox)
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    foreign = signing.TimestampSigner(salt="other").sign_object({"u": 1, "m": 1})
    for bad in (forged, foreign, "kaputt"):
        url = reverse("authentication:unlock_login", args=[bad])
        assert client.get(url).status_code == 400
        assert client.post(url).status_code == 400
    assert UNLOCKED_SESSION_KEY not in client.session
    assert attempt(client).status_code == 429  # the account still waits


def test_failures_are_audit_logged_without_the_address(client, clock, settings):
    settings.RATHAUS_LOGIN_SOURCE_MAX_FAILURES = 2
    citizen()
    for _ in range(2):
        attempt(client, password=WRONG, ip=OUTSIDER)
    failed = AuditEntry.objects.filter(verb="authentication.login_failed")
    assert [entry.data for entry in failed.order_by("sequence")] == [
        {"reason": "password", "failures": 1},
        {"reason": "password", "failures": 2},
    ]
    throttled = AuditEntry.objects.get(verb="authentication.login_throttled")
    assert throttled.data == {"counters": ["login-account-ip"]}
    for entry in AuditEntry.objects.all():
        assert OUTSIDER not in f"{entry.target_label} {entry.data}"


def test_wait_message_counts_seconds_then_minutes():
    assert "1 Sekunde," in wait_message(1)
    assert "119 Sekunden" in wait_message(119)
    assert "2 Minuten" in wait_message(120)
    assert "15 Minuten" in wait_message(900)


def test_stale_counters_are_purged(clock, settings):
    services.record_login_failure("alt@example.org", source=services.Source("192.0.2.1"))
    clock.advance(settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS + 1)
    services.record_login_failure("frisch@example.org")
    LoginFailureRecord.objects.filter(key="login-account|alt@example.org").update(
        blocked_until=clock.now + timedelta(hours=1)
    )
    assert services.purge_stale_failure_records() == 2
    remaining = set(LoginFailureRecord.objects.values_list("key", flat=True))
    assert remaining == {"login-account|alt@example.org", "login-account|frisch@example.org"}

"""Login with e-mail and password: wrong input keeps the e-mail (never the password) and
shows the German error summary; failed attempts are counted per normalized address, also
for unknown addresses; after RATHAUS_LOGIN_MAX_FAILURES failures the address stays locked
for RATHAUS_LOGIN_LOCK_SECONDS, even for the correct password and however often it is
tried, and is unlocked afterwards (time is controlled, nobody sleeps); a successful login
resets the counter and rotates the session; only local ``next`` targets are followed;
logout is POST only; every state change is in the audit log."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.timezone import localtime

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import verify_chain
from rathaus.authentication import services
from rathaus.authentication.models import LoginFailureRecord
from tests.accounts.factories import PASSWORD, citizen

pytestmark = pytest.mark.django_db

LOGIN = reverse("authentication:login")


def attempt(client, email="erika@example.org", password=PASSWORD, **extra):
    return client.post(LOGIN, {"email": email, "password": password, **extra})


def fail_times(client, n, email="erika@example.org"):
    for _ in range(n):
        response = attempt(client, email, "falsches-Passwort-123")
    return response


def test_citizen_logs_in_without_second_factor(client):
    user = citizen()
    client.get(LOGIN)
    before = client.session.session_key
    response = attempt(client, "  Erika@Example.ORG ")
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != before  # the session was rotated
    entry = AuditEntry.objects.get(verb="authentication.logged_in")
    assert entry.actor_id == user.pk and entry.data["second_factor"] is None


def test_login_page_shows_the_form(client):
    html = client.get(LOGIN).content.decode()
    assert 'name="email"' in html and 'name="password"' in html
    assert reverse("authentication:register") in html
    assert reverse("authentication:password_reset") in html


def test_wrong_password_keeps_email_not_password_and_shows_summary(client):
    citizen()
    response = attempt(client, password="falsches-Passwort-123")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fehler:" in html
    assert "Bitte korrigieren Sie 1 Angabe" in html
    assert "Die E-Mail-Adresse oder das Passwort ist nicht richtig." in html
    assert 'value="erika@example.org"' in html
    assert "falsches-Passwort-123" not in html
    assert "_auth_user_id" not in client.session


def test_unknown_address_gets_the_same_message(client):
    citizen()
    known = attempt(client, password="falsches-Passwort-123").content.decode()
    unknown = attempt(client, email="niemand@example.org").content.decode()
    message = "Die E-Mail-Adresse oder das Passwort ist nicht richtig."
    assert message in known and message in unknown


def test_missing_fields_show_german_messages(client):
    html = client.post(LOGIN, {}).content.decode()
    assert "Bitte korrigieren Sie 2 Angaben" in html
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein." in html
    assert "Bitte geben Sie Ihr Passwort ein." in html


def test_a_locked_out_user_stays_locked_until_the_lock_ends(client, clock, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    settings.RATHAUS_LOGIN_LOCK_SECONDS = 600
    user = citizen()
    response = fail_times(client, 3)
    html = response.content.decode()
    assert "vorübergehend gesperrt" in html  # the locking attempt already says so
    assert AuditEntry.objects.filter(verb="authentication.account_locked").count() == 1

    # the correct password is refused while locked, with the time the lock ends
    clock.advance(60)
    html = attempt(client).content.decode()
    assert "vorübergehend gesperrt" in html
    until = services.locked_until(user.email)
    assert until is not None
    assert localtime(until).strftime("%H:%M") in html
    assert "_auth_user_id" not in client.session

    # further attempts, right or wrong, neither unlock nor extend the lock
    fail_times(client, 5)
    clock.advance(500)
    assert "vorübergehend gesperrt" in attempt(client).content.decode()
    assert services.locked_until(user.email) == until
    assert "_auth_user_id" not in client.session

    # after the lock period the correct password works and the counter is reset
    clock.advance(41)
    response = attempt(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    record = LoginFailureRecord.objects.get(email=user.email)
    assert record.failure_count == 0 and record.locked_until is None
    unlocked = AuditEntry.objects.get(verb="authentication.account_unlocked")
    assert unlocked.data == {"reason": "login"}
    assert verify_chain() is None


def test_failures_outside_the_window_do_not_add_up(client, clock, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS = 300
    citizen()
    fail_times(client, 2)
    clock.advance(301)
    fail_times(client, 2)
    assert services.locked_until("erika@example.org") is None
    assert LoginFailureRecord.objects.get().failure_count == 2


def test_successful_login_resets_the_counter(client, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    citizen()
    fail_times(client, 2)
    assert attempt(client).status_code == 302
    client.post(reverse("authentication:logout"))
    fail_times(client, 2)
    assert services.locked_until("erika@example.org") is None


def test_unknown_addresses_are_counted_and_locked_too(client, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    html = fail_times(client, 3, email="Niemand@Example.org").content.decode()
    assert "vorübergehend gesperrt" in html
    record = LoginFailureRecord.objects.get()
    assert record.email == "niemand@example.org"
    assert record.failure_count == 3 and record.locked_until is not None
    assert AuditEntry.objects.filter(verb="authentication.login_failed").count() == 3


def test_lock_expiry_is_audit_logged_at_the_next_failure(clock, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        services.record_login_failure("x@example.org")
    clock.advance(settings.RATHAUS_LOGIN_LOCK_SECONDS + 1)
    assert services.record_login_failure("x@example.org") is None
    assert AuditEntry.objects.get(verb="authentication.account_unlocked").data == {
        "reason": "expired"
    }
    assert LoginFailureRecord.objects.get().failure_count == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need a server database"
)
def test_concurrent_failures_are_all_counted(settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 100

    def fail(_):
        try:
            return services.record_login_failure("parallel@example.org")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(fail, range(40)))
    assert LoginFailureRecord.objects.get().failure_count == 40


@pytest.mark.parametrize(
    "next_url, expected",
    [
        ("/konto/", "/konto/"),
        ("https://evil.example.com/", "/"),
        ("//evil.example.com/", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_only_local_next_targets_are_followed(client, next_url, expected):
    citizen()
    page = client.get(LOGIN, {"next": next_url}).content.decode()
    if expected == next_url:
        assert f'value="{next_url}"' in page
    response = attempt(client, next=next_url)
    assert response.status_code == 302
    assert response.url == expected


def test_logout_is_post_only_and_audit_logged(client):
    user = citizen()
    client.force_login(user)
    assert client.get(reverse("authentication:logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.post(reverse("authentication:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(verb="authentication.logged_out", actor=user).exists()


def test_admin_login_is_replaced_by_ours(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert "next=%2Fadmin%2F" in response.url


def test_inactive_user_cannot_log_in(client):
    user = citizen()
    user.is_active = False
    user.save()
    assert "nicht richtig" in attempt(client).content.decode()


def test_stale_failure_records_can_be_purged(clock, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 1
    services.record_login_failure("gesperrt@example.org")
    settings.RATHAUS_LOGIN_MAX_FAILURES = 5
    services.record_login_failure("alt@example.org")
    clock.advance(settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS + 1)
    services.record_login_failure("frisch@example.org")
    LoginFailureRecord.objects.filter(email="gesperrt@example.org").update(
        locked_until=clock.now + timedelta(hours=1)
    )
    assert services.purge_stale_failure_records() == 1
    remaining = set(LoginFailureRecord.objects.values_list("email", flat=True))
    assert remaining == {"gesperrt@example.org", "frisch@example.org"}


def test_english_login_page(client):
    citizen()
    html = client.get("/en/anmelden/").content.decode()
    assert 'action="/en/anmelden/"' in html
    response = client.post("/en/anmelden/", {"email": "erika@example.org", "password": PASSWORD})
    assert response.status_code == 302

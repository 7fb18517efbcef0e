"""Login with e-mail and password: wrong input keeps the e-mail (never the password) and
shows the German error summary, the same for unknown addresses; a successful login rotates
the session; only local ``next`` targets are followed; logout is POST only; every state
change is in the audit log. The throttle of failed logins is in ``test_throttle``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rathaus.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, citizen

pytestmark = pytest.mark.django_db

LOGIN = reverse("authentication:login")


def attempt(client, email="erika@example.org", password=PASSWORD, **extra):
    return client.post(LOGIN, {"email": email, "password": password, **extra})


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


def test_english_login_page(client):
    citizen()
    html = client.get("/en/anmelden/").content.decode()
    assert 'action="/en/anmelden/"' in html
    response = client.post("/en/anmelden/", {"email": "erika@example.org", "password": PASSWORD})
    assert response.status_code == 302

"""Password reset works end to end by mail (Django's token views with our templates and
German mails) without revealing which addresses exist; the link works once; a reset ends
the account's wait after failed logins and clears its counters; a logged-in user can
change the password with the current one; both are audit-logged and announced by mail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rathaus.audit.models import AuditEntry
from rathaus.authentication import services
from rathaus.authentication.models import LoginFailureRecord
from tests.accounts.factories import PASSWORD, citizen, link_in

pytestmark = pytest.mark.django_db

RESET = reverse("authentication:password_reset")
NEW_PASSWORD = "Ganz-neues-Passwort-2027"


def request_reset(client, committed, email):
    with committed():
        return client.post(RESET, {"email": email})


def test_password_reset_end_to_end_clears_the_throttle(client, committed, mailoutbox, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 3
    user = citizen()
    for _ in range(3):
        client.post(reverse("authentication:login"), {"email": user.email, "password": "x"})
    assert services.throttled_until(user.email) is not None

    response = request_reset(client, committed, "ERIKA@example.org")
    assert response.status_code == 302
    assert response.url == reverse("authentication:password_reset_done")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert "Neues Passwort" in mail.subject
    link = link_in(mail)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Neues Passwort festlegen" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]

    mismatch = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": "anders"})
    html = mismatch.content.decode()
    assert "Die beiden Passwörter stimmen nicht überein." in html
    assert NEW_PASSWORD not in html

    with committed():
        done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.url == reverse("authentication:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert services.throttled_until(user.email) is None
    assert LoginFailureRecord.objects.get(key=f"login-account|{user.email}").hits == 0
    assert LoginFailureRecord.objects.get(key=f"login-account-ip|{user.email}|127.0.0.1").hits == 0
    assert AuditEntry.objects.filter(verb="authentication.password_reset", actor=user).exists()
    assert AuditEntry.objects.get(verb="authentication.account_unlocked").data == {
        "reason": "password_reset"
    }
    assert "geändert" in mailoutbox[-1].subject

    # the link cannot be used twice
    again = client.get(link, follow=True).content.decode()
    assert "ungültig oder abgelaufen" in again

    login = client.post(
        reverse("authentication:login"), {"email": user.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302


def test_reset_for_unknown_address_looks_the_same_and_sends_nothing(client, committed, mailoutbox):
    response = request_reset(client, committed, "niemand@example.org")
    assert response.status_code == 302
    assert response.url == reverse("authentication:password_reset_done")
    assert mailoutbox == []


def test_reset_form_validates_in_german(client):
    html = client.post(RESET, {"email": "kaputt"}).content.decode()
    assert "Bitte korrigieren Sie 1 Angabe" in html
    assert "gültige E-Mail-Adresse" in html
    assert 'value="kaputt"' in html


def test_reset_confirms_an_unverified_address(client, committed, mailoutbox):
    user = citizen("neu@example.org", verified=False)
    request_reset(client, committed, user.email)
    set_url = client.get(link_in(mailoutbox[0]), follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_password_change_for_logged_in_user(client, committed, mailoutbox):
    user = citizen()
    client.force_login(user)
    url = reverse("authentication:password_change")
    wrong = client.post(
        url,
        {"old_password": "falsch", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    ).content.decode()
    assert "Das aktuelle Passwort ist nicht richtig." in wrong
    with committed():
        response = client.post(
            url,
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
    assert response.status_code == 302
    assert response.url == reverse("authentication:security")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:overview")).status_code == 200  # still logged in
    assert AuditEntry.objects.filter(verb="authentication.password_changed", actor=user).exists()
    assert mailoutbox[-1].to == [user.email]

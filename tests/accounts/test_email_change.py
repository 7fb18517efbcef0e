"""E-mail change: asks for the current password, mails a signed, expiring link to the NEW
address and changes nothing until the link's button is pressed; then the old address gets
a notice. Uniqueness is checked when asking (without telling: the owner of the address is
notified instead) and again when confirming; used, outdated and forged links are refused;
every change is audit-logged."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.urls import reverse

from rathaus.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, citizen, link_in

pytestmark = pytest.mark.django_db

URL = reverse("accounts:email_change")


def ask(client, committed, new_email, password=PASSWORD):
    with committed():
        return client.post(URL, {"new_email": new_email, "password": password})


def test_email_change_end_to_end(client, committed, mailoutbox):
    user = citizen()
    client.force_login(user)
    response = ask(client, committed, "Erika.Neu@Example.org")
    assert response.status_code == 302
    assert response.url == reverse("accounts:email_change_sent")
    assert [m.to for m in mailoutbox] == [["erika.neu@example.org"]]
    user.refresh_from_db()
    assert user.email == "erika@example.org"  # nothing changes before the link is used
    assert AuditEntry.objects.filter(verb="accounts.email_change_requested").exists()

    link = link_in(mailoutbox[0])
    client.logout()  # the link works in any browser
    page = client.get(link).content.decode()
    assert "erika.neu@example.org" in page
    user.refresh_from_db()
    assert user.email == "erika@example.org"

    with committed():
        done = client.post(link)
    assert "Ihre E-Mail-Adresse ist jetzt erika.neu@example.org" in done.content.decode()
    user.refresh_from_db()
    assert user.email == "erika.neu@example.org"
    assert user.email_verified_at is not None
    entry = AuditEntry.objects.get(verb="accounts.email_changed")
    assert entry.data == {"old": "erika@example.org", "new": "erika.neu@example.org"}
    assert mailoutbox[-1].to == ["erika@example.org"]
    assert "geändert" in mailoutbox[-1].subject

    assert "bereits erledigt" in client.post(link).content.decode()
    assert AuditEntry.objects.filter(verb="accounts.email_changed").count() == 1
    login = client.post(
        reverse("authentication:login"), {"email": "erika.neu@example.org", "password": PASSWORD}
    )
    assert login.status_code == 302


def test_wrong_password_and_same_address_are_refused_keeping_input(client):
    client.force_login(citizen())
    html = client.post(URL, {"new_email": "neu@example.org", "password": "falsch"}).content
    html = html.decode()
    assert "Bitte korrigieren Sie 1 Angabe" in html
    assert "Das Passwort ist nicht richtig." in html
    assert 'value="neu@example.org"' in html
    html = client.post(URL, {"new_email": "ERIKA@example.org", "password": PASSWORD}).content
    assert "Das ist bereits die E-Mail-Adresse Ihres Kontos." in html.decode()


def test_taken_address_is_not_revealed(client, committed, mailoutbox):
    citizen("vergeben@example.org")
    user = citizen()
    client.force_login(user)
    response = ask(client, committed, "vergeben@example.org")
    assert response.url == reverse("accounts:email_change_sent")
    assert [m.to for m in mailoutbox] == [["vergeben@example.org"]]
    assert "anderes Servicekonto" in mailoutbox[0].body
    assert "http" not in mailoutbox[0].body  # no confirmation link for the taken address


def test_uniqueness_is_checked_again_when_confirming(client, committed, mailoutbox):
    user = citizen()
    client.force_login(user)
    ask(client, committed, "neu@example.org")
    citizen("neu@example.org")  # someone registers the address in the meantime
    response = client.post(link_in(mailoutbox[0]))
    assert "inzwischen für ein anderes Konto verwendet" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "erika@example.org"


def test_expired_outdated_and_forged_links_are_refused(client, committed, mailoutbox):
    user = citizen()
    client.force_login(user)
    with mock.patch("time.time", return_value=time.time() - 3 * 24 * 3600):
        ask(client, committed, "alt@example.org")
    ask(client, committed, "eins@example.org")
    ask(client, committed, "zwei@example.org")
    expired, first, second = (link_in(m) for m in mailoutbox)

    assert "abgelaufen" in client.post(expired).content.decode()
    client.post(first)
    user.refresh_from_db()
    assert user.email == "eins@example.org"
    # the second link was made for the old address and is outdated now
    assert "nicht mehr aktuell" in client.post(second).content.decode()
    user.refresh_from_db()
    assert user.email == "eins@example.org"

    forged = reverse("accounts:email_change_confirm", args=["abc:def:ghi"])
    assert client.post(forged).status_code == 400


def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("authentication:login"))

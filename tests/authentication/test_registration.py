"""Registration creates an unverified citizen account and mails a signed, expiring
verification link; the link confirms the address once and then says "already
confirmed"; expired and tampered links are refused; registering with a taken address
reveals nothing (same page, the owner gets a notice); unverified accounts cannot log in
but can ask for a new link; invalid input keeps what was typed (except passwords) and
shows the German error summary."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.urls import reverse

from rathaus.accounts.models import CitizenProfile, User
from rathaus.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, citizen, link_in

pytestmark = pytest.mark.django_db

REGISTER = reverse("authentication:register")


def form_data(**overrides):
    data = {
        "given_names": "Jürgen",
        "family_name": "Weiß",
        "email": "Juergen.Weiss@Example.org",
        "new_password1": PASSWORD,
        "new_password2": PASSWORD,
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def register(client, committed, **overrides):
    with committed():
        return client.post(REGISTER, form_data(**overrides))


def test_registration_page_links_the_privacy_notice(client):
    response = client.get(REGISTER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Servicekonto anlegen" in html
    assert 'href="/datenschutz/"' in html or "Datenschutzerklärung lesen" in html
    assert 'name="privacy_consent"' in html


def test_happy_path_creates_unverified_account_and_verification_works(
    client, committed, mailoutbox
):
    response = register(client, committed)
    assert response.status_code == 302
    assert response.url == reverse("authentication:register_done")
    user = User.objects.get(email="juergen.weiss@example.org")
    assert user.email_verified_at is None
    assert CitizenProfile.objects.get(user=user).family_name == "Weiß"
    assert AuditEntry.objects.filter(verb="accounts.registered", target_id=str(user.pk)).exists()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["juergen.weiss@example.org"]
    assert "bestätigen" in mailoutbox[0].subject
    link = link_in(mailoutbox[0])

    page = client.get(link)  # a mail scanner following the link changes nothing
    assert page.status_code == 200
    assert "E-Mail-Adresse bestätigen" in page.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None

    done = client.post(link)
    assert "Ihre E-Mail-Adresse ist bestätigt" in done.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert AuditEntry.objects.filter(verb="accounts.email_verified").count() == 1

    again = client.post(link)
    assert "bereits bestätigt" in again.content.decode()
    assert "bereits bestätigt" in client.get(link).content.decode()
    assert AuditEntry.objects.filter(verb="accounts.email_verified").count() == 1


def test_expired_link_is_refused(client, committed, mailoutbox, settings):
    three_days_ago = time.time() - 3 * 24 * 3600
    with mock.patch("time.time", return_value=three_days_ago):
        register(client, committed)
    link = link_in(mailoutbox[0])
    response = client.post(link)
    assert "abgelaufen" in response.content.decode()
    assert User.objects.get(email="juergen.weiss@example.org").email_verified_at is None


def test_tampered_link_is_refused(client, committed, mailoutbox):
    register(client, committed)
    link = link_in(mailoutbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = link.replace(token, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"))
    response = client.post(forged)
    assert response.status_code == 400
    assert "ungültig" in response.content.decode()
    assert User.objects.get(email="juergen.weiss@example.org").email_verified_at is None
    assert client.post(reverse("authentication:verify_email", args=["kaputt"])).status_code == 400


def test_duplicate_email_is_not_revealed(client, committed, mailoutbox):
    owner = citizen("juergen.weiss@example.org")
    other = "Ein-ganz-anderes-Passwort-7"
    response = register(
        client, committed, given_names="Mallory", new_password1=other, new_password2=other
    )
    # the same answer as for a new address
    assert response.status_code == 302
    assert response.url == reverse("authentication:register_done")
    assert User.objects.filter(email="juergen.weiss@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert owner.citizen_profile.given_names == "Erika"
    assert [m.to for m in mailoutbox] == [["juergen.weiss@example.org"]]
    assert "schon ein Konto" in mailoutbox[0].body
    assert AuditEntry.objects.filter(verb="accounts.registration_for_existing_email").exists()


def test_duplicate_of_unverified_account_resends_the_link(client, committed, mailoutbox):
    citizen("juergen.weiss@example.org", verified=False)
    register(client, committed)
    assert len(mailoutbox) == 2
    assert "bestätigen" in mailoutbox[1].subject


def test_invalid_input_keeps_typed_values_but_not_passwords(client):
    response = client.post(
        REGISTER,
        form_data(email="kein-mail", new_password2="anders-als-vorher", privacy_consent=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fehler:" in html
    assert "Bitte korrigieren Sie 3 Angaben" in html
    assert 'value="kein-mail"' in html
    assert 'value="Jürgen"' in html and 'value="Weiß"' in html
    assert PASSWORD not in html and "anders-als-vorher" not in html
    assert "Bitte stimmen Sie der Datenschutzerklärung zu" in html
    assert "Die beiden Passwörter stimmen nicht überein." in html
    assert not User.objects.exists()


def test_weak_password_is_refused_with_django_validators(client):
    response = client.post(REGISTER, form_data(new_password1="kurz", new_password2="kurz"))
    html = response.content.decode()
    assert "Bitte korrigieren Sie" in html
    assert 'href="#id_new_password1"' in html
    assert not User.objects.exists()


def test_empty_post_shows_errors_instead_of_crashing(client):
    response = client.post(REGISTER, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte korrigieren Sie 6 Angaben" in html
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein." in html


def test_unverified_account_cannot_log_in_and_can_ask_for_a_new_link(client, committed, mailoutbox):
    citizen("ungeprueft@example.org", verified=False)
    response = client.post(
        reverse("authentication:login"), {"email": "ungeprueft@example.org", "password": PASSWORD}
    )
    html = response.content.decode()
    assert "noch nicht bestätigt" in html
    assert reverse("authentication:resend_verification") in html
    assert "_auth_user_id" not in client.session

    with committed():
        resend = client.post(
            reverse("authentication:resend_verification"), {"email": "ungeprueft@example.org"}
        )
    assert resend.status_code == 302
    assert len(mailoutbox) == 1
    client.post(link_in(mailoutbox[0]))
    logged_in = client.post(
        reverse("authentication:login"), {"email": "ungeprueft@example.org", "password": PASSWORD}
    )
    assert logged_in.status_code == 302
    assert client.session["_auth_user_id"]


def test_resend_for_unknown_or_verified_address_sends_nothing(client, committed, mailoutbox):
    citizen("fertig@example.org")
    url = reverse("authentication:resend_verification")
    with committed():
        first = client.post(url, {"email": "fertig@example.org"})
        second = client.post(url, {"email": "niemand@example.org"})
    assert first.url == second.url == reverse("authentication:register_done")
    assert mailoutbox == []

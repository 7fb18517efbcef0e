"""TOTP second factor: setup shows a QR code (inline SVG image with a text alternative)
and the secret as text; a right code activates it and shows 10 recovery codes exactly
once; from then on login asks for a code before the login completes (no session login
after the password alone); a code cannot be replayed; a recovery code works once;
wrong codes count as failed logins (growing waits); citizens can switch the factor off,
staff cannot; new recovery codes invalidate the old ones; all of it is audit-logged."""

from __future__ import annotations

import re

import pyotp
import pytest
from django.urls import reverse

from rathaus.audit.models import AuditEntry
from rathaus.authentication import services
from rathaus.authentication.models import RecoveryCode, TOTPDevice
from tests.accounts.factories import PASSWORD, citizen, staff

pytestmark = pytest.mark.django_db

LOGIN = reverse("authentication:login")
SETUP = reverse("authentication:totp_setup")
SECOND = reverse("authentication:second_factor")
CODES = reverse("authentication:recovery_codes")


def set_up_device(client, clock, user) -> tuple[str, list[str]]:
    """Go through the setup page; returns the secret and the recovery codes shown."""
    client.force_login(user)
    page = client.get(SETUP).content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    secret = secret.replace(" ", "")
    response = client.post(SETUP, {"code": pyotp.TOTP(secret).at(clock.now)})
    assert response.status_code == 302 and response.url == CODES
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", client.get(CODES).content.decode())
    client.post(reverse("authentication:logout"))
    return secret, codes


def login_with_password(client, email="erika@example.org"):
    return client.post(LOGIN, {"email": email, "password": PASSWORD})


def test_setup_page_shows_qr_code_and_secret(client):
    client.force_login(citizen())
    html = client.get(SETUP).content.decode()
    assert '<img src="data:image/svg+xml' in html
    assert 'alt="QR-Code zum Einrichten der Authenticator-App.' in html
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert len(secret.replace(" ", "")) == 32
    # the same secret until the setup is finished
    assert secret in client.get(SETUP).content.decode()


def test_setup_with_wrong_code_keeps_nothing_and_explains(client):
    user = citizen()
    client.force_login(user)
    client.get(SETUP)
    html = client.post(SETUP, {"code": "12345"}).content.decode()
    assert "Der Code besteht aus genau 6 Ziffern." in html
    html = client.post(SETUP, {"code": "000000"}).content.decode()
    assert "Bitte korrigieren Sie 1 Angabe" in html
    assert "Der Code passt nicht" in html
    assert not TOTPDevice.objects.exists()


def test_setup_then_login_requires_code_replay_refused_recovery_once(
    client, clock, mailoutbox, committed
):
    user = citizen()
    with committed():
        secret, codes = set_up_device(client, clock, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert RecoveryCode.objects.filter(user=user).count() == 10
    assert all(code not in rc.code_hash for code in codes for rc in RecoveryCode.objects.all())
    assert AuditEntry.objects.filter(verb="authentication.totp_enabled").exists()
    assert any("eingeschaltet" in m.subject for m in mailoutbox)

    # the codes are shown once only
    client.force_login(user)
    assert codes[0] not in client.get(CODES).content.decode()
    client.post(reverse("authentication:logout"))

    # password alone does not log in
    clock.advance(60)
    response = login_with_password(client)
    assert response.status_code == 302 and response.url == SECOND
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:overview")).status_code == 302

    # a wrong code is refused, the right one completes the login
    html = client.post(SECOND, {"code": "000000"}).content.decode()
    assert "Der Code ist nicht richtig" in html
    code = pyotp.TOTP(secret).at(clock.now)
    response = client.post(SECOND, {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEntry.objects.filter(verb="authentication.logged_in").last().data == {
        "method": "password",
        "second_factor": "totp",
    }

    # the same code again (still valid in time) is a replay and refused
    client.post(reverse("authentication:logout"))
    login_with_password(client)
    html = client.post(SECOND, {"code": code}).content.decode()
    assert "nicht richtig oder wurde schon verwendet" in html
    assert "_auth_user_id" not in client.session

    # a recovery code works once
    response = client.post(SECOND, {"code": codes[3].upper().replace("-", " ")})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert services.remaining_recovery_codes(user) == 9
    client.post(reverse("authentication:logout"))
    login_with_password(client)
    assert "nicht richtig" in client.post(SECOND, {"code": codes[3]}).content.decode()
    assert AuditEntry.objects.filter(verb="authentication.recovery_code_used").count() == 1


def test_wrong_codes_make_the_next_code_wait(client, clock, settings):
    settings.RATHAUS_LOGIN_SOURCE_MAX_FAILURES = 3
    user = citizen()
    secret, _ = set_up_device(client, clock, user)
    clock.advance(60)
    login_with_password(client)
    client.post(SECOND, {"code": "000000"})
    client.post(SECOND, {"code": "111111"})
    html = client.post(SECOND, {"code": "222222"}).content.decode()
    assert "Der Code ist nicht richtig" in html and "Bitte warten Sie 1 Sekunde," in html
    # even the right code is not checked before the wait is over
    response = client.post(SECOND, {"code": pyotp.TOTP(secret).at(clock.now)})
    assert response.status_code == 429 and response["Retry-After"] == "1"
    assert "Zu viele Anmeldeversuche" in response.content.decode()
    assert "_auth_user_id" not in client.session
    failed = AuditEntry.objects.filter(verb="authentication.login_failed")
    assert [entry.data["reason"] for entry in failed] == ["second_factor"] * 3
    # afterwards it is
    clock.advance(1)
    response = client.post(SECOND, {"code": pyotp.TOTP(secret).at(clock.now)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_pending_login_expires(client, clock):
    user = citizen()
    secret, _ = set_up_device(client, clock, user)
    login_with_password(client)
    clock.advance(services.PENDING_LOGIN_SECONDS + 1)
    response = client.post(SECOND, {"code": pyotp.TOTP(secret).at(clock.now)})
    assert response.status_code == 302 and response.url == LOGIN
    assert "_auth_user_id" not in client.session


def test_second_factor_page_without_pending_login_goes_to_login(client):
    response = client.get(SECOND)
    assert response.status_code == 302 and response.url == LOGIN


def test_citizen_can_switch_the_second_factor_off(client, clock, committed, mailoutbox):
    user = citizen()
    set_up_device(client, clock, user)
    client.force_login(user)
    url = reverse("authentication:totp_disable")
    html = client.post(url, {"password": "falsch"}).content.decode()
    assert "Das Passwort ist nicht richtig." in html
    assert TOTPDevice.objects.filter(user=user).exists()
    with committed():
        response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(verb="authentication.totp_disabled").exists()
    assert any("ausgeschaltet" in m.subject for m in mailoutbox)
    client.post(reverse("authentication:logout"))
    assert login_with_password(client).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_staff_cannot_switch_the_second_factor_off(client, clock):
    clerk = staff()
    secret, _ = set_up_device(client, clock, clerk)
    clock.advance(60)
    login_with_password(client, clerk.email)
    client.post(SECOND, {"code": pyotp.TOTP(secret).at(clock.now)})
    url = reverse("authentication:totp_disable")
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 403
    assert "vorgeschrieben" in response.content.decode()
    assert TOTPDevice.objects.filter(user=clerk).exists()
    with pytest.raises(services.SecondFactorMandatory):
        services.disable_totp(clerk)


def test_new_recovery_codes_replace_the_old_ones(client, clock):
    user = citizen()
    _, old_codes = set_up_device(client, clock, user)
    client.force_login(user)
    html = client.post(CODES, {"password": "falsch"}).content.decode()
    assert "Das Passwort ist nicht richtig." in html
    response = client.post(CODES, {"password": PASSWORD})
    assert response.status_code == 302
    new_codes = re.findall(
        r"<li><code>([a-z0-9-]+)</code></li>", client.get(CODES).content.decode()
    )
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert services.verify_second_factor(user, old_codes[0]).ok is False
    assert services.verify_second_factor(user, new_codes[0]).method == "recovery_code"
    assert AuditEntry.objects.filter(verb="authentication.recovery_codes_generated").exists()


def test_security_page_shows_the_state(client, clock):
    user = citizen()
    client.force_login(user)
    url = reverse("authentication:security")
    assert "Ausgeschaltet" in client.get(url).content.decode()
    set_up_device(client, clock, user)
    client.force_login(user)
    html = client.get(url).content.decode()
    assert "Eingeschaltet" in html
    assert "10 unbenutzte Wiederherstellungscodes" in html

"""The second factor is mandatory for staff: a staff member (clerk membership, admin)
whose session has not proved it is redirected from /verwaltung/, the admin site, the
account pages and any ``staff_required`` view to the TOTP setup (no device yet) or to
the code entry, and reaches them afterwards; public pages, logout and the setup stay
reachable. /verwaltung/ shows the roles and authorities; citizens get 403 there."""

from __future__ import annotations

import re

import pyotp
import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from rathaus.accounts.models import Role, User
from rathaus.audit.models import AuditEntry
from rathaus.authentication.decorators import staff_required
from tests.accounts.factories import PASSWORD, authority, citizen, hessen, staff

pytestmark = pytest.mark.django_db

LOGIN = reverse("authentication:login")
SETUP = reverse("authentication:totp_setup")
SECOND = reverse("authentication:second_factor")
STAFF_HOME = reverse("authentication:staff_home")


def login(client, email):
    return client.post(LOGIN, {"email": email, "password": PASSWORD})


def finish_setup(client, clock, next_url=""):
    page = client.get(SETUP, {"next": next_url} if next_url else {}).content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    secret = secret.replace(" ", "")
    data = {"code": pyotp.TOTP(secret).at(clock.now), "next": next_url}
    response = client.post(SETUP, data)
    assert response.status_code == 302
    return secret


def test_clerk_without_second_factor_is_sent_to_setup_and_gets_in_after(client, clock):
    clerk = staff()
    response = login(client, clerk.email)
    assert response.status_code == 302
    assert response.url.startswith(SETUP)  # staff without a device set one up first
    assert client.session["_auth_user_id"] == str(clerk.pk)

    for url in [
        STAFF_HOME,
        "/en/verwaltung/",
        reverse("admin:index"),
        reverse("accounts:overview"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/konto/sicherheit/zwei-faktor/einrichten/" in response.url, url
    assert "next=%2Fverwaltung%2F" in client.get(STAFF_HOME).url

    # public pages, the setup page and logout stay reachable
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(SETUP).status_code == 200

    finish_setup(client, clock, next_url=STAFF_HOME)
    codes_page = client.get(reverse("authentication:recovery_codes")).content.decode()
    assert f'href="{STAFF_HOME}"' in codes_page  # "continue" leads where they wanted to go
    page = client.get(STAFF_HOME)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sachbearbeitung" in html
    assert "Stadt Darmstadt – Bürgerbüro" in html


def test_staff_with_device_must_enter_the_code_at_login(client, clock):
    clerk = staff()
    login(client, clerk.email)
    secret = finish_setup(client, clock)
    client.post(reverse("authentication:logout"))
    clock.advance(60)

    response = login(client, clerk.email)
    assert response.url == SECOND
    assert "_auth_user_id" not in client.session
    assert client.get(STAFF_HOME).url.startswith(LOGIN)
    client.post(SECOND, {"code": pyotp.TOTP(secret).at(clock.now)})
    assert client.get(STAFF_HOME).status_code == 200


def test_session_without_second_factor_is_sent_to_code_entry(client, clock):
    """E.g. a session that logged in some other way: the code is asked for (step-up)."""
    clerk = staff()
    login(client, clerk.email)
    secret = finish_setup(client, clock)
    client.logout()
    client.force_login(clerk)  # a fresh session, not verified
    response = client.get(STAFF_HOME)
    assert response.status_code == 302
    assert response.url == f"{SECOND}?next=%2Fverwaltung%2F"
    clock.advance(60)
    response = client.post(SECOND, {"code": pyotp.TOTP(secret).at(clock.now), "next": STAFF_HOME})
    assert response.status_code == 302 and response.url == STAFF_HOME
    assert client.get(STAFF_HOME).status_code == 200
    assert AuditEntry.objects.filter(verb="authentication.second_factor_verified").exists()


def test_admin_user_reaches_admin_only_after_second_factor(client, clock):
    admin_user = User.objects.create_superuser("admin@example.org", PASSWORD)
    response = login(client, admin_user.email)
    assert response.url.startswith(SETUP)
    assert client.get(reverse("admin:index")).url.startswith(SETUP)
    finish_setup(client, clock)
    assert client.get(reverse("admin:index")).status_code == 200


def test_citizen_logs_in_without_second_factor_and_is_not_staff(client):
    user = citizen()
    response = login(client, user.email)
    assert response.status_code == 302 and response.url == reverse("core:home")
    assert client.get(reverse("accounts:overview")).status_code == 200
    assert client.get(STAFF_HOME).status_code == 403


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get(STAFF_HOME)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_staff_required_decorator_marks_and_guards_a_view(clock, client):
    @staff_required
    def view(request):
        return HttpResponse("ok")

    assert view.rathaus_staff_required is True
    factory = RequestFactory()
    request = factory.get("/irgendwo/")
    request.user = citizen()
    request.session = client.session
    with pytest.raises(PermissionDenied):
        view(request)
    designer = staff("gestaltung@example.org", Role.DESIGNER, authority(hessen()["kreis"]))
    request.user = designer
    response = view(request)
    assert response.status_code == 302 and response.url.startswith(SETUP)

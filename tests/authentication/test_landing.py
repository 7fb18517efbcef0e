"""Where a login ends (issue 12): staff in the staff area /verwaltung/, citizens where they
always landed, and a safe ``next`` wins for both. The first TOTP set-up of a staff
member keeps that destination: the recovery codes page continues there, not to the
security settings. Every ``next`` is checked with ``url_has_allowed_host_and_scheme``."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pyotp
import pytest
from django.urls import reverse
from django.utils import translation

from rathaus.accounts.models import Role, User
from rathaus.authentication import services
from tests.accounts.factories import PASSWORD, authority, citizen, municipal, staff

pytestmark = pytest.mark.django_db

LOGIN = reverse("authentication:login")
SECOND = reverse("authentication:second_factor")
SETUP = reverse("authentication:totp_setup")
CODES = reverse("authentication:recovery_codes")
SECURITY = reverse("authentication:security")
STAFF_HOME = reverse("authentication:staff_home")
HOME = reverse("core:home")
INBOX = "/verwaltung/vorgaenge/?status=neu"


def login(client, email: str, next_url: str = "", path: str = LOGIN):
    return client.post(path, {"email": email, "password": PASSWORD, "next": next_url})


def with_device(user: User, clock) -> pyotp.TOTP:
    secret = services.new_totp_secret()
    totp = pyotp.TOTP(secret)
    assert services.confirm_totp_device(user, secret, totp.at(clock.now)) is not None
    clock.advance(60)  # the next code, not the one used for the set-up
    return totp


def enter_code(client, user: User, clock, next_url: str = "", path: str = SECOND):
    totp = with_device(user, clock)
    response = login(client, user.email, next_url)
    assert response.status_code == 302 and response.url == path
    return client.post(path, {"code": totp.at(clock.now)})


def hidden_next(html: str) -> str:
    match = re.search(r'<input type="hidden" name="next"(?: value="([^"]*)")?', html)
    assert match, "no hidden next field"
    return unescape(match.group(1) or "")


def set_up_totp(client, clock, setup_url: str):
    """Fill the set-up form as a browser would: the fields the page renders, a fresh code."""
    page = client.get(setup_url).content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    code = pyotp.TOTP(secret.replace(" ", "")).at(clock.now)
    return client.post(setup_url, {"code": code, "next": hidden_next(page)})


def continue_link(html: str) -> str:
    match = re.search(r'<a class="kern-btn kern-btn--primary" href="([^"]*)">', html)
    assert match, "no continue link on the recovery codes page"
    return unescape(match.group(1))


# --- Issue 1: the landing page after login -------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.CLERK, Role.DESIGNER, Role.SMART_REGION, "municipal", Role.CONSULTANT]
)
def test_staff_with_a_device_land_in_the_staff_area(client, clock, role):
    """Members of a municipality's organisation work for public administration too."""
    member = municipal() if role == "municipal" else staff(f"{role}@example.org", role)
    response = enter_code(client, member, clock)
    assert response.status_code == 302
    assert response.url == STAFF_HOME
    assert client.get(response.url).status_code == 200


def test_platform_admin_lands_in_the_staff_area(client, clock):
    admin = User.objects.create_superuser("admin@example.org", PASSWORD)
    response = enter_code(client, admin, clock)
    assert response.url == STAFF_HOME


def test_staff_land_in_the_staff_area_of_their_language(client, clock):
    member = staff()
    totp = with_device(member, clock)
    with translation.override("en"):
        login_en, second_en, staff_home_en = (
            reverse("authentication:login"),
            reverse("authentication:second_factor"),
            reverse("authentication:staff_home"),
        )
    assert login(client, member.email, path=login_en).url == second_en
    response = client.post(second_en, {"code": totp.at(clock.now)})
    assert response.url == staff_home_en == "/en/verwaltung/"


def test_a_safe_next_wins_over_the_staff_area(client, clock):
    member = staff()
    response = enter_code(client, member, clock, next_url=INBOX)
    assert response.url == INBOX


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/verwaltung/", "javascript:alert(1)"]
)
def test_an_unsafe_next_is_ignored_and_staff_land_in_the_staff_area(client, clock, unsafe):
    member = staff()
    response = enter_code(client, member, clock, next_url=unsafe)
    assert response.url == STAFF_HOME


def test_citizens_keep_their_landing(client):
    user = citizen()
    assert login(client, user.email).url == HOME
    client.post(reverse("authentication:logout"))
    assert login(client, user.email, next_url="/konto/").url == "/konto/"


def test_citizens_with_a_second_factor_keep_their_landing(client, clock):
    user = citizen()
    assert enter_code(client, user, clock).url == HOME


def test_default_landing_is_the_rule_of_the_service():
    assert services.default_landing(citizen()) == HOME
    assert services.default_landing(staff()) == STAFF_HOME


# --- Issue 3: the first TOTP set-up keeps the destination ------------------------------------


def test_first_set_up_without_next_continues_to_the_staff_area(client, clock):
    member = staff()
    response = login(client, member.email)
    assert response.url.startswith(SETUP)
    assert parse_qs(urlsplit(response.url).query)["next"] == [STAFF_HOME]

    assert set_up_totp(client, clock, response.url).url == CODES
    codes_page = client.get(CODES).content.decode()
    assert continue_link(codes_page) == STAFF_HOME  # not the security settings
    assert client.get(STAFF_HOME).status_code == 200


def test_first_set_up_keeps_the_page_asked_for(client, clock):
    member = staff()
    asked = client.get("/verwaltung/vorgaenge/")
    assert asked.status_code == 302 and asked.url.startswith(LOGIN)
    login_page = client.get(asked.url).content.decode()
    response = login(client, member.email, hidden_next(login_page))
    assert response.url.startswith(SETUP)

    set_up_totp(client, clock, response.url)
    destination = continue_link(client.get(CODES).content.decode())
    assert destination == "/verwaltung/vorgaenge/"
    assert client.get(destination).status_code == 200


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/"])
def test_first_set_up_never_continues_off_site(client, clock, unsafe):
    member = staff()
    login(client, member.email, unsafe)
    set_up_totp(client, clock, f"{SETUP}?next={unsafe}")
    assert continue_link(client.get(CODES).content.decode()) == SECURITY


def test_set_up_already_done_goes_to_the_page_asked_for(client, clock):
    member = staff("zwei@example.org", Role.CLERK, authority())
    response = login(client, member.email)
    set_up_totp(client, clock, response.url)
    again = client.get(SETUP, {"next": "/verwaltung/vorgaenge/"})
    assert again.status_code == 302 and again.url == "/verwaltung/vorgaenge/"
    off_site = client.get(SETUP, {"next": "https://evil.example/"})
    assert off_site.url == SECURITY


# --- A relative or malformed next never breaks the login -------------------------------------

RELATIVE = ["foo", "verwaltung", "?seite=2", "#inhalt", "..", " /konto/"]


@pytest.mark.parametrize("relative", RELATIVE)
def test_a_relative_next_is_ignored_for_citizens(client, relative):
    # "foo" used to reach redirect() as a view name: 500 after a correct password.
    user = citizen()
    assert login(client, user.email, next_url=relative).url == HOME


@pytest.mark.parametrize("relative", RELATIVE)
def test_a_relative_next_is_ignored_through_the_first_set_up(client, clock, relative):
    member = staff()
    response = login(client, member.email, next_url=relative)
    assert parse_qs(urlsplit(response.url).query)["next"] == [STAFF_HOME]
    set_up_totp(client, clock, f"{SETUP}?{urlencode({'next': relative})}")
    assert continue_link(client.get(CODES).content.decode()) == SECURITY
    again = client.get(SETUP, {"next": relative})  # set-up already done
    assert again.status_code == 302 and again.url == SECURITY


def test_a_next_with_this_host_is_kept(client):
    user = citizen()
    assert login(client, user.email, next_url="http://testserver/konto/").url == (
        "http://testserver/konto/"
    )

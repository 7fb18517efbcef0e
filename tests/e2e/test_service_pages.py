"""The remaining public pages pass axe-core (WCAG 2.1 A/AA) in German and English: the
account pages a visitor reaches without logging in (password reset, resend verification,
a broken confirmation link, the second-factor prompt) and the municipality look-up."""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect

from rathaus.accounts import services as accounts
from rathaus.authentication import services as authentication
from rathaus.core import importers

pytestmark = pytest.mark.e2e

PASSWORD = "Sonnenblume-Fulda-2026"
ACCOUNT_PAGES = [
    ("/passwort-vergessen/", 200),
    ("/passwort-vergessen/e-mail-gesendet/", 200),
    ("/passwort-vergessen/MQ/ungueltig-123/", 200),
    ("/registrieren/e-mail-gesendet/", 200),
    ("/registrieren/bestaetigung-erneut-senden/", 200),
    ("/registrieren/bestaetigen/kaputt/", 400),
    ("/en/passwort-vergessen/", 200),
    ("/en/registrieren/", 200),
    ("/en/anmelden/", 200),
]
TERRITORY_PAGES = [
    "/gebiete/suche/",
    "/gebiete/suche/?q=Darm",
    "/gebiete/suche/?q=x",
    "/gebiete/06411000/",
    "/gebiete/06438/",
    "/en/gebiete/suche/?q=Gie",
]


@pytest.mark.parametrize(("path", "status"), ACCOUNT_PAGES)
def test_account_page_is_accessible(page, assert_accessible, path, status):
    response = page.goto(path)
    assert response is not None and response.status == status, path
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("path", TERRITORY_PAGES)
def test_territory_page_is_accessible(page, assert_accessible, path):
    importers.import_shipped_extract()
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


def test_second_factor_prompt_is_accessible(page, assert_accessible):
    user = accounts.create_citizen("totp@example.org", PASSWORD, "Jana", "Weber", verified=True)
    secret = authentication.new_totp_secret()
    authentication.confirm_totp_device(user, secret, pyotp.TOTP(secret).now())
    page.goto("/anmelden/")
    page.fill("#id_email", "totp@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page).to_have_url(re.compile("/anmelden/zweiter-faktor/"))
    assert_accessible(page)
    page.fill("#id_code", "12")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)

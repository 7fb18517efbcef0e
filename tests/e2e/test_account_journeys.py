"""The account journeys in a real browser, each page checked with axe-core:

- a citizen registers (errors first, typed values kept), confirms the e-mail link from
  the mail, logs in, fixes wrong profile input and saves the Servicekonto data;
- a clerk (staff) who logs in cannot reach the staff area until the TOTP second factor
  is set up with a code from an authenticator app; then she can.
"""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.core.models import Authority, Territory
from tests.e2e.helpers import fill_registration

pytestmark = pytest.mark.e2e

PASSWORD = "Sonnenblume-Wiesbaden-42"


def _darmstadt() -> Territory:
    land = Territory.objects.create(key="06", level="land", name="Hessen")
    district = Territory.objects.create(
        key="064", level="regierungsbezirk", name="Darmstadt", parent=land
    )
    return Territory.objects.create(
        key="06411000", level="gemeinde", name="Darmstadt, Wissenschaftsstadt", parent=district
    )


def _link_from(mail, path_part: str) -> str:
    match = re.search(rf"https?://\S+{path_part}\S+/", mail.body)
    assert match, mail.body
    return match.group(0)


def test_citizen_registers_confirms_and_completes_profile(page, assert_accessible, mailoutbox):
    _darmstadt()
    page.goto("/registrieren/")
    page.get_by_role("button", name="Servicekonto anlegen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.title().startswith("Fehler:")
    assert_accessible(page)

    fill_registration(page, "Lena", "Schäfer", "lena.schaefer@example.org", PASSWORD)
    page.get_by_role("button", name="Servicekonto anlegen").click()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    page.goto(_link_from(mailoutbox[-1], "/registrieren/bestaetigen/"))
    assert_accessible(page)
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    expect(page.get_by_text("Ihre E-Mail-Adresse ist bestätigt")).to_be_visible()

    page.goto("/anmelden/")
    page.fill("#id_email", "Lena.Schaefer@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.goto("/konto/")
    expect(page.locator("h1")).to_have_text(re.compile("Mein Konto"))
    assert_accessible(page)

    page.goto("/konto/profil/")
    page.fill("#id_postal_code", "642")
    page.fill("#id_municipality", "Darmst")
    page.get_by_role("button", name="Angaben speichern").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("#id_postal_code")).to_have_value("642")
    assert_accessible(page)

    page.fill("#id_postal_code", "64283")
    page.fill("#id_municipality", "06411000")
    page.get_by_role("button", name="Angaben speichern").click()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    profile = User.objects.get(email="lena.schaefer@example.org").citizen_profile
    assert profile.postal_code == "64283"
    assert profile.municipality.key == "06411000"


def test_clerk_needs_second_factor_for_the_staff_area(page, assert_accessible):
    authority = Authority.objects.create(
        name="Stadt Darmstadt – Bürgerbüro", slug="da-bb", territory=_darmstadt()
    )
    accounts.create_staff("clerk@example.org", PASSWORD, authority, Role.CLERK)

    page.goto("/anmelden/")
    page.fill("#id_email", "clerk@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.goto("/verwaltung/")
    assert "/zwei-faktor/einrichten/" in page.url  # no staff page without a second factor
    page.goto("/admin/")
    assert "/zwei-faktor/einrichten/" in page.url
    assert_accessible(page)

    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.fill("#id_code", "000000")
    page.get_by_role("button", name="Einrichtung abschließen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Einrichtung abschließen").click()
    expect(page.locator("li code").first).to_be_visible()  # recovery codes, shown once

    page.goto("/verwaltung/")
    expect(page.get_by_text("Stadt Darmstadt – Bürgerbüro").first).to_be_visible()
    assert_accessible(page)

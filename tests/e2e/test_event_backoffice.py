"""The organisers' back office in a real browser, axe-checked on every page: the Smart
Region office creates an event (first with a mistake), adds a workshop session, looks at
the registrations and checks a participant in on a phone-sized screen."""

from __future__ import annotations

import re
from datetime import datetime

import pyotp
import pytest
from playwright.sync_api import Page, expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.totp import confirm_totp_device
from rathaus.core.models import Authority, Territory
from rathaus.events.models import Event, Registration

pytestmark = pytest.mark.e2e

PASSWORD = "Ein-langes-Passwort-2026"
DESK = "/veranstaltungen/verwaltung/"
DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}"""


@pytest.fixture
def office(hessen) -> tuple[User, str]:
    authority = Authority.objects.create(
        name="Geschäftsstelle Smart Region", slug="smart-region",
        territory=Territory.objects.get(key="06"),
    )  # fmt: skip
    user = accounts.create_staff("office@smart-region.example", PASSWORD, authority,
                                 Role.SMART_REGION)  # fmt: skip
    secret = pyotp.random_base32()
    confirm_totp_device(user, secret, pyotp.TOTP(secret).now())
    return user, secret


@pytest.fixture
def audit(assert_accessible):
    def check(page: Page) -> None:
        assert_accessible(page)
        repeated = page.evaluate(DUPLICATE_IDS)
        assert not repeated, f"ids used more than once on {page.url}: {repeated}"

    return check


def log_in(page: Page, user: User, secret: str) -> None:
    page.goto("/anmelden/")
    page.fill("#id_email", user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    totp = pyotp.TOTP(secret)
    page.fill("#id_code", totp.generate_otp(totp.timecode(datetime.now()) + 1))
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.locator("#id_code")).to_have_count(0)


def create_event(page: Page, audit) -> Event:
    page.goto(DESK)
    expect(page.get_by_role("heading", name="Meine Veranstaltungen")).to_be_visible()
    audit(page)
    page.get_by_role("link", name="Neue Veranstaltung anlegen").click()
    audit(page)
    page.fill("#id_title", "Kongress Digitale Städte")
    page.get_by_label("Kongress", exact=True).check()
    page.get_by_label("hybrid", exact=True).check()
    page.fill("#id_summary", "Der jährliche Kongress.")
    page.fill("#id_starts_at", "2031-05-12T09:00")
    page.fill("#id_ends_at", "2031-05-11T17:00")  # a mistake: the end before the start
    page.fill("#id_capacity", "400")
    page.fill("#id_accessibility", "Stufenloser Zugang, Induktionsschleife im Saal.")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("heading", name=re.compile("Bitte korrigieren Sie"))).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Kongress Digitale Städte")
    audit(page)
    page.get_by_role("link", name=re.compile("Das Ende liegt vor dem Beginn")).click()
    page.fill("#id_ends_at", "2031-05-12T17:00")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("heading", name="Kongress Digitale Städte")).to_be_visible()
    audit(page)
    return Event.objects.get(title="Kongress Digitale Städte")


def add_workshop(page: Page, audit) -> None:
    page.get_by_role("link", name="Programm", exact=True).click()
    audit(page)
    page.get_by_label("Workshop", exact=True).check()
    page.fill("#id_title", "Workshop Open Data")
    page.fill("#id_starts_at", "2031-05-12T11:00")
    page.fill("#id_ends_at", "2031-05-12T10:00")
    page.fill("#id_capacity", "25")
    page.get_by_role("button", name="Hinzufügen").click()
    expect(page.get_by_text("Der Programmpunkt endet, bevor er beginnt.").first).to_be_visible()
    audit(page)
    page.fill("#id_ends_at", "2031-05-12T12:30")
    page.get_by_role("button", name="Hinzufügen").click()
    expect(page.get_by_role("link", name="Workshop Open Data")).to_be_visible()
    audit(page)


def test_office_creates_an_event_and_checks_someone_in(page: Page, office, audit):
    user, secret = office
    log_in(page, user, secret)
    event = create_event(page, audit)
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_text("Die Veranstaltung ist veröffentlicht.")).to_be_visible()
    add_workshop(page, audit)
    Registration.objects.create(event=event, status="confirmed", given_name="Maria",
                                family_name="Muster", email="maria@example.org",
                                organisation="Stadt Fulda")  # fmt: skip
    Registration.objects.create(event=event, status="waiting", given_name="Walter",
                                family_name="Warte", email="walter@example.org")  # fmt: skip
    for name in ("Bearbeiten", "Sprecherinnen und Sprecher", "Aussteller", "Materialien",
                 "Nachrichten", "Statistik", "Team", "Kopieren"):  # fmt: skip
        page.get_by_role("link", name=name, exact=True).click()
        expect(page.locator("h1")).to_be_visible()
        audit(page)
    page.get_by_role("link", name="Anmeldungen", exact=True).click()
    expect(page.get_by_role("rowheader", name="Muster, Maria")).to_be_visible()
    expect(page.locator("#warteliste + ol")).to_contain_text("Warte, Walter")
    audit(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Einlass", exact=True).click()
    page.fill("#id_q", "Must")
    page.get_by_role("button", name="Suchen").click()
    audit(page)
    page.get_by_role("button", name="anwesend: Maria Muster", pressed=False).click()
    expect(page.get_by_text("1 von 1 bestätigten Teilnehmenden sind anwesend.")).to_be_visible()
    expect(page.get_by_role("button", name="anwesend: Maria Muster", pressed=True)).to_be_visible()
    audit(page)
    assert Registration.objects.get(email="maria@example.org").attended

"""A consulting request in a real browser, axe-checked on every page: the municipality
files it, the partner's consultant assigns it, agrees an appointment and closes it, the
municipality follows the timeline and gives feedback; the office sees it in its overview."""

from datetime import datetime, timedelta

import pyotp
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from rathaus.accounts.models import User
from rathaus.authentication.totp import confirm_totp_device
from rathaus.consulting.models import ConsultingRequest, Status
from tests.consulting.helpers import PASSWORD, World, make_world

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(hessen) -> World:
    return make_world()


def with_second_factor(user: User) -> str:
    """Give ``user`` an authenticator app; the code to log in with (the next window's)."""
    secret = pyotp.random_base32()
    totp = pyotp.TOTP(secret)
    confirm_totp_device(user, secret, totp.now())
    return totp.generate_otp(totp.timecode(datetime.now()) + 1)


def log_in(page: Page, email: str, code: str) -> None:
    page.goto("/anmelden/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.fill("#id_code", code)
    page.get_by_role("button", name="Bestätigen").click()


def day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_a_municipality_gets_consulting_and_gives_feedback(make_context, assert_accessible, world):
    codes = {user: with_second_factor(user)
             for user in (world.municipal, world.consultant_a, world.office)}  # fmt: skip

    home = make_context().new_page()
    log_in(home, world.municipal.email, codes[world.municipal])
    home.goto("/smart-region/beratung/")
    assert_accessible(home)
    home.get_by_role("link", name="Beratung anfragen").click()
    home.get_by_role("button", name="Anfrage senden").click()  # empty: the error summary
    expect(home.get_by_role("heading", name="Bitte korrigieren Sie 4 Angaben")).to_be_visible()
    assert_accessible(home)
    home.get_by_label("Open Data").check()
    home.fill("#id_description", "Wir möchten unsere Haushaltsdaten als Open Data veröffentlichen.")
    home.fill("#id_preferred_date_1", day(14))
    home.fill("#id_preferred_date_2", day(21))
    home.fill("#id_contact_name", "Max Beispiel")
    home.get_by_role("button", name="Anfrage senden").click()
    reference = ConsultingRequest.objects.get().reference
    expect(home.get_by_text(f"Ihre Vorgangsnummer: {reference}")).to_be_visible()
    assert_accessible(home)
    home.goto("/smart-region/beratung/meine/")
    expect(home.get_by_role("link", name=reference)).to_be_visible()
    assert_accessible(home)

    partner = make_context().new_page()
    log_in(partner, world.consultant_a.email, codes[world.consultant_a])
    partner.goto("/smart-region/beratung/eingang/")
    assert_accessible(partner)
    partner.get_by_role("link", name=reference).click()
    assert_accessible(partner)
    partner.select_option("#id_assign-assignee", label=world.consultant_a.email)
    partner.get_by_role("button", name="Zuweisen").click()
    expect(partner.get_by_text("Die Anfrage ist zugewiesen.")).to_be_visible()
    partner.select_option("#id_status-status", "termin_vereinbart")
    partner.get_by_role("button", name="Status speichern").click()  # without a date: refused
    expect(partner.get_by_text("Bitte geben Sie das Datum des Termins an.").first).to_be_visible()
    assert_accessible(partner)
    partner.fill("#id_status-appointment_date", day(14))
    partner.fill("#id_status-appointment_time", "10:30")
    partner.fill("#id_status-message", "Wir besuchen Sie im Rathaus.")
    partner.get_by_role("button", name="Status speichern").click()
    expect(partner.get_by_text("Der Status ist geändert.")).to_be_visible()
    partner.fill("#id_note-text", "Kämmerei einladen.")
    partner.get_by_role("button", name="Notiz speichern").click()
    partner.select_option("#id_status-status", "abgeschlossen")
    partner.get_by_role("button", name="Status speichern").click()
    expect(partner.get_by_text("Der Status ist geändert.")).to_be_visible()
    assert_accessible(partner)

    home.goto(f"/smart-region/beratung/meine/{reference}/")
    expect(home.get_by_text("Wir besuchen Sie im Rathaus.")).to_be_visible()
    expect(home.get_by_text("Kämmerei einladen.")).to_have_count(0)
    assert_accessible(home)
    home.get_by_label("4", exact=True).check()
    home.fill("#id_text", "Sehr hilfreich.")
    home.get_by_role("button", name="Rückmeldung senden").click()
    expect(home.get_by_text("Vielen Dank für Ihre Rückmeldung.")).to_be_visible()
    expect(home.get_by_text("Bewertung: 4 von 5")).to_be_visible()
    assert_accessible(home)

    office = make_context().new_page()
    log_in(office, world.office.email, codes[world.office])
    office.goto("/smart-region/beratung/uebersicht/")
    expect(office.get_by_role("cell", name="Partner A")).to_be_visible()
    assert_accessible(office)
    request = ConsultingRequest.objects.get()
    assert request.status == Status.CLOSED and request.feedback_rating == 4

"""An event in a real browser, axe-checked on every page: a municipal employee finds the
congress in the calendar (by filter), registers for it and a workshop (first with a
mistake), gets the confirmation mail with an .ics file, cancels through the link in the
mail, and the first person on the waiting list is offered the seat."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from rathaus.events.models import Event, Registration
from tests.events.helpers import make_event, sign_up, workshop

pytestmark = pytest.mark.e2e
TITLE = "Digitale Städte – Digitale Regionen"


@pytest.fixture
def congress(hessen) -> Event:
    event = make_event(
        slug="kongress-2026", title=TITLE, capacity=3, is_example=True,
        format=Event.Format.HYBRID, online_link="https://stream.example/k",
    )  # fmt: skip
    workshop(event, "Open Data in sechs Schritten", 13, 15, capacity=5)
    workshop(event, "Förderanträge gemeinsam schreiben", 13, 15, capacity=5)
    make_event(slug="webinar", title="Webinar Open Data", kind=Event.Kind.WEBINAR,
               format=Event.Format.ONLINE)  # fmt: skip
    sign_up(event, 1)
    sign_up(event, 2)
    return event


def test_register_cancel_and_the_waiting_list_moves_up(page, assert_accessible, congress):
    page.goto("/veranstaltungen/")
    assert_accessible(page)
    page.select_option("#filter-art", "kongress")
    page.get_by_role("button", name="Veranstaltungen anzeigen").click()
    expect(page.get_by_role("heading", name="1 Veranstaltung")).to_be_visible()
    assert "art=kongress" in page.url
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("noch 1 Platz", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Jetzt anmelden").click()
    assert_accessible(page)
    page.fill("#id_given_name", "Erika")
    page.fill("#id_email", "keine-adresse")
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_role("heading", name="Bitte korrigieren Sie 2 Angaben")).to_be_visible()
    expect(page).to_have_title(re.compile("^Fehler:"))
    assert_accessible(page)
    expect(page.locator("#id_given_name")).to_have_value("Erika")
    page.fill("#id_family_name", "Mustermann")
    page.fill("#id_email", "erika@example.org")
    page.fill("#id_municipality", "Darmstadt (06411000)")
    page.get_by_label(re.compile("^Open Data in sechs Schritten")).check()
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_text("Vielen Dank für Ihre Anmeldung.")).to_be_visible()
    expect(page.get_by_text("bestätigt", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="https://stream.example/k")).to_be_visible()
    assert_accessible(page)

    (confirmation,) = [m for m in mail.outbox if m.to == ["erika@example.org"]]
    name, content, _type = confirmation.attachments[0]
    assert name == "kongress-2026.ics" and "BEGIN:VEVENT" in content
    waiting = sign_up(congress, 3)
    assert waiting.status == "waiting"

    link = re.search(r"https?://\S+/anmeldung/\S+/", confirmation.body).group(0)
    page.goto(link)  # the mail links to the live server that sent it
    page.get_by_role("link", name="Anmeldung stornieren").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    expect(page.get_by_text("Ihre Anmeldung ist storniert.")).to_be_visible()
    assert Registration.objects.get(pk=waiting.pk).status == "offered"
    offer = [m for m in mail.outbox if m.to == [waiting.email]][-1]
    assert offer.subject == f"Ein Platz ist frei: {TITLE}"

    page.goto(f"/veranstaltungen/anmeldung/{waiting.token}/")
    expect(page.get_by_text("Platz angeboten", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Platz bestätigen").click()
    expect(page.get_by_text("Ihr Platz ist bestätigt. Wir freuen uns auf Sie.")).to_be_visible()
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"

"""Applying online in a real browser, every page checked with axe-core:

- a citizen registers, confirms the e-mail from the outbox, finds the Eheurkunde in the
  catalogue for Darmstadt, fills in every step (after fixing a deliberate error), checks
  the answers, submits, downloads the receipt PDF and sees the status and the postbox;
- an anonymous applicant saves the draft, and resumes it in another browser by the link
  mailed to her.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from rathaus.submissions.models import Submission
from tests.e2e.helpers import fill_registration

pytestmark = pytest.mark.e2e
PASSWORD = "Sonnenblume-Wiesbaden-42"


def _link(mail, part: str) -> str:
    match = re.search(rf"https?://\S+{part}\S+/", mail.body)
    assert match, mail.body
    return match.group(0)


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Weiter").last.click()


def _register_and_sign_in(page: Page, mailoutbox) -> None:
    page.goto("/registrieren/")
    fill_registration(page, "Lena", "Schäfer", "lena@example.org", PASSWORD)
    page.get_by_role("button", name="Servicekonto anlegen").click()
    page.goto(_link(mailoutbox[-1], "/registrieren/bestaetigen/"))
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    page.goto("/anmelden/")
    page.fill("#id_email", "lena@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()


def _open_service(page: Page, assert_accessible) -> None:
    page.goto("/leistungen/")
    assert_accessible(page)
    page.get_by_role("link", name="Eheurkunde anfordern").click()
    page.fill("#id_gemeinde", "Darmstadt")
    page.get_by_role("button", name="Zuständigkeit anzeigen").click()
    expect(page.get_by_text("Zuständig ist: Stadt Darmstadt – Standesamt.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Online beantragen").click()


def _fill_steps(page: Page, assert_accessible) -> None:
    expect(page.get_by_text("Schritt 1 von 4")).to_be_visible()
    page.get_by_label("Eheurkunde", exact=True).check()
    page.fill("#f-anzahl", "zwei")  # the deliberate error
    page.select_option("#f-zweck", "rente")
    _continue(page)
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.title().startswith("Fehler:")
    expect(page.locator("#f-anzahl")).to_have_value("zwei")
    assert_accessible(page)
    page.fill("#f-anzahl", "2")
    _continue(page)

    expect(page.get_by_text("Schritt 2 von 4")).to_be_visible()
    assert_accessible(page)
    for name, value in {"day": "12", "month": "6", "year": "2015"}.items():
        page.fill(f"#f-datum_eheschliessung__{name}", value)
    page.fill("#f-ort_eheschliessung", "Darmstadt")
    for person, given in (("ehegatte1", "Lena"), ("ehegatte2", "Jonas")):
        page.fill(f"#f-{person}_familienname", "Schäfer")
        page.fill(f"#f-{person}_vornamen", given)
    _continue(page)

    expect(page.get_by_text("Schritt 3 von 4")).to_be_visible()
    assert_accessible(page)
    for name, value in {"day": "3", "month": "4", "year": "1985"}.items():
        page.fill(f"#f-geburtsdatum__{name}", value)
    page.get_by_label("Ich bin selbst eine der beiden Personen").check()
    _continue(page)

    expect(page.get_by_text("Schritt 4 von 4")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Abholung im Standesamt").check()
    _continue(page)


def test_citizen_applies_for_an_eheurkunde(page, assert_accessible, mailoutbox, catalogue):
    _register_and_sign_in(page, mailoutbox)
    _open_service(page, assert_accessible)
    _fill_steps(page, assert_accessible)

    expect(page.locator("h1")).to_have_text("Prüfen Sie Ihre Angaben")
    expect(page.get_by_text("12.06.2015")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Antrag absenden").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()  # declaration missing
    assert_accessible(page)
    page.check("#declaration")
    page.get_by_role("button", name="Antrag absenden").click()

    expect(page.get_by_text("Ihr Antrag ist eingegangen")).to_be_visible()
    reference = Submission.objects.get().reference
    expect(page.get_by_text(reference)).to_be_visible()
    expect(page.get_by_text("Eingegangen", exact=True)).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Eingangsbestätigung herunterladen (PDF)").click()
    assert download.value.suggested_filename == f"Eingangsbestaetigung-{reference}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.goto("/konto/antraege/")
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    assert_accessible(page)
    page.goto("/konto/postfach/")
    page.get_by_role("link", name=f"Eingangsbestätigung {reference}").click()
    expect(page.get_by_role("heading", name=f"Eingangsbestätigung {reference}")).to_be_visible()
    assert_accessible(page)


def test_anonymous_applicant_resumes_by_mailed_link(
    make_context, assert_accessible, mailoutbox, catalogue
):
    first = make_context().new_page()
    _open_service(first, assert_accessible)
    first.get_by_label("Beglaubigter Registerausdruck").check()
    first.fill("#f-anzahl", "1")
    first.select_option("#f-zweck", "familie")
    _continue(first)
    expect(first.get_by_text("Schritt 2 von 4")).to_be_visible()
    first.fill("#f-ort_eheschliessung", "Darmstadt")  # typed on the page, then saved
    first.get_by_role("button", name="Speichern und später fortsetzen").click()
    assert_accessible(first)
    first.fill("#id_email", "anna@example.org")
    first.get_by_role("button", name="Link schicken").click()
    expect(
        first.get_by_text("Wir haben Ihnen einen Link an anna@example.org geschickt")
    ).to_be_visible()

    second = make_context().new_page()
    second.goto(_link(mailoutbox[-1], "/antrag/fortsetzen/"))
    expect(second.get_by_text("Schritt 2 von 4")).to_be_visible()
    expect(second.locator("#f-ort_eheschliessung")).to_have_value("Darmstadt")
    second.get_by_role("link", name="Zurück").click()
    expect(second.locator("#f-anzahl")).to_have_value("1")


def test_gemeinde_suggestions_follow_the_typing(page, catalogue):
    page.goto("/leistungen/eheurkunde/")
    page.fill("#id_gemeinde", "Rodg")
    option = page.locator("#gemeinden option[value='Rodgau, Stadt (06438011)']")
    expect(option).to_have_count(1)

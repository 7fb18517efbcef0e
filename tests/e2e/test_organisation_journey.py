"""An organisation account in a real browser, every page checked with axe-core: a person
registers her company, invites a colleague (who joins by the mailed link), applies for
"Gewerbe anmelden" in the company's name; the clerk decides, and the colleague reads the
decision in the company's postbox."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rathaus.accounts import services as accounts
from rathaus.cases import services as cases
from rathaus.cases.models import Case
from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory
from rathaus.definitions.services import SHIPPED_DIR, load_shipped
from rathaus.submissions.models import Submission

pytestmark = pytest.mark.e2e
PASSWORD = "Sonnenblume-Wiesbaden-42"


@pytest.fixture
def gewerbe(hessen):
    load_shipped([SHIPPED_DIR / "gewerbe-anmelden.yaml"])
    load_catalog()
    darmstadt = Territory.objects.get(key="06411000")
    office = Authority.objects.create(
        name="Stadt Darmstadt – Gewerbeamt", slug="darmstadt-gewerbe", territory=darmstadt
    )
    Offer.objects.create(
        service=Service.objects.get(slug="gewerbe-anmelden"), authority=office, territory=darmstadt
    )
    for email, given in (("eva@example.org", "Eva"), ("ben@example.org", "Ben")):
        accounts.create_citizen(email, PASSWORD, given_names=given, family_name="Beispiel")


def _sign_in(page: Page, email: str) -> None:
    page.goto("/anmelden/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()


def _register_company(page: Page, assert_accessible) -> None:
    page.goto("/konto/organisationen/")
    assert_accessible(page)
    page.get_by_role("link", name="Unternehmen oder Verein anlegen").click()
    page.get_by_label("Unternehmen", exact=True).check()
    page.get_by_label("Name", exact=True).fill("Muster Bau GmbH")
    page.select_option("#id_register_type", "HRB")
    for name, value in {
        "register_court": "Amtsgericht Darmstadt",
        "street": "Rheinstraße",
        "house_number": "7",
        "postal_code": "64283",
        "city": "Darmstadt",
    }.items():
        page.fill(f"#id_{name}", value)  # fmt: skip
    page.get_by_role("button", name="Organisation anlegen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()  # the register number
    expect(page.locator("#id_register_court")).to_have_value("Amtsgericht Darmstadt")
    assert_accessible(page)
    page.fill("#id_register_number", "12345")
    page.get_by_role("button", name="Organisation anlegen").click()
    expect(page.get_by_role("heading", name="Muster Bau GmbH", level=1)).to_be_visible()
    assert_accessible(page)


def _invite_and_join(page: Page, colleague: Page, mailoutbox, assert_accessible) -> None:
    page.get_by_label("E-Mail-Adresse", exact=True).fill("ben@example.org")
    page.get_by_label("Anträge und Post lesen").check()
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text("Die Einladung an ben@example.org ist verschickt.")).to_be_visible()
    link = re.search(r"https?://\S+/einladung/\S+/", mailoutbox[-1].body).group(0)
    _sign_in(colleague, "ben@example.org")
    colleague.goto(link)
    expect(colleague.get_by_text("Muster Bau GmbH (Unternehmen)")).to_be_visible()
    assert_accessible(colleague)
    colleague.get_by_role("button", name="Einladung annehmen").click()
    expect(colleague.get_by_text("Sie sind jetzt Mitglied von Muster Bau GmbH.")).to_be_visible()


def _apply_as_company(page: Page, assert_accessible) -> None:
    page.goto("/leistungen/gewerbe-anmelden/?gemeinde=06411000")
    expect(page.get_by_text("im Namen eines Unternehmens")).to_be_visible()
    page.get_by_role("button", name="Online beantragen").click()
    expect(page.get_by_role("heading", name="Für wen stellen Sie den Antrag?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Im Namen von Muster Bau GmbH").check()
    page.get_by_role("button", name="Weiter").click()
    expect(page.locator("#f-firma")).to_have_value("Muster Bau GmbH")  # from the account
    expect(page.locator("#f-registereintrag")).to_have_value("HRB 12345, Amtsgericht Darmstadt")
    page.select_option("#f-rechtsform", "gmbh_ug")
    assert_accessible(page)
    page.get_by_role("button", name="Weiter").last.click()
    expect(page.locator("#f-betriebsstaette__street")).to_have_value("Rheinstraße")
    page.fill("#f-betriebsstaette__municipality", "Darmstadt")
    page.fill("#f-taetigkeit", "Hochbau und Sanierung")
    for part, value in {"day": "1", "month": "2", "year": "2027"}.items():
        page.fill(f"#f-beginn__{part}", value)
    page.get_by_label("Handwerk").check()
    page.get_by_role("group", name="Nebenerwerb").get_by_label("Nein").check()
    page.fill("#f-beschaeftigte", "4")
    page.get_by_role("button", name="Weiter").last.click()
    assert_accessible(page)
    page.get_by_label(re.compile("Ich versichere")).check()
    page.get_by_role("button", name=re.compile("absenden", re.IGNORECASE)).click()
    expect(page.get_by_text("Ihr Antrag ist eingegangen")).to_be_visible()
    expect(page.get_by_text("Antragstellende Organisation")).to_be_visible()


def _decide() -> Submission:
    submission = Submission.objects.get()
    case = Case.objects.get(submission=submission)
    case, _ = cases.transition(case, "bearbeiten", None, "clerk", case.version, cases.Change())
    decision = cases.Change(outcome="bewilligt", reasons="Die Anzeige ist vollständig.",
                            document=True)  # fmt: skip
    cases.transition(case, "entscheiden", None, "clerk", case.version, decision)
    return submission


def test_a_company_applies_and_a_colleague_reads_the_decision(
    gewerbe, make_context, mailoutbox, assert_accessible
):
    page = make_context().new_page()
    colleague = make_context().new_page()
    _sign_in(page, "eva@example.org")
    _register_company(page, assert_accessible)
    _invite_and_join(page, colleague, mailoutbox, assert_accessible)
    _apply_as_company(page, assert_accessible)
    submission = _decide()
    assert submission.organisation.name == "Muster Bau GmbH"

    colleague.goto("/konto/postfach/")
    colleague.get_by_role("link", name="Muster Bau GmbH").click()
    expect(colleague.get_by_role("heading", name="Postfach von Muster Bau GmbH")).to_be_visible()
    assert_accessible(colleague)
    colleague.get_by_role("link", name=f"Bescheid zu Ihrem Antrag {submission.reference}").click()
    expect(colleague.get_by_text("Postfach der Organisation")).to_be_visible()
    expect(colleague.get_by_role("link", name=re.compile(r"Bescheid-.*\.pdf"))).to_be_visible()
    expect(colleague.get_by_role("button", name="Antwort senden")).to_have_count(0)  # reads only
    assert_accessible(colleague)

"""Case work in a real browser, axe-checked: the clerk logs in with her second factor,
finds the citizen's application in the inbox, claims it, asks for a document; the
citizen uploads it with her answer in the postbox; the clerk approves; the citizen finds
the decision PDF in the postbox."""

from datetime import datetime

import pyotp
import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.authentication.totp import confirm_totp_device
from rathaus.submissions.models import Submission
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.e2e
SECRET = pyotp.random_base32()


def log_in(page: Page, email: str, code: str | None = None) -> None:
    page.goto("/anmelden/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    if code:
        page.fill("#id_code", code)
        page.get_by_role("button", name="Bestätigen").click()


def test_clerk_decides_and_the_citizen_reads_the_decision(
    make_context, assert_accessible, citizen, catalogue
):
    django_client = Client()
    django_client.login(email="erika@example.org", password=PASSWORD)
    reference = submit_for(django_client)
    clerk = accounts.create_staff("clerk@example.org", PASSWORD, catalogue, Role.CLERK)
    confirm_totp_device(clerk, SECRET, pyotp.TOTP(SECRET).now())

    office = make_context().new_page()
    totp = pyotp.TOTP(SECRET)
    log_in(office, "clerk@example.org", totp.generate_otp(totp.timecode(datetime.now()) + 1))
    office.goto("/verwaltung/vorgaenge/")
    assert_accessible(office)
    office.get_by_role("link", name=reference).click()
    assert_accessible(office)
    office.get_by_role("button", name="Vorgang übernehmen").click()
    office.get_by_role("button", name="Bearbeitung beginnen").click()
    office.fill("#message-rueckfrage", "Bitte senden Sie uns die Vollmacht.")
    office.get_by_role("button", name="Unterlagen anfordern").click()
    expect(office.get_by_text("Der Vorgang ist jetzt: Rückfrage.")).to_be_visible()

    home = make_context().new_page()
    log_in(home, "erika@example.org")
    home.goto(f"/antraege/{reference}/")
    expect(home.get_by_text("Die zuständige Stelle hat eine Rückfrage.")).to_be_visible()
    home.goto("/konto/postfach/")
    home.get_by_role("link", name=f"Rückfrage zu Ihrem Antrag {reference}").click()
    home.fill("#id_body", "Anbei die Vollmacht.")
    home.set_input_files(
        "#dateien", files=[{"name": "Vollmacht.pdf", "mimeType": "application/pdf",
                            "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )  # fmt: skip
    home.get_by_role("button", name="Antwort senden").click()

    office.reload()
    expect(office.get_by_role("link", name="Vollmacht.pdf (15 Bytes)")).to_be_visible()
    office.select_option("#outcome-entscheiden", "bewilligt")
    office.fill("#reasons-entscheiden", "Die Voraussetzungen liegen vor.")
    office.get_by_role("button", name="Entscheiden").click()
    expect(office.get_by_text("Der Vorgang ist jetzt: Entschieden.")).to_be_visible()
    assert_accessible(office)
    office.goto("/verwaltung/vorgaenge/statistik/")
    expect(office.locator("svg.weekly-chart")).to_be_visible()
    assert_accessible(office)

    home.goto("/konto/postfach/")
    home.get_by_role("link", name=f"Bescheid zu Ihrem Antrag {reference}").click()
    with home.expect_download() as download:
        home.get_by_role("link", name=f"Bescheid-{reference}.pdf").click()
    with open(download.value.path(), "rb") as document:
        assert document.read(5) == b"%PDF-"
    assert Submission.objects.get().case.state == "entschieden"

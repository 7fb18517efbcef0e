"""The clerk's inbox in a real browser, axe-checked: the filters sit in a compact row
above the table (the first case is visible without scrolling at 1280x800), they wrap on
a narrow screen, and filtering and bulk assignment work without JavaScript (axe itself
needs JavaScript, so it checks the pages in the tests that have it)."""

from datetime import datetime

import pyotp
import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.authentication.totp import confirm_totp_device
from tests.e2e.test_case_work import log_in
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.e2e
SECRET = pyotp.random_base32()
INBOX = "/verwaltung/vorgaenge/"


@pytest.fixture
def references(citizen, catalogue) -> list[str]:
    """Two applications in the clerk's inbox, and the clerk with her second factor."""
    django_client = Client()
    django_client.login(email="erika@example.org", password=PASSWORD)
    made = [submit_for(django_client), submit_for(django_client)]
    clerk = accounts.create_staff("clerk@example.org", PASSWORD, catalogue, Role.CLERK)
    confirm_totp_device(clerk, SECRET, pyotp.TOTP(SECRET).now())
    accounts.create_staff("colleague@example.org", PASSWORD, catalogue, Role.CLERK)
    return made


def clerk_page(make_context, **options) -> Page:
    page = make_context(**options).new_page()
    totp = pyotp.TOTP(SECRET)
    log_in(page, "clerk@example.org", totp.generate_otp(totp.timecode(datetime.now()) + 1))
    page.goto(INBOX)
    return page


def test_the_first_case_is_visible_without_scrolling(make_context, assert_accessible, references):
    page = clerk_page(make_context, viewport={"width": 1280, "height": 800})
    first_row = page.locator("table tbody tr").first
    expect(first_row).to_be_visible()
    top = first_row.evaluate("(row) => row.getBoundingClientRect().top + window.scrollY")
    assert top <= 600, f"the first case starts {top:.0f} px down the page"
    filters = page.locator("form.inbox-filters")
    expect(filters.locator(".kern-label__optional")).to_have_count(0)
    expect(filters).not_to_contain_text("optional")
    expect(filters.get_by_role("button", name="Zuweisen")).to_have_count(0)
    assert_accessible(page)


def test_the_filters_wrap_on_a_narrow_screen(make_context, assert_accessible, references):
    page = clerk_page(make_context, viewport={"width": 390, "height": 844})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow} px wider than the screen"
    search = page.get_by_label("Suche (Vorgangsnummer, Leistung, E-Mail)").bounding_box()
    state = page.get_by_label("Status", exact=True).bounding_box()
    assert search and state and state["y"] > search["y"]  # one filter below the other
    assert_accessible(page)


def test_filter_and_assign_without_javascript(make_context, references):
    page = clerk_page(make_context, java_script_enabled=False)
    page.get_by_label("Suche (Vorgangsnummer, Leistung, E-Mail)").fill(references[0])
    page.get_by_label("Status", exact=True).select_option("eingegangen")
    page.get_by_role("button", name="Filtern").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    page.get_by_label(references[0]).check()
    page.get_by_label("Ausgewählte Vorgänge zuweisen an").select_option(
        label="colleague@example.org"
    )
    page.get_by_role("button", name="Zuweisen").click()
    expect(page.get_by_text("1 Vorgänge zugewiesen.")).to_be_visible()
    row = page.locator("table tbody tr").filter(has_text=references[0])
    expect(row).to_contain_text("colleague@example.org")

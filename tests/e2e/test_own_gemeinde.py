"""A signed-in citizen finds her own Gemeinde (from the Servicekonto profile) filled in
on the catalogue and, following a result, on the service page (named, not by its key),
sees who is responsible at once and starts the application from there; axe-checked."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_case_work import log_in

pytestmark = pytest.mark.e2e


def test_citizen_starts_from_her_own_gemeinde(page, assert_accessible, citizen):
    log_in(page, "erika@example.org")
    page.goto("/leistungen/")
    expect(page.get_by_label("Meine Gemeinde")).to_have_value("Darmstadt (06411000)")
    expect(page.get_by_text("Zuständig: Stadt Darmstadt – Standesamt")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Eheurkunde anfordern").click()  # ?gemeinde=06411000
    expect(page).to_have_url(re.compile(r"/leistungen/eheurkunde/\?gemeinde=06411000$"))
    expect(page.get_by_label("Meine Gemeinde")).to_have_value("Darmstadt (06411000)")
    expect(page.get_by_text("Zuständig ist: Stadt Darmstadt – Standesamt.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Online beantragen").click()
    expect(page).to_have_url(re.compile(r"/antrag/[^/]+/schritt/1/$"))

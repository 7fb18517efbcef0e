"""The OZG coverage pages in a browser: axe (WCAG 2.1 A/AA) finds nothing on the dashboard
and a Gemeinde page, the map's marks are links reachable by keyboard (after a link that
skips them), the filter works without JavaScript, and nothing is loaded from elsewhere
(the ``make_context`` guard fails the test on any foreign request or CSP violation)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rathaus.catalog.loading import load_catalog
from rathaus.core import importers
from tests.coverage.conftest import DARMSTADT, DIETZENBACH, KREIS_OFFENBACH, add_offer

pytestmark = pytest.mark.e2e

URL = "/smart-region/ozg-abdeckung/"


@pytest.fixture
def coverage_data(transactional_db):
    importers.import_shipped_extract()
    load_catalog()
    add_offer("elterngeld", "06")
    add_offer("fuehrerschein", KREIS_OFFENBACH)
    add_offer("fuehrerschein", DIETZENBACH, online=False)
    add_offer("reisepass", DARMSTADT)


@pytest.mark.parametrize(
    "path", [URL, f"{URL}?lebenslage=familie&sort=name", f"{URL}?sort=nonsense", f"/en{URL}"]
)
def test_dashboard_is_accessible(page, assert_accessible, coverage_data, path):
    response = page.goto(path)
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator(".svg-map__link")).to_have_count(421)
    assert_accessible(page)


def test_municipality_page_is_accessible(page, assert_accessible, coverage_data):
    response = page.goto(f"{URL}gemeinden/{DIETZENBACH}/")
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text("OZG-Abdeckung: Dietzenbach")
    assert_accessible(page)


def test_map_links_are_reachable_by_keyboard(page, coverage_data):
    page.goto(URL)
    skip = page.get_by_role("link", name="Karte überspringen: zur Tabelle der Gemeinden")
    skip.focus()
    page.keyboard.press("Tab")
    first = page.get_by_role("link", name=re.compile(r"^Aarbergen: 10,0\s% online"))
    expect(first).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name=re.compile(r"^Abtsteinach: "))).to_be_focused()
    darmstadt = page.locator(f'.svg-map__link[href="{URL}gemeinden/{DARMSTADT}/"]')
    darmstadt.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"{URL}gemeinden/{DARMSTADT}/$"))
    expect(page.locator("h1")).to_have_text("OZG-Abdeckung: Darmstadt")


def test_skip_link_jumps_over_the_map(page, coverage_data):
    page.goto(URL)
    page.get_by_role("link", name="Karte überspringen: zur Tabelle der Gemeinden").click()
    expect(page.locator("#gemeinden-heading")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".coverage-table a").first).to_be_focused()


def test_filter_works_without_javascript(make_context, coverage_data):
    page = make_context(java_script_enabled=False).new_page()
    page.goto(URL)
    page.get_by_label("Lebenslage").select_option("familie")
    page.get_by_label("Sortierung der Gemeinden").select_option("name")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"lebenslage=familie"))
    expect(page).to_have_title(re.compile(r"^OZG-Abdeckung: Familie"))
    expect(page.locator(".coverage-table tbody tr").first).to_contain_text("Aarbergen")

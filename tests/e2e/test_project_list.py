"""The Smart Region project list in a browser (issue 12): the sort select shows its chosen
option in full on a desktop and on a phone, in both languages; the map under the results
draws Hessen and its Kreise behind the marks; the page stays accessible (axe) and loads
nothing from elsewhere (the ``make_context`` guard)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.core import importers
from rathaus.core.models import Authority, Territory
from rathaus.organisations.services import (
    create_municipal_staff,
)
from rathaus.projects import editorial
from rathaus.projects.forms import SORT_CHOICES
from rathaus.projects.models import FieldOfAction
from rathaus.projects.reference import import_model_projects

pytestmark = pytest.mark.e2e

LIST = "/smart-region/projekte/"
PASSWORD = "Ein-langes-Passwort-2026"
# The chosen option's text laid out in a copy of the select's content box (same width, font
# and wrapping): it fits when the copy is no wider than that box and no taller than the
# room the select gives its text; an ellipsis or a hidden line fails.
SELECT_FITS = """async (select) => {
  await document.fonts.ready;
  const style = getComputedStyle(select);
  const px = (value) => parseFloat(value) || 0;
  const width = select.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
  const height = select.clientHeight - px(style.paddingTop) - px(style.paddingBottom);
  const copy = document.createElement("div");
  for (const name of ["font-family", "font-size", "font-weight", "font-style", "line-height",
                      "letter-spacing", "white-space", "overflow-wrap", "word-break"]) {
    copy.style.setProperty(name, style.getPropertyValue(name));
  }
  Object.assign(copy.style, {position: "absolute", visibility: "hidden", width: `${width}px`});
  copy.textContent = select.options[select.selectedIndex].text;
  document.body.append(copy);
  const text = {width: copy.scrollWidth, height: copy.scrollHeight};
  copy.remove();
  return {text, room: {width, height}, overflow: style.textOverflow};
}"""


@pytest.fixture
def published(transactional_db):
    """Hessen, the Handlungsfelder and one published Darmstadt project."""
    importers.import_shipped_extract()
    import_model_projects()
    darmstadt = Territory.objects.get(key="06411000")
    authority = Authority.objects.create(name="Digitalstadt", slug="ds", territory=darmstadt)
    staff = create_municipal_staff("digital@darmstadt.example", PASSWORD, authority)
    office_authority = Authority.objects.create(
        name="Smart Region", slug="sr", territory=Territory.objects.get(key="06")
    )
    office = accounts.create_staff(
        "office@smart-region.example", PASSWORD, office_authority, Role.SMART_REGION
    )
    project = editorial.create_project(staff, authority, {
        "title": "Sensorgestützte Abfallsammlung",
        "summary": "Füllstandssensoren melden, wann Container geleert werden müssen.",
        "description": "Die Abfallentsorgung plant Touren nach Füllstand.",
        "territories": [darmstadt],
        "fields": list(FieldOfAction.objects.filter(slug="abfall-stadtsauberkeit")),
        "technologies": [], "status": "betrieb", "transferability": "hoch",
    })  # fmt: skip
    editorial.submit(staff, project)
    editorial.publish(office, project)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("sort", [value for value, _label in SORT_CHOICES])
def test_sort_select_shows_the_chosen_option_in_full(make_context, published, width, prefix, sort):
    page = make_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{prefix}{LIST}?sort={sort}")
    select = page.locator("#id_sort")
    expect(select).to_be_visible()
    measured = select.evaluate(SELECT_FITS)
    assert measured["text"]["width"] <= measured["room"]["width"], measured
    assert measured["text"]["height"] <= measured["room"]["height"] + 1, measured
    box = select.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.parametrize("width", [1280, 375])
def test_list_with_map_is_accessible(make_context, assert_accessible, published, width):
    page = make_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(LIST)
    svg = page.locator("#map-heading ~ .svg-map .svg-map__canvas")
    expect(svg.locator(".svg-map__base path")).to_have_count(2)
    expect(page.locator(".svg-legend__source")).to_contain_text("GeoBasis-DE / BKG")
    expect(svg.get_by_role("link", name="Darmstadt: 1 Projekt")).to_have_count(1)
    assert_accessible(page)

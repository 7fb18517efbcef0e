"""The three Länder's portals in the browser: each home and legal page shows its own
portal, brand mark and colour (from its same-origin stylesheet, no inline style, so the
CSP stays strict), passes axe (WCAG 2.1 A/AA), and the brand colour used for text has at
least 4.5:1 on white, the accent 3:1. The live server answers on 127.0.0.1 only, so the
other Länder are reached by their path prefix (``/hamburg/``), as on a development box.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rathaus.core.views.theme import KERN_BRAND, contrast_ratio
from rathaus.tenants import services
from rathaus.tenants.models import Tenant

pytestmark = pytest.mark.e2e

TENANTS = [
    # path prefix, slug, portal name, colour
    ("", "hessen", "Rathaus Hessen", "#b3151e"),
    ("/hamburg", "hamburg", "Rathaus Hamburg", "#c8102e"),
    ("/schleswig-holstein", "schleswig-holstein", "Rathaus Schleswig-Holstein", "#003064"),
]
PAGES = [
    ("/", None),
    ("/impressum/", "Impressum"),
    ("/datenschutz/", "Datenschutzerklärung"),
    ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ("/kontakt/", "Kontakt"),
]
# What the page shows of the tenant's look, read in the browser. Computed colours may come
# as oklch() (KERN's tokens): a one-pixel canvas turns any of them into sRGB #rrggbb.
LOOK = """() => {
  const srgb = (colour) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d');
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
  };
  const css = getComputedStyle(document.documentElement);
  const portal = document.querySelector('.site-brand__portal');
  const mark = document.querySelector('.site-brand__mark');
  return {
    brand: css.getPropertyValue('--rathaus-brand').trim(),
    text: srgb(getComputedStyle(portal).color),
    accent: srgb(getComputedStyle(document.querySelector('.site-nav')).borderTopColor),
    markWidth: mark.getBoundingClientRect().width,
    background: srgb(getComputedStyle(document.querySelector('.site-header')).backgroundColor),
  };
}"""


@pytest.fixture(autouse=True)
def _tenants():
    """The shipped tenants, in the live server's (transactional) database."""
    for _prefix, slug, _portal, _colour in TENANTS:
        services.ensure(slug)
    services.clear_cache()
    yield
    services.clear_cache()


def _near(colour: str, expected: str) -> bool:
    """Equal up to rounding (oklch to sRGB may differ by one step per channel)."""
    pairs = zip(bytes.fromhex(colour[1:]), bytes.fromhex(expected[1:]), strict=True)
    return all(abs(a - b) <= 2 for a, b in pairs)


def _look(page: Page) -> dict:
    look = page.evaluate(LOOK)
    assert look["background"] == "#ffffff", look  # contrast is measured on white
    return look


@pytest.mark.parametrize(("prefix", "slug", "portal", "colour"), TENANTS)
def test_home_and_legal_pages_of_each_land(page, assert_accessible, prefix, slug, portal, colour):
    for path, heading in PAGES:
        response = page.goto(f"{prefix}{path}")
        assert response is not None and response.status == 200, f"{prefix}{path}"
        expect(page).to_have_title(re.compile(rf" – {re.escape(portal)}$"))
        brand = page.locator(f"header a.site-brand--{slug}")
        expect(brand).to_contain_text(portal)
        expect(brand.locator(f".site-brand__mark--{slug}")).to_be_visible()
        if heading:
            expect(page.locator("h1")).to_have_text(heading)
        expect(page.locator("footer")).to_contain_text(portal)
        expect(page.locator(f"footer a[href='{prefix}/impressum/']")).to_have_count(1)

        look = _look(page)
        assert look["brand"] == colour, look
        assert look["text"] == colour and look["accent"] == colour, look
        assert look["markWidth"] > 0
        assert contrast_ratio(look["text"]) >= 4.5, look
        assert contrast_ratio(look["accent"]) >= 3.0, look
        assert_accessible(page)


def test_the_three_portals_look_different(page):
    seen = {}
    for prefix, slug, _portal, _colour in TENANTS:
        page.goto(f"{prefix}/")
        mark = page.locator(".site-brand__mark")
        seen[slug] = page.evaluate(
            "(el) => { const s = getComputedStyle(el);"
            " return [s.backgroundImage, s.borderRadius, s.backgroundColor].join('|'); }",
            mark.element_handle(),
        )
    assert len(set(seen.values())) == 3, seen


def test_language_switch_keeps_the_prefix(page, assert_accessible):
    page.goto("/hamburg/datenschutz/")
    page.locator("header a[hreflang='en']").click()
    expect(page).to_have_url(re.compile(r"/hamburg/en/datenschutz/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("header .site-brand")).to_contain_text("Rathaus Hamburg")
    assert_accessible(page)
    page.locator("header a[hreflang='de']").click()
    expect(page).to_have_url(re.compile(r"/hamburg/datenschutz/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_a_lands_own_legal_texts(page, assert_accessible):
    Tenant.objects.filter(slug="schleswig-holstein").update(
        imprint="Anbieter: Land Schleswig-Holstein\nStaatskanzlei\n\nVerantwortlich: <b>N. N.</b>",
        accessibility="Diese Erklärung gilt für Rathaus Schleswig-Holstein.",
        contact_address="Staatskanzlei\nDüsternbrooker Weg 104\n24105 Kiel",
        contact_phone="0431 988-0",
    )
    services.clear_cache()
    page.goto("/schleswig-holstein/impressum/")
    expect(page.locator("h1")).to_have_text("Impressum")
    expect(page.locator(".tenant-text p").first).to_have_text(
        "Anbieter: Land Schleswig-HolsteinStaatskanzlei"  # the <br> has no text
    )
    expect(page.locator(".tenant-text")).to_contain_text("<b>N. N.</b>")  # shown, not parsed
    assert_accessible(page)
    page.goto("/schleswig-holstein/en/impressum/")
    expect(page.locator(".tenant-text")).to_have_attribute("lang", "de")
    assert_accessible(page)
    page.goto("/schleswig-holstein/barrierefreiheit/")
    expect(page.locator("main form.feedback-form")).to_have_count(1)
    assert_accessible(page)
    page.goto("/schleswig-holstein/kontakt/")
    expect(page.locator("main address")).to_contain_text("24105 Kiel")
    assert_accessible(page)
    page.goto("/impressum/")  # Hessen keeps the operator's imprint
    expect(page.locator("main")).not_to_contain_text("Staatskanzlei")


def test_a_colour_too_light_for_text_falls_back_to_kern(page, assert_accessible):
    Tenant.objects.create(
        slug="sonnenland", name="Sonnenland", portal_name="Rathaus Sonnenland", colour="#ffdd00"
    )
    services.clear_cache()
    page.goto("/sonnenland/")
    expect(page.locator("header .site-brand")).to_contain_text("Rathaus Sonnenland")
    look = _look(page)
    assert _near(look["text"], KERN_BRAND) and _near(look["accent"], KERN_BRAND), look
    assert contrast_ratio(look["text"]) >= 4.5
    assert_accessible(page)


def test_a_prefix_for_another_land_on_a_lands_own_host_is_refused_clearly(
    page, live_server, assert_accessible
):
    # Chromium resolves *.localhost to this machine by itself: Hessen's own host name.
    port = live_server.url.rsplit(":", 1)[1]
    response = page.goto(f"http://hessen.localhost:{port}/hamburg/kontakt/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Diese Adresse gehört zu einem anderen Land")
    expect(page.locator("main a[href='http://hamburg.localhost/']")).to_contain_text(
        "Rathaus Hamburg"
    )
    expect(page.locator("header .site-brand")).to_contain_text("Rathaus Hessen")
    assert_accessible(page)

"""Each Land's portal looks like its own: portal name, header brand, stylesheet with the
tenant's colour (checked for contrast), a language switch that keeps a path prefix and
offers the tenant's languages, and the admin where operators edit tenants."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib import admin
from django.test import Client

from rathaus.audit.models import AuditEntry
from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.views.theme import KERN_BRAND, contrast_ratio, theme_css, theme_version
from rathaus.tenants import scope, services
from rathaus.tenants.models import Tenant

pytestmark = pytest.mark.django_db

PORTALS = [
    # host, slug, portal name, colour
    ("hessen.localhost", "hessen", "Rathaus Hessen", "#b3151e"),
    ("hamburg.localhost", "hamburg", "Rathaus Hamburg", "#c8102e"),
    ("sh.localhost", "schleswig-holstein", "Rathaus Schleswig-Holstein", "#003064"),
]
KERN_DEFAULT = f"var(--kern-color-decorative-brand-default, {KERN_BRAND})"


@pytest.fixture(autouse=True)
def _three_tenants():
    for slug in ("hessen", "hamburg", "schleswig-holstein"):
        services.ensure(slug)
    services.clear_cache()
    yield
    services.clear_cache()


def _recolour(slug: str, colour: str) -> None:
    """Store a colour as the database may hold it (no validation), as a script could."""
    Tenant.objects.filter(slug=slug).update(colour=colour)
    services.clear_cache()


def _stylesheet_links(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)


def _css_vars(css: str) -> dict[str, str]:
    return dict(re.findall(r"(--rathaus-[a-z-]+):\s*([^;]+);", css))


# --- Home pages ----------------------------------------------------------------------


@pytest.mark.parametrize(("host", "slug", "portal", "colour"), PORTALS)
def test_each_home_page_has_its_name_brand_and_stylesheet(client, host, slug, portal, colour):
    html = client.get("/", HTTP_HOST=host).content.decode()
    assert re.search(rf"<title>[^<]* – {portal}</title>", html)
    brand = html.split('<a class="site-brand', 1)[1].split("</a>", 1)[0]
    assert f"site-brand--{slug}" in brand and f"site-brand__mark--{slug}" in brand
    assert portal in brand
    footer = html.split("<footer", 1)[1]
    assert portal in footer
    others = [other for _h, other, name, _c in PORTALS if other != slug]
    for other in others:
        assert f"site-brand--{other}" not in html
    links = _stylesheet_links(html)
    assert links[-1] == f"/mandant.css?v={theme_version(slug, colour)}"
    assert links[:-1] == [link for link in links if link.startswith("/static/")]


def test_no_other_lands_name_in_the_chrome(client):
    html = client.get("/", HTTP_HOST="hamburg.localhost").content.decode()
    assert "Hessen" not in html
    html = client.get("/smart-region/projekte/", HTTP_HOST="sh.localhost").content.decode()
    assert "Hessen" not in html and "hessisch" not in html
    assert "Kommunen in Schleswig-Holstein" in html


def test_a_tenant_without_a_template_gets_the_default_brand_and_a_stylesheet(client):
    Tenant.objects.create(slug="testland", name="Testland", portal_name="Rathaus Testland")
    services.clear_cache()
    html = client.get("/testland/").content.decode()
    assert 'class="site-brand site-brand--testland"' in html and "Rathaus Testland" in html
    assert (
        _stylesheet_links(html)[-1]
        == f"/testland/mandant.css?v={theme_version('testland', '#005ca9')}"
    )


# --- The stylesheet ------------------------------------------------------------------


@pytest.mark.parametrize(("host", "slug", "portal", "colour"), PORTALS)
def test_stylesheet_carries_the_tenants_colour(client, host, slug, portal, colour):
    response = client.get("/mandant.css", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert _css_vars(css) == {"--rathaus-brand": colour, "--rathaus-brand-text": colour}
    assert response["ETag"] == f'"{theme_version(slug, colour)}"'
    assert "max-age=" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert not response.cookies


def test_stylesheet_answers_304_to_its_etag_and_differs_per_tenant(client):
    first = client.get("/mandant.css", HTTP_HOST="hamburg.localhost")
    again = client.get(
        "/mandant.css", HTTP_HOST="hamburg.localhost", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    other = client.get("/mandant.css", HTTP_HOST="sh.localhost")
    assert other["ETag"] != first["ETag"]
    assert (
        client.get(
            "/mandant.css", HTTP_HOST="sh.localhost", HTTP_IF_NONE_MATCH=first["ETag"]
        ).status_code
        == 200
    )
    assert client.post("/mandant.css", HTTP_HOST="sh.localhost").status_code == 405


def test_a_changed_colour_changes_the_link_and_the_etag(client):
    before = _stylesheet_links(client.get("/", HTTP_HOST="hamburg.localhost").content.decode())
    etag = client.get("/mandant.css", HTTP_HOST="hamburg.localhost")["ETag"]
    _recolour("hamburg", "#005ca9")
    after = _stylesheet_links(client.get("/", HTTP_HOST="hamburg.localhost").content.decode())
    assert before[-1] != after[-1]
    response = client.get("/mandant.css", HTTP_HOST="hamburg.localhost", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "#005ca9" in response.content.decode()


def test_stylesheet_under_the_path_prefix_is_the_prefixed_tenants(client):
    css = client.get("/schleswig-holstein/mandant.css").content.decode()
    assert _css_vars(css)["--rathaus-brand"] == "#003064"
    css = client.get("/mandant.css").content.decode()  # the default tenant at /
    assert _css_vars(css)["--rathaus-brand"] == "#b3151e"


@pytest.mark.parametrize(
    ("colour", "accent", "text"),
    [
        ("#003064", "#003064", "#003064"),  # 13:1
        ("#C8102E", "#c8102e", "#c8102e"),  # 5.9:1, upper case accepted
        ("#e36c0a", "#e36c0a", KERN_DEFAULT),  # 3.3:1: an accent, but never text
        ("#ffdd00", KERN_DEFAULT, KERN_DEFAULT),  # 1.4:1: too light for either
        ("red;} body{display:none", KERN_DEFAULT, KERN_DEFAULT),  # not a colour at all
        ("#003064\n", KERN_DEFAULT, KERN_DEFAULT),  # the whole value must be a colour
        ("", KERN_DEFAULT, KERN_DEFAULT),
    ],
)
def test_too_light_or_broken_colours_fall_back_to_kern(client, colour, accent, text):
    assert _css_vars(theme_css("hamburg", colour)) == {
        "--rathaus-brand": accent,
        "--rathaus-brand-text": text,
    }
    if len(colour) > 7:  # the column holds 7 characters (PostgreSQL refuses more)
        return
    _recolour("hamburg", colour)
    css = client.get("/mandant.css", HTTP_HOST="hamburg.localhost").content.decode()
    assert _css_vars(css) == {"--rathaus-brand": accent, "--rathaus-brand-text": text}
    assert "display:none" not in css


def test_stylesheet_names_only_a_safe_slug():
    css = theme_css("x*/ body{color:red} /*", "#003064")
    assert css.count("*/") == 1 and "{color" not in css


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(KERN_BRAND) >= 4.5
    with pytest.raises(ValueError):
        contrast_ratio("red")


@pytest.mark.parametrize(("host", "slug", "portal", "colour"), PORTALS)
def test_shipped_colours_are_dark_enough_for_text(host, slug, portal, colour):
    assert services.ensure(slug).colour == colour
    assert contrast_ratio(colour) >= 4.5


# --- Path prefix and language switch -------------------------------------------------


def _switch(html: str) -> str:
    label = "Choose language" if '<html lang="en"' in html else "Sprache wählen"
    return html.split(f'aria-label="{label}"', 1)[1].split("</nav>", 1)[0]


def test_path_prefix_stays_in_links_and_language_switch(client):
    response = client.get("/hamburg/impressum/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rathaus Hamburg" in html
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/hamburg/"' in nav and 'href="/hamburg/kontakt/"' in nav
    footer = html.split("<footer", 1)[1]
    assert 'href="/hamburg/datenschutz/"' in footer
    assert 'href="/hamburg/en/impressum/" hreflang="en"' in _switch(html)
    assert _stylesheet_links(html)[-1].startswith("/hamburg/mandant.css?v=")

    html = client.get("/hamburg/en/impressum/", HTTP_HOST="127.0.0.1").content.decode()
    assert '<html lang="en"' in html
    assert 'href="/hamburg/impressum/" hreflang="de"' in _switch(html)


def test_language_switch_keeps_the_query_and_the_arguments(client):
    html = client.get("/schleswig-holstein/leistungen/?q=Ausweis%20neu").content.decode()
    assert 'href="/schleswig-holstein/en/leistungen/?q=Ausweis%20neu"' in _switch(html)
    html = client.get("/en/leistungen/?q=Pass").content.decode()
    assert 'href="/leistungen/?q=Pass" hreflang="de"' in _switch(html)


def test_language_switch_on_a_missing_page_keeps_its_address(client):
    response = client.get("/hamburg/gibt-es-nicht/")
    assert response.status_code == 404
    assert 'href="/hamburg/gibt-es-nicht/"' in _switch(response.content.decode())


def test_language_switch_offers_only_the_tenants_languages(client):
    Tenant.objects.filter(slug="hamburg").update(languages="de")
    services.clear_cache()
    html = client.get("/", HTTP_HOST="hamburg.localhost").content.decode()
    assert 'aria-label="Sprache wählen"' not in html
    assert 'hreflang="en"' not in html
    # Asked for in English anyway, it answers with the German page (test_land_pages).
    assert client.get("/en/", HTTP_HOST="hamburg.localhost")["Location"] == "/"
    # Another tenant keeps both.
    html = client.get("/", HTTP_HOST="sh.localhost").content.decode()
    assert 'href="/en/" hreflang="en"' in _switch(html)


# --- Admin ---------------------------------------------------------------------------


@pytest.fixture
def tenant_admin():
    return admin.site._registry[Tenant]


def _post_data(tenant: Tenant, **changes: str) -> dict[str, str]:
    fields = [
        "slug", "name", "land_key", "portal_name", "ministry", "smart_region_office",
        "colour", "languages", "contact_email", "contact_phone", "contact_address",
        "imprint", "privacy", "accessibility",
    ]  # fmt: skip
    data = {name: str(getattr(tenant, name)) for name in fields}
    data["active"] = "on"
    data.update(changes)
    return data


def test_only_operators_may_see_and_edit_tenants(rf, tenant_admin, admin_user, django_user_model):
    staff = django_user_model.objects.create_user("staff@example.org", "x" * 16, is_staff=True)
    request = rf.get("/admin/tenants/tenant/")
    request.user = staff
    assert not tenant_admin.has_module_permission(request)
    assert not tenant_admin.has_view_permission(request)
    assert not tenant_admin.has_add_permission(request)
    assert not tenant_admin.has_change_permission(request)
    request.user = admin_user
    assert tenant_admin.has_add_permission(request)
    assert tenant_admin.has_change_permission(request)
    assert not tenant_admin.has_delete_permission(request, services.ensure("hamburg"))


def test_slug_is_read_only_after_creation(rf, tenant_admin, admin_user):
    request = rf.get("/")
    request.user = admin_user
    hamburg = services.ensure("hamburg")
    assert "slug" not in tenant_admin.get_readonly_fields(request)
    assert tenant_admin.get_prepopulated_fields(request) == {"slug": ["name"]}
    assert "slug" in tenant_admin.get_readonly_fields(request, hamburg)
    assert tenant_admin.get_prepopulated_fields(request, hamburg) == {}


def _admin_client(admin_user) -> Client:
    client = Client()
    login_with_second_factor(client, admin_user)
    return client


def test_operator_changes_a_tenant_and_it_shows_at_once(admin_user):
    client = _admin_client(admin_user)
    hamburg = services.ensure("hamburg")
    url = f"/admin/tenants/tenant/{hamburg.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert "5,88:1 – für Akzent und Text verwendet" in page.content.decode()  # #c8102e
    data = _post_data(hamburg, slug="hansestadt", colour="#00509e", languages="en, de, en")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    hamburg.refresh_from_db()
    assert hamburg.slug == "hamburg"  # read-only: the posted slug is ignored
    assert hamburg.colour == "#00509e" and hamburg.languages == "de,en"
    css = Client().get("/mandant.css", HTTP_HOST="hamburg.localhost").content.decode()
    assert "#00509e" in css
    with scope.activate(hamburg):
        entry = AuditEntry.objects.get(verb="admin.changed")
    assert entry.target_id == str(hamburg.pk) and entry.actor == admin_user


def test_operator_adds_a_tenant_and_languages_are_checked(admin_user):
    client = _admin_client(admin_user)
    template = Tenant(slug="bremen", name="Bremen", portal_name="Rathaus Bremen", land_key="04")
    response = client.post("/admin/tenants/tenant/add/", _post_data(template, languages="de,fr"))
    assert response.status_code == 200
    assert "Unbekannte Sprache fr" in response.content.decode()
    response = client.post("/admin/tenants/tenant/add/", _post_data(template, languages="en"))
    assert response.status_code == 302
    bremen = Tenant.objects.get(slug="bremen")
    assert bremen.languages == "de,en"
    html = Client().get("/bremen/").content.decode()
    assert "Rathaus Bremen" in html


# --- The icon ----------------------------------------------------------------------------


def test_every_land_answers_favicon_in_its_colour_and_304_to_its_etag(client):
    """Browsers ask for /favicon.ico on a first visit: no 404 in the log, an icon of the
    Land's colour (a colour too light falls back to KERN's brand colour)."""
    from PIL import Image

    from rathaus.core.views.favicon import favicon_bytes

    icons = {}
    for host in ("hessen.localhost", "hamburg.localhost"):
        response = client.get("/favicon.ico", HTTP_HOST=host)
        assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
        assert "public" in response["Cache-Control"] and not response.cookies
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "ICO"
        icons[host] = image.convert("RGB").getpixel((1, 1))
        again = client.get("/favicon.ico", HTTP_HOST=host, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    assert icons["hessen.localhost"] != icons["hamburg.localhost"]
    too_light = Image.open(io.BytesIO(favicon_bytes("#ffff00"))).convert("RGB").getpixel((1, 1))
    assert too_light == (0x45, 0x4B, 0x6B)  # KERN's brand colour
    page = client.get("/", HTTP_HOST="hessen.localhost").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in page

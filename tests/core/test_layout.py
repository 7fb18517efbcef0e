"""The layout every public page shares: language, landmarks, footer links, security
headers, nothing loaded from other hosts, and error pages that cannot crash."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from rathaus.core import views

PUBLIC_PAGES = [
    "core:home",
    "core:imprint",
    "core:privacy",
    "core:accessibility",
    "core:feedback",
    "core:easy_language",
    "core:sign_language",
    "core:contact",
    "authentication:login",
]
FOOTER_PAGES = [
    "core:imprint",
    "core:privacy",
    "core:accessibility",
    "core:easy_language",
    "core:sign_language",
    "core:contact",
]
# Official bodies the legal texts link to (ordinary links: the browser requests nothing).
OFFICIAL_HOSTS = {"datenschutz.hessen.de", "www.schlichtungsstelle-bgg.de"}
# Attributes that make the browser fetch something by itself.
FETCHING = {
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "input": ["src"],
    "form": ["action"],
}


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def parse(html: str) -> list[tuple[str, dict[str, str]]]:
    collector = Collector()
    collector.feed(html)
    return collector.tags


def url_of(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def is_off_site(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in {"http", "https"}


@pytest.fixture(autouse=True)
def _reset_language():
    """Requests to /en/ leave English active in this thread; later tests expect German."""
    yield
    translation.deactivate()


@pytest.fixture(params=["de", "en"])
def language(request):
    return request.param


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_layout(client, name, language):
    response = client.get(url_of(name, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" data-kern-theme="light">' in html
    assert html.count("<h1") == 1
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    body = html.split("<body", 1)[1]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'class="skip-link" href="#main"' in first_link
    footer = html.split("<footer", 1)[1]
    for target in FOOTER_PAGES:
        assert f'href="{url_of(target, language)}"' in footer, target


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_security_headers(client, name):
    response = client.get(url_of(name, "de"))
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp and "nonce-" not in csp  # files only: pages are cached
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]
    html = response.content.decode()
    # No inline styles or scripts at all: every script is a file of this site.
    assert "<style" not in html
    tags = parse(html)
    assert not [attrs for _tag, attrs in tags if "style" in attrs]
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts and all(attrs.get("src", "").startswith("/static/") for attrs in scripts)
    assert not re.search(r"<script[^>]*>[^<]+</script>", html)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_nothing_is_loaded_from_other_hosts(client, name, language):
    html = client.get(url_of(name, language)).content.decode()
    tags = parse(html)
    for tag, attrs in tags:
        for attribute in FETCHING.get(tag, []):
            value = attrs.get(attribute, "")
            assert not is_off_site(value), f"<{tag} {attribute}={value!r}>"
    links = [attrs.get("href", "") for tag, attrs in tags if tag == "a"]
    foreign = {urlsplit(href).netloc for href in links if is_off_site(href)}
    assert foreign <= OFFICIAL_HOSTS, foreign
    # Any absolute URL in the page is one of those plain links.
    for match in re.finditer(r"""https?://[^\s"'<>]+""", html):
        assert urlsplit(match.group(0)).netloc in OFFICIAL_HOSTS, match.group(0)


def test_stylesheets_load_nothing_from_other_hosts():
    css = (settings.BASE_DIR / "rathaus/core/static/core/rathaus.css").read_text()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


@pytest.mark.django_db
def test_pages_without_a_form_set_no_cookie(client):
    for name in ["core:home", "core:imprint", "core:easy_language"]:
        response = client.get(url_of(name, "de"))
        assert not response.cookies, (name, response.cookies)


@pytest.mark.django_db
def test_language_switch_is_a_link_in_the_url(client):
    html = client.get("/impressum/").content.decode()
    assert '<a class="kern-link" href="/en/impressum/" hreflang="en" lang="en">English</a>' in html
    assert 'aria-current="true" lang="de">Deutsch</span>' in html
    html = client.get("/en/impressum/").content.decode()
    assert '<a class="kern-link" href="/impressum/" hreflang="de" lang="de">Deutsch</a>' in html


@pytest.mark.django_db
def test_main_navigation_marks_the_current_page(client):
    html = client.get("/kontakt/").content.decode()
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/"' in nav and 'href="/anmelden/"' in nav
    assert re.search(r'href="/kontakt/" aria-current="page"', nav)


@pytest.mark.django_db
def test_branding_slot_follows_the_tenant(client):
    from rathaus.tenants.models import Tenant
    from rathaus.tenants.services import clear_cache

    assert "site-brand--hessen" in client.get("/", HTTP_HOST="hessen.localhost").content.decode()
    Tenant.objects.create(slug="testland", name="Testland", portal_name="Rathaus Testland")
    clear_cache()
    html = client.get("/testland/").content.decode()
    assert "site-brand--hessen" not in html
    assert 'class="site-brand site-brand--testland"' in html and "Rathaus Testland" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [("/gibt-es-nicht/", "de", "Seite nicht gefunden"), ("/en/nope/", "en", "Page not found")],
)
def test_not_found_page_is_in_the_layout(client, path, language, heading):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html
    assert 'href="#main"' in html and "<footer" in html
    assert f'href="{url_of("core:contact", language)}"' in html


@pytest.mark.django_db
def test_csrf_failure_page_is_in_the_layout(settings):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/kontakt/", {"message": "Hallo"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sitzung abgelaufen" in html and "<footer" in html
    assert "Hallo" not in html


def _failing_user():
    raise RuntimeError("database is down")


def test_server_error_page_needs_neither_database_nor_user():
    # No django_db mark: any database access raises. The user cannot be loaded either.
    request = RequestFactory().get("/irgendwo/")
    request.user = SimpleLazyObject(_failing_user)
    with translation.override("de"):
        response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Technischer Fehler" in html
    assert 'href="#main"' in html and "<footer" in html
    assert 'href="/kontakt/"' in html


def test_server_error_page_renders_for_a_bare_request():
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Technischer Fehler" in response.content


@pytest.mark.parametrize(
    ("handler", "status", "title"),
    [
        (views.bad_request, 400, "Ungültige Anfrage"),
        (views.permission_denied, 403, "Zugriff verweigert"),
        (views.page_not_found, 404, "Seite nicht gefunden"),
    ],
)
def test_other_error_pages_render_without_database(handler, status, title):
    response = handler(RequestFactory().get("/"), Exception("x"))
    assert response.status_code == status
    assert title in response.content.decode()


@pytest.mark.django_db
def test_header_for_a_logged_in_citizen(client, django_user_model):
    user = django_user_model.objects.create_user("erika@example.org", "x" * 16)
    client.force_login(user)
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("accounts:overview")}"' in nav
    assert 'href="/anmelden/"' not in nav
    assert f'action="{reverse("authentication:logout")}"' in nav
    assert "Abmelden" in nav

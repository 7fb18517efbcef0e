"""Each tenant's own imprint, privacy and accessibility statement (plain text, escaped, in
the page layout) and contact details; without them the operator's pages, in German and
English, under a host name or a path prefix."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from rathaus.tenants import services
from rathaus.tenants.models import Tenant

pytestmark = pytest.mark.django_db

PAGES = {
    # page: (tenant field, German path, German h1, English h1, operator's German text)
    "imprint": ("imprint", "/impressum/", "Impressum", "Legal notice (Impressum)",
                "§ 18 Abs. 2 Medienstaatsvertrag"),
    "privacy": ("privacy", "/datenschutz/", "Datenschutzerklärung", "Privacy statement",
                "Art. 6 Abs. 1 Buchstabe e DSGVO"),
    "accessibility": ("accessibility", "/barrierefreiheit/", "Erklärung zur Barrierefreiheit",
                      "Accessibility statement", "Schlichtungsstelle nach § 16 BGG"),
}  # fmt: skip
TEXT = (
    "Anbieter: Freie und Hansestadt Hamburg\nSenatskanzlei\n\n"
    "Verantwortlich: <b>Max Beispiel</b> & Team"
)


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.deactivate()


@pytest.fixture
def hamburg():
    tenant = services.ensure("hamburg")
    services.clear_cache()
    yield tenant
    services.clear_cache()


def _set(tenant: Tenant, **fields: str) -> None:
    Tenant.objects.filter(pk=tenant.pk).update(**fields)
    services.clear_cache()


def h1_of(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("page", PAGES)
def test_tenant_text_replaces_the_operators_page(client, hamburg, page):
    field, path, german_h1, english_h1, operator_text = PAGES[page]
    _set(hamburg, **{field: TEXT})
    response = client.get(path, HTTP_HOST="hamburg.localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_of(html) == german_h1
    assert f"<title>{german_h1} – Rathaus Hamburg</title>" in html
    main = main_of(html)
    assert "<p>Anbieter: Freie und Hansestadt Hamburg<br>Senatskanzlei</p>" in main
    # Escaped, never HTML from the database.
    assert "&lt;b&gt;Max Beispiel&lt;/b&gt; &amp; Team" in main and "<b>" not in main
    assert operator_text not in html
    assert "Beispielangaben" not in html
    assert "<footer" in html and 'class="skip-link"' in html
    # A tenant without its own text keeps the operator's page.
    other = client.get(path, HTTP_HOST="hessen.localhost").content.decode()
    assert operator_text in other and "Hansestadt" not in other


@pytest.mark.parametrize("page", PAGES)
def test_tenant_text_in_english_is_marked_german(client, hamburg, page):
    field, path, _german_h1, english_h1, _operator = PAGES[page]
    _set(hamburg, **{field: TEXT})
    html = client.get(f"/en{path}", HTTP_HOST="hamburg.localhost").content.decode()
    assert '<html lang="en"' in html
    assert h1_of(html) == english_h1
    assert "provides this text in German only" in html
    assert '<div class="tenant-text" lang="de">' in html
    assert "Senatskanzlei" in html


@pytest.mark.parametrize("page", PAGES)
def test_without_a_tenant_text_the_operators_page(client, hamburg, page):
    _field, path, german_h1, english_h1, operator_text = PAGES[page]
    _set(hamburg, **{_field: "  \n "})  # blank counts as unset
    html = client.get(path, HTTP_HOST="hamburg.localhost").content.decode()
    assert h1_of(html) == german_h1 and operator_text in html
    assert "Land Hamburg" in main_of(html)
    html = client.get(f"/en{path}", HTTP_HOST="hamburg.localhost").content.decode()
    assert h1_of(html) == english_h1


def test_tenant_accessibility_statement_keeps_the_feedback_form(client, hamburg):
    _set(hamburg, accessibility="Diese Erklärung gilt für Rathaus Hamburg.")
    html = client.get("/barrierefreiheit/", HTTP_HOST="hamburg.localhost").content.decode()
    assert 'action="/barrierefreiheit/rueckmeldung/"' in html
    assert 'id="rueckmeldung"' in html
    html = client.get("/impressum/", HTTP_HOST="hamburg.localhost").content.decode()
    assert "feedback-form" not in html


def test_tenant_texts_under_a_path_prefix(client, hamburg):
    _set(hamburg, imprint="Impressum der Hansestadt")
    html = client.get("/hamburg/impressum/").content.decode()
    assert "Impressum der Hansestadt" in html
    assert 'href="/hamburg/en/impressum/" hreflang="en"' in html
    assert "Impressum der Hansestadt" not in client.get("/impressum/").content.decode()
    html = client.get("/hamburg/en/impressum/").content.decode()
    assert "Impressum der Hansestadt" in html and '<html lang="en"' in html


# --- Contact page --------------------------------------------------------------------


def test_contact_page_shows_the_tenants_contact_details(client, hamburg):
    _set(
        hamburg,
        contact_address="Senatskanzlei\nRathausmarkt 1\n20095 Hamburg",
        contact_phone="040 115",
        contact_email="kontakt@hamburg.rathaus.invalid",
    )
    html = client.get("/kontakt/", HTTP_HOST="hamburg.localhost").content.decode()
    main = main_of(html)
    assert "Senatskanzlei<br>Rathausmarkt 1<br>20095 Hamburg" in main
    assert "<dt>Telefon</dt><dd>040 115</dd>" in main
    assert 'href="mailto:kontakt@hamburg.rathaus.invalid"' in main
    assert "Wiesbaden" not in main and "poststelle@rathaus.example" not in main
    assert "Beispielangaben" not in main  # a real address: no placeholder notice
    assert 'action="/kontakt/#kontaktformular"' in main
    html = client.get("/en/kontakt/", HTTP_HOST="hamburg.localhost").content.decode()
    assert "<dt>Telephone</dt><dd>040 115</dd>" in html
    assert '<address class="tenant-contact" lang="de">' in html


def test_contact_page_shows_only_the_details_that_are_set(client, hamburg):
    _set(hamburg, contact_address="", contact_phone="", contact_email="hh@example.org")
    main = main_of(client.get("/kontakt/", HTTP_HOST="hamburg.localhost").content.decode())
    assert 'href="mailto:hh@example.org"' in main
    assert "<dt>Telefon</dt>" not in main and "tenant-contact" not in main
    assert "Beispielangaben" in main  # still no address of its own


def test_contact_page_without_tenant_details_shows_the_operators(client, hamburg):
    _set(hamburg, contact_address="", contact_phone="", contact_email="")
    main = main_of(client.get("/kontakt/", HTTP_HOST="hamburg.localhost").content.decode())
    assert "poststelle@rathaus.example" in main and "Beispielangaben" in main
    assert "Online-Redaktion Rathaus Hamburg" in main


def test_contact_details_are_escaped(client, hamburg):
    _set(hamburg, contact_address="<script>x</script>\nHamburg", contact_phone="<i>1</i>")
    main = main_of(client.get("/kontakt/", HTTP_HOST="hamburg.localhost").content.decode())
    assert "&lt;script&gt;x&lt;/script&gt;<br>Hamburg" in main
    assert "&lt;i&gt;1&lt;/i&gt;" in main and "<i>1</i>" not in main

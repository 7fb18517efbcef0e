"""What a person sees on the public pages: axe (WCAG 2.1 A/AA) finds nothing, the skip
link and the language switch work by keyboard and mouse, forms work without JavaScript,
and the light theme stays pinned when the operating system prefers dark."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

REFERENCE = re.compile(r"RH-\d{4}-\d{6}")
FOOTER_LINKS = [
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/kontakt/",
]
PAGES = [
    ("/", "de"),
    ("/en/", "en"),
    ("/anmelden/", "de"),
    ("/registrieren/", "de"),
    ("/impressum/", "de"),
    ("/datenschutz/", "de"),
    ("/barrierefreiheit/", "de"),
    ("/leichte-sprache/", "de"),
    ("/gebaerdensprache/", "de"),
    ("/kontakt/", "de"),
    ("/en/barrierefreiheit/", "en"),
    ("/en/datenschutz/", "en"),
]


@pytest.mark.parametrize(("path", "language"), PAGES)
def test_page_is_accessible_and_in_layout(page, assert_accessible, path, language):
    response = page.goto(path)
    assert response is not None, path
    assert response.status == 200, f"{path} answered {response.status}"
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("data-kern-theme", "light")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main#main")).to_have_count(1)
    footer = page.locator("footer")
    for href in FOOTER_LINKS:
        prefix = "/en" if language == "en" else ""
        expect(footer.locator(f'a[href="{prefix}{href}"]')).to_have_count(1)
    assert_accessible(page)


def test_not_found_page_is_accessible(page, assert_accessible):
    response = page.goto("/gibt-es-nicht/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Seite nicht gefunden")
    expect(page.locator("footer a[href='/kontakt/']")).to_have_count(1)
    assert_accessible(page)


def test_feedback_errors_and_receipt(page, assert_accessible):
    page.goto("/barrierefreiheit/rueckmeldung/?seite=/impressum/")
    expect(page.get_by_label("Betroffene Seite")).to_have_value("/impressum/")
    page.get_by_label("Ihr Name").fill("Erika Beispiel")
    page.get_by_role("button", name="Rückmeldung senden").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # rathaus.js moves focus to the summary
    expect(page).to_have_title(re.compile(r"^Fehler: "))
    expect(page.get_by_label("Ihr Name")).to_have_value("Erika Beispiel")
    expect(page.get_by_label("Ihre Nachricht")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Ihre Nachricht")).to_be_focused()
    page.get_by_label("Ihre Nachricht").fill("Der Kontrast der Links im Fußbereich ist zu schwach.")
    page.get_by_role("button", name="Rückmeldung senden").click()

    expect(page).to_have_url(re.compile(r"/eingang/RH-\d{4}-\d{6}/$"))
    reference = page.locator("[data-reference]").inner_text()
    assert REFERENCE.fullmatch(reference)
    assert reference in page.url
    assert_accessible(page)


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className, text: document.activeElement.textContent,"
        " outline: getComputedStyle(document.activeElement).outlineStyle,"
        " left: document.activeElement.getBoundingClientRect().left})"
    )
    assert "skip-link" in focused["cls"], focused
    assert focused["text"] == "Zum Inhalt springen"
    assert focused["outline"] != "none"  # focus is visible
    assert focused["left"] >= 0  # and on screen
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside main, not back in the header
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


def test_language_switch_goes_to_english_and_back(page):
    page.goto("/impressum/")
    page.locator("a[hreflang='en']").click()
    expect(page).to_have_url(re.compile(r"/en/impressum/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Legal notice (Impressum)")
    page.locator("header a[hreflang='de']").click()
    expect(page).to_have_url(re.compile(r"/impressum/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h1")).to_have_text("Impressum")
    cookies = page.context.cookies()
    assert not [c for c in cookies if "lang" in c["name"].lower()], cookies  # no language cookie


def test_forms_work_without_javascript(make_context, assert_accessible):
    page = make_context(java_script_enabled=False).new_page()
    page.goto("/kontakt/")
    page.get_by_label("Ihr Name").fill("Max Beispiel")
    page.get_by_label("Ihre E-Mail-Adresse").fill("kein-mail")
    page.get_by_role("button", name="Nachricht senden").click()

    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("[data-error-summary] li")).to_have_count(2)
    expect(page.get_by_label("Ihr Name")).to_have_value("Max Beispiel")
    expect(page.get_by_label("Ihre E-Mail-Adresse")).to_have_value("kein-mail")
    assert page.url.endswith("/kontakt/#kontaktformular")

    page.get_by_label("Ihre E-Mail-Adresse").fill("max@beispiel.de")
    page.get_by_label("Ihre Nachricht").fill("Wann gibt es die Videos in Gebärdensprache?")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Nachricht")
    expect(page.locator("[data-reference]")).to_have_text(REFERENCE)
    receipt_url = page.url

    other = make_context().new_page()  # another session must not see the receipt
    response = other.goto(receipt_url)
    assert response is not None and response.status == 404


def test_light_theme_is_pinned_when_the_system_prefers_dark(make_context):
    colours = {}
    for scheme in ("light", "dark"):
        page = make_context(color_scheme=scheme).new_page()
        page.goto("/")
        expect(page.locator("html")).to_have_attribute("data-kern-theme", "light")
        colours[scheme] = page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.querySelector('h1')).color]"
        )
    assert colours["dark"] == colours["light"], colours


def test_header_of_a_logged_in_citizen(
    page, assert_accessible, client, django_user_model, live_server
):
    user = django_user_model.objects.create_user("erika@example.org", "Rathaus-Test-2026!")
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link", name="Mein Konto")).to_be_visible()
    expect(nav.get_by_role("link", name="Anmelden")).to_have_count(0)
    assert_accessible(page)
    nav.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("status")).to_contain_text("abgemeldet")
    expect(nav.get_by_role("link", name="Anmelden")).to_be_visible()
    assert_accessible(page)

"""Conditional fields in a real browser (issue 12), with JavaScript on and off.

- The exact case reported: "Anderer Zweck" (visible_if zweck == "sonstiges") keeps what
  was typed through repeated failed submits, whatever "Wofür" says.
- With JavaScript the field appears and disappears as the answer it depends on changes,
  and a status message says so; without JavaScript it is shown with its condition in
  words. axe-core finds nothing in either state.
- Every step of every shipped service, submitted with an error: the summary links reach
  their inputs, what was typed stays, and the page passes axe-core.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_service_steps_accessible import SLUGS, every_step_open

pytestmark = pytest.mark.e2e
OTHER_PURPOSE = "#f-zweck_sonstiges"


def _first_step(page: Page) -> None:
    page.goto("/leistungen/eheurkunde/?gemeinde=Darmstadt")
    page.get_by_role("button", name="Online beantragen").click()
    expect(page.get_by_role("heading", name="Welche Urkunde brauchen Sie?")).to_be_visible()


def _fail_twice_and_keep(page: Page, typed: str) -> None:
    for _attempt in range(3):
        page.get_by_role("button", name="Weiter").last.click()
        expect(page.locator("[data-error-summary]")).to_be_visible()
        assert page.locator(OTHER_PURPOSE).input_value() == typed


def test_with_javascript_the_field_follows_the_answer_and_keeps_its_text(
    page, catalogue, assert_accessible
):
    _first_step(page)
    other = page.locator(OTHER_PURPOSE)
    expect(other).to_be_hidden()
    assert_accessible(page)
    page.select_option("#f-zweck", "sonstiges")
    expect(other).to_be_visible()
    expect(page.locator("#rule-status")).to_have_text("Jetzt gefragt: Anderer Zweck")
    other.fill("Für die Rente")
    page.select_option("#f-zweck", "rente")
    expect(other).to_be_hidden()
    page.check("#f-urkundenart-0")
    _fail_twice_and_keep(page, "Für die Rente")
    expect(other).to_be_hidden()
    assert_accessible(page)
    page.select_option("#f-zweck", "sonstiges")
    expect(other).to_be_visible()
    expect(other).to_have_value("Für die Rente")
    assert_accessible(page)


def test_with_an_error_on_the_field_itself_it_stays_shown(page, catalogue):
    _first_step(page)
    page.select_option("#f-zweck", "sonstiges")
    page.get_by_role("button", name="Weiter").last.click()
    expect(page.locator(OTHER_PURPOSE)).to_be_visible()
    page.get_by_role("link", name="Anderer Zweck: Bitte füllen Sie dieses Feld aus.").click()
    assert page.evaluate("document.activeElement.id") == "f-zweck_sonstiges"


def test_without_javascript_the_field_is_shown_with_its_condition(
    make_context, catalogue, assert_accessible
):
    # The page's own scripts are blocked (axe itself needs JavaScript to run): the page
    # then is exactly what a browser without JavaScript shows.
    page = make_context().new_page()
    page.route("**/*.js", lambda route: route.abort())
    _first_step(page)
    other = page.locator(OTHER_PURPOSE)
    expect(other).to_be_visible()
    expect(page.locator("#f-zweck_sonstiges-condition")).to_have_text(
        "Nur ausfüllen, wenn Sie bei „Wofür brauchen Sie die Urkunde?“ „Sonstiges“ gewählt haben."
    )
    assert_accessible(page)
    other.fill("Für die Rente")
    page.select_option("#f-zweck", "rente")
    _fail_twice_and_keep(page, "Für die Rente")
    assert_accessible(page)
    page.fill("#f-anzahl", "1")
    page.check("#f-urkundenart-0")
    page.get_by_role("button", name="Weiter").last.click()
    expect(page.get_by_text("Schritt 2 von 4")).to_be_visible()
    page.goto(page.url.replace("/schritt/2/", "/schritt/1/"))
    expect(other).to_have_value("")


def _typed_inputs(page: Page) -> dict[str, str]:
    """Type a wrong-looking answer into every visible text input of the step."""
    typed = {}
    for box in page.locator("form[method=post] input[type=text]:visible, "
                            "form[method=post] input[type=email]:visible, "
                            "form[method=post] input[type=tel]:visible").all():  # fmt: skip
        name = box.get_attribute("name") or ""
        value = "99" if name.endswith(("__day", "__month")) else "x y"
        box.fill(value)
        typed[box.get_attribute("id") or ""] = value
    return typed


@pytest.mark.parametrize("slug", SLUGS)
def test_every_step_with_an_error(make_context, live_server, assert_accessible, hessen, slug):
    page, draft, steps = every_step_open(make_context, live_server, slug)
    errors_seen = 0
    for number in range(1, len(steps) + 1):
        page.goto(f"/antrag/{draft.pk}/schritt/{number}/")
        typed = _typed_inputs(page)
        page.get_by_role("button", name="Weiter").last.click()
        if not page.locator("[data-error-summary]").count():
            continue
        errors_seen += 1
        for html_id, value in typed.items():
            assert page.locator(f"#{html_id}").input_value() == value, (slug, number, html_id)
        for link in page.locator("[data-error-summary] a").all():
            target = (link.get_attribute("href") or "#")[1:]
            assert page.locator(f"[id='{target}']").count() == 1, (slug, number, target)
        assert_accessible(page)
    assert errors_seen, f"{slug}: no step refused the wrong answers"


def test_a_radio_groups_error_sits_below_its_legend_and_the_summary_reads_well(page, catalogue):
    _first_step(page)
    page.get_by_role("button", name="Weiter").last.click()
    page.locator("#f-urkundenart-error").wait_for()  # the answer page, not the one before
    page.wait_for_load_state("load")
    # Both boxes in one go, after the fonts: a font swapped in between moves the layout.
    legend, error = page.evaluate(
        """async () => {
            await document.fonts.ready;
            const box = (selector) => document.querySelector(selector).getBoundingClientRect();
            const legend = box("fieldset:has(#f-urkundenart-0) > legend");
            const error = box("#f-urkundenart-error");
            return [{y: legend.y, height: legend.height}, {y: error.y}];
        }"""
    )
    assert error["y"] >= legend["y"] + legend["height"] - 1
    summary = page.locator("[data-error-summary]").inner_text()
    assert "Urkunde?: " not in summary
    assert "Wofür brauchen Sie die Urkunde? Bitte wählen Sie eine Antwort aus." in summary

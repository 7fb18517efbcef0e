"""The service designer in a real browser, axe-checked on every page: a designer who never
saw the YAML builds a new service — three steps, a condition built with the guided rule
editor, a fee, a select filled from a code list — previews it, tries it in a test run,
publishes it and offers it in her Gemeinde; a citizen applies for it; a clerk decides."""

from datetime import datetime

import pyotp
import pytest
from playwright.sync_api import Page, expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Membership, Role
from rathaus.authentication.totp import confirm_totp_device
from rathaus.submissions.models import Submission
from tests.e2e.test_case_work import log_in
from tests.service_fixtures import PASSWORD

pytestmark = pytest.mark.e2e
SECRET = pyotp.random_base32()
# a small genericode code list of our own (the test needs no shared data)
CODE_LIST = """<?xml version="1.0" encoding="UTF-8"?>
<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/">
  <Identification><ShortName>Nutzungsarten</ShortName><Version>1</Version>
    <CanonicalUri>urn:de:rathaus:test:nutzungsart</CanonicalUri>
    <CanonicalVersionUri>urn:de:rathaus:test:nutzungsart_1</CanonicalVersionUri></Identification>
  <ColumnSet>
    <Column Id="code" Use="required"><ShortName>code</ShortName><Data Type="string"/></Column>
    <Column Id="name" Use="required"><ShortName>name</ShortName><Data Type="string"/></Column>
    <Key Id="codeKey"><ShortName>codeKey</ShortName><ColumnRef Ref="code"/></Key>
  </ColumnSet>
  <SimpleCodeList>
    <Row><Value ColumnRef="code"><SimpleValue>01</SimpleValue></Value>
      <Value ColumnRef="name"><SimpleValue>Außengastronomie</SimpleValue></Value></Row>
    <Row><Value ColumnRef="code"><SimpleValue>02</SimpleValue></Value>
      <Value ColumnRef="name"><SimpleValue>Baugerüst</SimpleValue></Value></Row>
  </SimpleCodeList>
</gc:CodeList>
"""


def staff(email: str, authority, *roles: Role):
    user = accounts.create_staff(email, PASSWORD, authority, roles[0])
    for role in roles[1:]:
        Membership.objects.create(user=user, authority=authority, role=role)
    confirm_totp_device(user, SECRET, pyotp.TOTP(SECRET).now())
    return user


def next_code() -> str:
    totp = pyotp.TOTP(SECRET)
    return totp.generate_otp(totp.timecode(datetime.now()) + 1)


def add_field(page: Page, step: str, label: str, kind: str) -> None:
    page.fill(f"#add-label-{step}", label)
    page.select_option(f"#add-type-{step}", kind)
    page.get_by_role("button", name="Feld hinzufügen").nth(
        ["angaben", "nutzung", "bestaetigung"].index(step)
    ).click()
    expect(page.get_by_text(f"Feld „{label}“ hinzugefügt")).to_be_visible()


def build_service(page: Page, assert_accessible) -> None:
    page.goto("/verwaltung/dienste/")
    assert_accessible(page)
    page.get_by_role("link", name="Codelisten").click()
    page.set_input_files(
        "#id_file",
        files=[{"name": "nutzungsart.xml", "mimeType": "text/xml", "buffer": CODE_LIST.encode()}],
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_text("ist gespeichert")).to_be_visible()
    assert_accessible(page)

    page.goto("/verwaltung/dienste/neu/")
    assert_accessible(page)
    page.fill("#id_leer-title", "Sondernutzung eines Gehwegs")
    page.get_by_role("button", name="Leeren Dienst anlegen").click()
    expect(page.get_by_role("heading", name="Sondernutzung eines Gehwegs")).to_be_visible()
    assert_accessible(page)  # with the problem "no fields yet" linked to its place
    for title in ("Nutzung", "Bestätigung"):
        page.fill("#add-step-title", title)
        page.get_by_role("button", name="Schritt hinzufügen").click()
        expect(page.get_by_text(f"Schritt „{title}“ hinzugefügt")).to_be_visible()
    add_field(page, "angaben", "Name der Firma", "text")
    add_field(page, "nutzung", "Art der Nutzung", "select")
    add_field(page, "nutzung", "Anzahl der Tage", "number")
    add_field(page, "nutzung", "Begründung", "textarea")
    add_field(page, "bestaetigung", "Ich halte den Gehweg frei", "yesno")

    page.get_by_role("link", name="Art der Nutzung").click()
    page.select_option("#id_options__code_list", index=1)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert als Version")).to_be_visible()
    assert_accessible(page)

    page.goto("/verwaltung/dienste/sondernutzung-eines-gehwegs/")
    page.get_by_role("link", name="Begründung").click()
    page.select_option("#id_visible_if__field_0", "anzahl_der_tage")
    page.select_option("#id_visible_if__op_0", ">")
    page.fill("#id_visible_if__value_0", "7")
    page.fill("#id_help_de", "Warum brauchen Sie den Gehweg länger als eine Woche?")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert als Version")).to_be_visible()
    expect(page.locator(".designer-preview")).to_contain_text("länger als eine Woche")  # preview
    assert_accessible(page)

    page.goto("/verwaltung/dienste/sondernutzung-eines-gehwegs/")
    page.fill("#add-fee-label", "Verwaltungsgebühr")
    page.get_by_role("button", name="Gebühr hinzufügen").click()
    page.get_by_role("link", name="Verwaltungsgebühr").click()
    page.fill("#id_amount", "25.00")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert als Version")).to_be_visible()

    page.goto("/verwaltung/dienste/sondernutzung-eines-gehwegs/ablauf/")
    assert_accessible(page)
    page.goto("/verwaltung/dienste/sondernutzung-eines-gehwegs/")
    page.get_by_role("button", name="Bescheidtext hinzufügen").click()
    page.get_by_role("link", name="bewilligt").click()
    expect(page.get_by_text("Platzhalter im Bescheidtext")).to_be_visible()
    page.fill("#id_text_de", "Ihr Antrag {reference} ist bewilligt. Die Gebühr beträgt 25 Euro.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert als Version")).to_be_visible()
    assert_accessible(page)

    page.goto("/verwaltung/dienste/sondernutzung-eines-gehwegs/")
    expect(page.locator(".designer-problems")).to_have_count(0)
    page.get_by_role("link", name="Verständliche Sprache prüfen").click()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name="Testlauf starten").click()
    expect(page.get_by_text("Schritt 1 von 3")).to_be_visible()
    assert_accessible(page)

    page.goto("/verwaltung/dienste/sondernutzung-eines-gehwegs/versionen/")
    assert_accessible(page)
    page.get_by_role("button", name="Unterschiede zeigen").click()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name="Veröffentlichen").first.click()
    expect(page.get_by_text("ist veröffentlicht")).to_be_visible()
    page.get_by_role("button", name="In unserem Gebiet online anbieten").click()
    expect(page.get_by_text("Der Dienst ist online beantragbar für Darmstadt")).to_be_visible()


def apply(page: Page, assert_accessible) -> str:
    log_in(page, "erika@example.org")
    page.goto("/leistungen/sondernutzung-eines-gehwegs/")
    page.fill("#id_gemeinde", "Darmstadt")
    page.get_by_role("button", name="Zuständigkeit anzeigen").click()
    page.get_by_role("button", name="Online beantragen").click()
    page.fill("#f-name_der_firma", "Café Sonnenschein")
    page.get_by_role("button", name="Weiter").last.click()
    page.select_option("#f-art_der_nutzung", index=1)
    page.fill("#f-anzahl_der_tage", "10")
    expect(page.locator("#f-begruendung")).to_be_visible()  # the condition holds
    page.fill("#f-begruendung", "Umbau des Ladens.")
    assert_accessible(page)
    page.get_by_role("button", name="Weiter").last.click()
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Weiter").last.click()
    expect(page.locator("strong", has_text="25,00 €")).to_be_visible()
    page.get_by_role("button", name="Antrag absenden").click()
    expect(page.get_by_text("Ihr Antrag ist eingegangen")).to_be_visible()
    return Submission.objects.get().reference


def test_designer_builds_publishes_and_a_citizen_applies(
    make_context, assert_accessible, citizen, catalogue
):
    staff("gestaltung@example.org", catalogue, Role.DESIGNER, Role.PUBLISHER)
    staff("clerk@example.org", catalogue, Role.CLERK)
    office = make_context().new_page()
    log_in(office, "gestaltung@example.org", next_code())
    build_service(office, assert_accessible)

    reference = apply(make_context().new_page(), assert_accessible)

    clerk = make_context().new_page()
    log_in(clerk, "clerk@example.org", next_code())
    clerk.goto("/verwaltung/vorgaenge/")
    clerk.get_by_role("link", name=reference).click()
    clerk.get_by_role("button", name="Vorgang übernehmen").click()
    clerk.get_by_role("button", name="Bearbeitung beginnen").click()
    clerk.select_option("#outcome-entscheiden", "bewilligt")
    clerk.fill("#reasons-entscheiden", "Der Gehweg bleibt passierbar.")
    clerk.get_by_role("button", name="Entscheiden").click()
    expect(clerk.get_by_text("Der Vorgang ist jetzt: Entschieden.")).to_be_visible()
    assert Submission.objects.get().case.state == "entschieden"


def start_with_fields(page: Page, *labels: str) -> None:
    page.goto("/verwaltung/dienste/neu/")
    page.fill("#id_leer-title", "Reihenfolge")
    page.get_by_role("button", name="Leeren Dienst anlegen").click()
    for label in labels:
        page.fill("#add-label-angaben", label)
        page.get_by_role("button", name="Feld hinzufügen").click()
        expect(page.get_by_text(f"Feld „{label}“ hinzugefügt")).to_be_visible()


def field_order(page: Page) -> list[str]:
    return page.locator("ol.designer-fields > li").evaluate_all(
        "items => items.map(i => i.dataset.fieldId)"
    )


def test_with_javascript_changes_swap_in_place_drag_reorders_and_preview_follows_typing(
    make_context, assert_accessible, catalogue
):
    staff("gestaltung@example.org", catalogue, Role.DESIGNER)
    page = make_context().new_page()
    log_in(page, "gestaltung@example.org", next_code())
    start_with_fields(page, "Erstes", "Zweites", "Drittes")
    page.evaluate("window.__not_reloaded = true")
    page.locator("#feld-drittes").drag_to(page.locator("#feld-erstes"))
    expect(page.get_by_text("Feld verschoben")).to_be_visible()
    assert field_order(page) == ["drittes", "erstes", "zweites"]
    page.locator("#move_field-erstes-1").focus()
    page.keyboard.press("Enter")  # the keyboard way: "Nach unten"
    expect(page.locator("ol.designer-fields > li").nth(2)).to_have_attribute("id", "feld-erstes")
    assert field_order(page) == ["drittes", "zweites", "erstes"]
    assert page.evaluate("window.__not_reloaded") is True  # swapped in place, no reload
    # "Erstes" is last now, so its "Nach unten" is gone: the focus goes to the message
    # that reports the change (the control used keeps it where it still exists)
    expect(page.locator("#designer-messages .kern-alert")).to_be_focused()
    page.locator("#move_field-drittes-1").focus()
    page.keyboard.press("Enter")
    expect(page.locator("ol.designer-fields > li").nth(1)).to_have_attribute("id", "feld-drittes")
    expect(page.locator("#move_field-drittes-1")).to_be_focused()
    assert_accessible(page)

    page.get_by_role("link", name="Zweites").click()
    page.wait_for_url("**/zweites/**")
    page.wait_for_load_state("load")  # htmx and designer.js (deferred) listen from here on
    page.fill("#id_help_de", "Ein Hinweis, der sofort in der Vorschau steht")
    # a request 0.7 s after the typing stops; give a loaded CI machine time to answer
    expect(page.locator("#designer-preview")).to_contain_text(
        "sofort in der Vorschau", timeout=20_000
    )
    assert_accessible(page)


def test_without_javascript_every_change_is_a_plain_form(make_context, catalogue):
    staff("gestaltung@example.org", catalogue, Role.DESIGNER)
    page = make_context(java_script_enabled=False).new_page()
    log_in(page, "gestaltung@example.org", next_code())
    start_with_fields(page, "Erstes", "Zweites")
    page.locator("#move_field-zweites--1").click()
    expect(page.get_by_text("Feld verschoben")).to_be_visible()
    assert [
        page.locator("ol.designer-fields > li").nth(i).get_attribute("id") for i in range(2)
    ] == ["feld-zweites", "feld-erstes"]
    page.get_by_role("link", name="Erstes").click()
    page.fill("#id_label_de", "Erstes Feld")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert als Version")).to_be_visible()
    expect(page.locator("#designer-preview")).to_contain_text("Erstes Feld")

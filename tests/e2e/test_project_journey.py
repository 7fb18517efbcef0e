"""The project database in a real browser, axe-checked on every page: a Darmstadt employee
enters a project (first with a mistake), adds an image and submits it; the Smart Region
office publishes it; a Kassel employee finds it by a Handlungsfeld facet (keyboard only)
and by a compound part, asks to adopt it; Darmstadt answers and marks it adopted; the
public page then counts one adopting municipality."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyotp
import pytest
from django.apps import apps
from PIL import Image
from playwright.sync_api import Page, expect

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.totp import confirm_totp_device
from rathaus.core.models import Authority, Territory
from rathaus.organisations.services import (
    create_municipal_staff,
)
from rathaus.projects import editorial
from rathaus.projects.models import FieldOfAction, Project, TransferRequest
from rathaus.projects.reference import import_model_projects

pytestmark = pytest.mark.e2e

PASSWORD = "Ein-langes-Passwort-2026"
LIST = "/smart-region/projekte/"
DESK = f"{LIST}verwaltung/"
TITLE = "Sensorgestützte Abfallentsorgung"
WASTE = re.compile(r"^Abfall & Stadtsauberkeit \(\d+\)$")
DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}"""


@dataclass
class Person:
    user: User
    secret: str


@dataclass
class World:
    darmstadt: Person
    kassel: Person
    office: Person


def person(email: str, key: str, role: Role | str, name: str) -> Person:
    """A staff member of an authority on territory ``key`` (``municipal``: a member of the
    organisation of that municipality's administration), with an authenticator app."""
    authority = Authority.objects.create(
        name=name, slug=f"{key}-{role}", territory=Territory.objects.get(key=key),
        email=f"stelle-{key}@example.org",
    )  # fmt: skip
    if role == "municipal":
        user = create_municipal_staff(email, PASSWORD, authority)
    else:
        user = accounts.create_staff(email, PASSWORD, authority, role)
    secret = pyotp.random_base32()
    confirm_totp_device(user, secret, pyotp.TOTP(secret).now())
    return Person(user, secret)


@pytest.fixture
def world(hessen) -> World:
    # A browser test runs in a flushed (transactional) database: bring back the office's
    # starting lists of Handlungsfelder and technologies that a migration seeds.
    importlib.import_module("rathaus.projects.migrations.0002_fields_and_technologies").seed(
        apps, None
    )
    import_model_projects()
    darmstadt = person("digital@darmstadt.example", "06411000", "municipal", "Darmstadt")
    kassel = person("digital@kassel.example", "06611000", "municipal", "Kassel")
    office = person("office@smart-region.example", "06", Role.SMART_REGION, "Smart Region")
    other = editorial.create_project(
        kassel.user,
        Authority.objects.get(slug="06611000-municipal"),
        {
            "title": "Parkhäuser digital",
            "summary": "Freie Stellplätze in Echtzeit.",
            "description": "Sensoren in Parkhäusern melden freie Plätze.",
            "territories": [Territory.objects.get(key="06611000")],
            "fields": list(FieldOfAction.objects.filter(slug="mobilitaet")),
            "technologies": [],
            "status": "umsetzung",
            "transferability": "mittel",
        },
    )
    editorial.submit(kassel.user, other)
    editorial.publish(office.user, other)
    return World(darmstadt, kassel, office)


@pytest.fixture
def audit(assert_accessible):
    """axe-core finds nothing, and every id is unique (axe 4.12 no longer checks that;
    a label's ``for`` finds only the first of two elements with the same id)."""

    def check(page: Page) -> None:
        assert_accessible(page)
        repeated = page.evaluate(DUPLICATE_IDS)
        assert not repeated, f"ids used more than once on {page.url}: {repeated}"

    return check


def log_in(page: Page, someone: Person) -> None:
    """Log in with password and the authenticator's code of the next time step."""
    page.goto("/anmelden/")
    page.fill("#id_email", someone.user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    totp = pyotp.TOTP(someone.secret)
    page.fill("#id_code", totp.generate_otp(totp.timecode(datetime.now()) + 1))
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.locator("#id_code")).to_have_count(0)


def png(tmp_path: Path) -> Path:
    path = tmp_path / "sensor.png"
    Image.new("RGB", (320, 200), (40, 120, 60)).save(path, format="PNG")
    return path


def focused(page: Page) -> str:
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.textContent.trim()"
    )


def tab_to(page: Page, target: str, limit: int = 80) -> None:
    """Press Tab until the element with id (or text) ``target`` has the focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == target:
            return
    pytest.fail(f"Tab never reached {target!r}; focus went through {seen}")


def enter_project(page: Page, audit, image: Path) -> None:
    """Darmstadt: the form with an error, then corrected; an image; submitted for review."""
    page.goto(DESK)
    expect(page.get_by_role("heading", name="Projekte verwalten", level=1)).to_be_visible()
    audit(page)
    page.get_by_role("link", name="Neues Projekt anlegen").click()
    expect(page.locator("#id_territory_names")).to_have_value("Darmstadt (06411000)")
    audit(page)

    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Füllstandssensoren melden, wann Container geleert werden müssen.")
    page.fill(
        "#id_description",
        "Die **Abfallentsorgung** plant ihre Touren nach Füllstand.\n\n"
        "- Sensoren in 300 Containern\n- Touren jeden Morgen neu berechnet\n",
    )
    page.fill("#id_territory_names", "Darmstadt (06411000)\n06432")
    page.get_by_label("LoRaWAN").check()
    page.get_by_role("radio", name="Betrieb").check()
    page.get_by_role("group", name="Übertragbarkeit").get_by_label("hoch").check()
    page.fill("#id_contact_name", "Eva Beispiel")
    page.fill("#id_contact_email", "eva@darmstadt.example")
    page.get_by_label("Kontakt darf veröffentlicht werden").check()
    page.get_by_role("button", name="Entwurf speichern").click()  # no Handlungsfeld yet

    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("heading", name="Bitte korrigieren Sie 1 Angabe")).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile(r"^Handlungsfelder: "))).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    audit(page)
    summary.get_by_role("link", name=re.compile(r"^Handlungsfelder: ")).click()
    first_field = page.get_by_role("group", name="Handlungsfelder").get_by_role("checkbox").first
    expect(first_field).to_be_focused()
    page.get_by_role("checkbox", name="Abfall & Stadtsauberkeit", exact=True).check()
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("Der Entwurf ist gespeichert.")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("textbox", name="Titel des Dokuments")).to_have_count(1)
    audit(page)

    page.set_input_files("#id_image", image)
    page.fill("#id_alt_text", "Ein Abfallcontainer mit Füllstandssensor am Deckel")
    page.fill("#id_caption", "Foto: Stadt Darmstadt")
    page.get_by_role("button", name="Bild hochladen").click()
    expect(page.get_by_text("Die Datei ist dem Entwurf hinzugefügt.")).to_be_visible()
    expect(page.get_by_role("img", name="Ein Abfallcontainer mit Füllstandssensor")).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(page.get_by_text("Das Projekt ist zur Prüfung eingereicht.")).to_be_visible()
    audit(page)


def publish(page: Page, audit) -> None:
    page.goto(DESK)
    expect(page.get_by_role("heading", name="1 Projekt wartet auf Prüfung")).to_be_visible()
    audit(page)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/smart-region/projekte/verwaltung/\d+/$"))  # then check it
    audit(page)
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_text("Das Projekt ist veröffentlicht.")).to_be_visible()
    audit(page)


def find_and_ask(page: Page, audit) -> None:
    """Kassel: the facet form by keyboard, then the search, then the request."""
    page.goto(LIST)
    results = page.locator("#results-heading")
    expect(results).to_have_text("2 Projekte")
    audit(page)

    waste = page.get_by_role("checkbox", name=WASTE)
    waste_id = waste.get_attribute("id")
    assert waste_id
    page.locator("#id_q").focus()
    tab_to(page, waste_id)
    page.keyboard.press("Space")
    expect(waste).to_be_checked()
    tab_to(page, "Suchen und filtern")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"handlungsfeld=abfall-stadtsauberkeit"))
    expect(results).to_have_text("1 Projekt")
    expect(page.get_by_role("link", name="Parkhäuser digital")).to_have_count(0)
    expect(page.get_by_role("checkbox", name=WASTE)).to_be_checked()
    expect(
        page.get_by_role("link", name=re.compile(r"Filter „Handlungsfeld: Abfall"))
    ).to_be_visible()
    audit(page)

    page.get_by_role("link", name=re.compile(r"Filter „Handlungsfeld: Abfall")).click()
    expect(results).to_have_text("2 Projekte")
    page.fill("#id_q", "Abfall")
    page.get_by_role("button", name="Suchen und filtern").click()
    expect(page).to_have_title(re.compile(r"^Projekte: Abfall"))
    expect(results).to_have_text("1 Projekt")
    expect(page.get_by_text("Gesucht wurde nach:")).to_be_visible()
    audit(page)

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.locator("strong", has_text="Abfallentsorgung")).to_be_visible()
    expect(page.get_by_text("Eva Beispiel")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Sie fragen für Kassel"))).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Interesse an Übernahme senden").click()  # no message
    expect(page.get_by_role("heading", name="Bitte korrigieren Sie 1 Angabe")).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    audit(page)
    page.get_by_role("link", name=re.compile(r"^Ihre Nachricht an das Projekt: Bitte")).click()
    message = page.get_by_role("textbox", name="Ihre Nachricht an das Projekt")
    expect(message).to_be_focused()
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(message).to_have_accessible_description(re.compile(r"Bitte schreiben Sie"))
    message.fill(
        "Wir möchten die Sensoren in zwei Stadtteilen testen. Wie haben Sie ausgeschrieben?"
    )
    page.get_by_role("button", name="Interesse an Übernahme senden").click()
    expect(page.get_by_text("Ihre Anfrage ist beim Projekt angekommen.")).to_be_visible()
    expect(page.get_by_text("Wie haben Sie ausgeschrieben?")).to_be_visible()
    audit(page)


def answer(page: Page, audit) -> None:
    """Darmstadt: the list of requests, the conversation, the answer and the status."""
    page.goto(DESK)
    page.get_by_role("link", name="Anfragen zur Übernahme").click()
    expect(page.get_by_role("cell", name="Kassel")).to_be_visible()
    audit(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Wie haben Sie ausgeschrieben?")).to_be_visible()
    audit(page)
    page.get_by_label("Nachricht").fill("Gern, wir schicken Ihnen unsere Ausschreibung.")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.get_by_text("Gern, wir schicken Ihnen unsere Ausschreibung.")).to_be_visible()
    page.get_by_label("Status", exact=True).select_option(label="übernommen")
    page.get_by_role("button", name="Status speichern").click()
    expect(page.get_by_text("Der Status ist gespeichert.")).to_be_visible()
    audit(page)


def test_a_project_is_entered_published_found_and_adopted(make_context, audit, world, tmp_path):
    home = make_context().new_page()
    log_in(home, world.darmstadt)
    enter_project(home, audit, png(tmp_path))
    project = Project.objects.get(slug__startswith="sensorgestutzte")
    assert project.state == Project.State.SUBMITTED

    office = make_context().new_page()
    log_in(office, world.office)
    publish(office, audit)

    kassel = make_context().new_page()
    log_in(kassel, world.kassel)
    find_and_ask(kassel, audit)

    answer(home, audit)
    request = TransferRequest.objects.get()
    assert request.status == TransferRequest.Status.ADOPTED
    assert request.messages.count() == 2

    visitor = make_context().new_page()
    visitor.goto(f"{LIST}{project.slug}/")
    adopted = visitor.locator(".kern-description-list-item", has_text="Übernommen von")
    expect(adopted.locator("dd")).to_have_text("1 Kommune: Kassel")
    expect(
        visitor.get_by_role("img", name="Ein Abfallcontainer mit Füllstandssensor")
    ).to_have_count(1)
    audit(visitor)

    visitor.goto(f"{LIST}modellprojekte-smart-cities/")
    expect(visitor.get_by_role("heading", name=re.compile(r"^Staffel 2020"))).to_be_visible()
    expect(visitor.get_by_role("link", name="Darmstadt", exact=True)).to_be_visible()
    audit(visitor)

    visitor.goto("/gebiete/06411000/")
    section = visitor.locator("section", has=visitor.locator("#smart-region-heading"))
    expect(section.get_by_role("link", name=TITLE)).to_be_visible()
    expect(
        section.get_by_text("Modellprojekt Smart Cities des Bundes, Staffel 2020")
    ).to_be_visible()
    audit(visitor)

"""Make the screenshots of docs/guides/service-designer.md.

Run from the project root::

    .venv/bin/python docs/guides/make_designer_screenshots.py

It needs nothing but the project's virtualenv and Debian's chromium (``make browser``).
Everything happens in a temporary directory: its own SQLite database (migrated, with the
territory, the catalogue and the demo authorities, as ``make run`` loads them, without
the model projects), its own media folder and a Django development server on a free
port. Two staff users of "Stadt Darmstadt – Standesamt" are created with a known TOTP
secret: a designer who may also publish, and a second designer. Chromium (headless, every
request to another host refused) then builds a small service the way a designer would —
steps, fields, a rule with the guided editor, a fee, a decision text — leaves a few
problems in it, fixes them, publishes, changes it again, provokes an edit conflict and
imports a FIM schema, taking the screenshots on the way. They are written to
``docs/guides/img/designer-*.png`` (1280 px wide, each kept under about 300 KB).

The server is stopped and the temporary directory deleted at the end, also on errors.
This script is documentation tooling, not part of the test suite.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pyotp
from playwright.sync_api import Page, Route, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "guides" / "img"
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
FIM_DIR = ROOT.parent / "shared" / "data" / "fim" / "S00000094V1.0_xdf2"
VIEWPORT = {"width": 1280, "height": 900}
MAX_BYTES = 300_000

PASSWORD = "Screenshots-fuer-die-Doku-2026"
SECRET = pyotp.random_base32()
PUBLISHER = "standesamt.gestaltung@example.org"
SECOND = "standesamt.vertretung@example.org"
AUTHORITY = "darmstadt-standesamt"
SLUG = "anmeldung-der-eheschliessung"

SETUP_USERS = f"""
import pyotp
from rathaus.accounts import services as accounts
from rathaus.accounts.models import Membership, Role
from rathaus.authentication.totp import confirm_totp_device
from rathaus.core.models import Authority

office = Authority.objects.get(slug={AUTHORITY!r})
lead = accounts.create_staff({PUBLISHER!r}, {PASSWORD!r}, office, Role.DESIGNER)
Membership.objects.get_or_create(user=lead, authority=office, role=Role.PUBLISHER)
second = accounts.create_staff({SECOND!r}, {PASSWORD!r}, office, Role.DESIGNER)
for user in (lead, second):
    assert confirm_totp_device(user, {SECRET!r}, pyotp.TOTP({SECRET!r}).now()) is not None
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> None:
    print("manage.py", *args[:2], flush=True)
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def wait_for(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the development server stopped; see its log above")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (http://127.0.0.1)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the development server did not answer at {url}")


def next_code() -> str:
    """The code of the next time step: the current one was used to confirm the device."""
    totp = pyotp.TOTP(SECRET)
    return totp.generate_otp(totp.timecode(datetime.now()) + 1)


def save_png(data: bytes, name: str) -> None:
    """Write the screenshot; reduce it to 256 colours when it is too large."""
    path = IMAGES / f"designer-{name}.png"
    if len(data) > MAX_BYTES:
        try:
            from PIL import Image
        except ImportError:
            pass
        else:
            image = Image.open(io.BytesIO(data)).convert("RGB")
            buffer = io.BytesIO()
            image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
                buffer, "PNG", optimize=True
            )
            data = buffer.getvalue()
    path.write_bytes(data)
    note = "" if len(data) <= MAX_BYTES else "  (larger than wanted)"
    print(f"  {path.relative_to(ROOT)}: {len(data) // 1000} KB{note}", flush=True)


def shot(page: Page, name: str, *, full_page: bool = False) -> None:
    page.wait_for_load_state("networkidle")
    save_png(page.screenshot(full_page=full_page, animations="disabled"), name)


def scroll_to(page: Page, selector: str) -> None:
    """Scroll so that the element is at the top (at once: the site scrolls smoothly)."""
    page.evaluate(
        """selector => {
            const top = document.querySelector(selector).getBoundingClientRect().top;
            window.scrollTo({top: window.scrollY + top - 24, behavior: "instant"});
        }""",
        selector,
    )


def shot_of(page: Page, selector: str, name: str) -> None:
    """A screenshot of one part of the page (with a little room around it)."""
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(box["height"]) + 400})
    page.locator(selector).scroll_into_view_if_needed()
    box = page.locator(selector).bounding_box()
    assert box is not None
    clip = {
        "x": 0,
        "y": max(0, box["y"] - 8),
        "width": VIEWPORT["width"],
        "height": box["height"] + 24,
    }
    save_png(page.screenshot(clip=clip, animations="disabled"), name)
    page.set_viewport_size(VIEWPORT)


def log_in(page: Page, email: str) -> None:
    page.goto("/anmelden/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.fill("#id_code", next_code())
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_load_state("networkidle")


def saved(page: Page) -> None:
    expect(
        page.get_by_text("gespeichert als Version")
        .or_(page.get_by_text("Gespeichert als Version"))
        .first
    ).to_be_visible()


def add_step(page: Page, title: str) -> None:
    page.fill("#add-step-title", title)
    page.get_by_role("button", name="Schritt hinzufügen").click()
    saved(page)


def add_field(page: Page, step: str, label: str, kind: str) -> None:
    form = page.locator(f"form:has(#add-label-{step})")
    form.locator(f"#add-label-{step}").fill(label)
    form.locator(f"#add-type-{step}").select_option(kind)
    form.get_by_role("button", name="Feld hinzufügen").click()
    expect(page.get_by_text(f"Feld „{label}“ hinzugefügt")).to_be_visible()


def action(name: str, field_id: str, delta: str = "") -> str:
    """The button that moves or deletes a field (ids as the overview gives them)."""
    return f"#{name}-{field_id}" + (f"-{delta}" if delta else "")


def edit(page: Page, path: str, values: dict[str, str], checks: tuple[str, ...] = ()) -> None:
    """Open an element's page, fill inputs (``#id`` → value; selects by value), tick
    checkboxes and save."""
    page.goto(f"/verwaltung/dienste/{SLUG}/{path}")
    for selector, value in values.items():
        target = page.locator(selector)
        if target.evaluate("element => element.tagName") == "SELECT":
            target.select_option(value)
        else:
            target.fill(value)
    for selector in checks:
        page.check(selector)
    page.get_by_role("button", name="Speichern").click()
    saved(page)


def build_service(page: Page) -> None:
    """A new service with two mistakes left in it, as a designer builds it."""
    page.goto("/verwaltung/dienste/neu/")
    page.fill("#id_leer-title", "Anmeldung der Eheschließung")
    page.get_by_role("button", name="Leeren Dienst anlegen").click()
    expect(page.get_by_role("heading", name="Anmeldung der Eheschließung")).to_be_visible()
    add_field(page, "angaben", "Familienname", "text")
    add_field(page, "angaben", "Vornamen", "text")
    add_field(page, "angaben", "Geburtsdatum", "date")
    add_field(page, "angaben", "Anschrift", "text")  # mistake 1: the address as one line
    add_field(page, "angaben", "Familienstand", "radio")
    add_field(page, "angaben", "Datum der Scheidung", "date")
    add_step(page, "Ihre Trauung")
    add_field(page, "ihre_trauung", "Gewünschtes Datum der Trauung", "date")
    add_field(page, "ihre_trauung", "Trauung außerhalb des Trauzimmers", "yesno")
    add_step(page, "Nachweise")
    add_field(page, "nachweise", "Geburtsurkunde", "file")

    options = "ledig | ledig\ngeschieden | geschieden\nverwitwet | verwitwet"
    edit(page, "felder/familienstand/", {"#id_options": options}, ("#id_required",))
    for field in ("familienname", "vornamen"):
        edit(page, f"felder/{field}/", {}, ("#id_required",))
    edit(
        page, "felder/geburtsdatum/", {"#id_prefill": "profile.birth_date"},
        ("#id_required", "#id_not_future"),
    )  # fmt: skip
    edit(page, "felder/anschrift/", {"#id_prefill": "profile.address"})

    # The guided rule: show the date of the divorce only to those who are divorced.
    edit(page, "felder/datum_der_scheidung/", {
        "#id_visible_if__field_0": "familienstand",
        "#id_visible_if__op_0": "==",
        "#id_visible_if__value_0": "geschieden",
        "#id_help_de": "Das Datum steht im Scheidungsurteil.",
    }, ("#id_not_future",))  # fmt: skip

    # Texts for the plain-language check, one of them in thick officialese.
    edit(page, "angaben/", {
        "#id_summary_de": (
            "Die Anmeldung der Eheschließung ist unter Beifügung sämtlicher erforderlicher "
            "Unterlagen seitens der Eheschließenden bei dem zuständigen Standesamt "
            "vorzunehmen, wobei die Vorlage der Nachweise im Original zu erfolgen hat."
        ),
        "#id_declaration_de": "Ich versichere, dass meine Angaben richtig und vollständig sind.",
    })  # fmt: skip
    edit(page, "schritte/ihre_trauung/", {
        "#id_intro_de": "Sagen Sie uns, wann Sie heiraten möchten. Wir melden uns mit einem "
        "Termin.",
    })  # fmt: skip

    # A fee, and a decision text with a placeholder that does not exist (mistake 2).
    page.goto(f"/verwaltung/dienste/{SLUG}/")
    page.fill("#add-fee-label", "Anmeldung der Eheschließung")
    page.get_by_role("button", name="Gebühr hinzufügen").click()
    saved(page)
    edit(page, "gebuehren/anmeldung_der_eheschliessung/", {"#id_amount": "40.00"})
    page.goto(f"/verwaltung/dienste/{SLUG}/")
    page.select_option("#add-decision", "bewilligt")
    page.get_by_role("button", name="Bescheidtext hinzufügen").click()
    saved(page)
    edit(page, "bescheide/0/", {
        "#id_text_de": "Ihre Eheschließung ist angemeldet (Aktenzeichen {aktenzeichen}). "
        "Die Trauung findet am {answer.gewuenschtes_datum_der_trauung} statt.",
    })  # fmt: skip


def fix_and_publish(page: Page) -> None:
    """The address becomes an address field (a type is changed by delete and add), the
    placeholder is corrected; then the version is published."""
    page.goto(f"/verwaltung/dienste/{SLUG}/")
    page.locator(action("delete_field", "anschrift")).click()
    saved(page)
    add_field(page, "angaben", "Anschrift", "address")
    for _ in range(2):  # up, past "Datum der Scheidung" and "Familienstand"
        page.locator(action("move_field", "anschrift", "-1")).click()
        saved(page)
    edit(page, "felder/anschrift/", {"#id_prefill": "profile.address"}, ("#id_required",))
    edit(page, "bescheide/0/", {
        "#id_text_de": "Ihre Eheschließung ist angemeldet (Aktenzeichen {reference}). "
        "Die Trauung findet am {answer.gewuenschtes_datum_der_trauung} statt.",
    })  # fmt: skip
    page.goto(f"/verwaltung/dienste/{SLUG}/versionen/")
    page.get_by_role("button", name="Veröffentlichen").first.click()
    expect(page.get_by_text("ist veröffentlicht")).to_be_visible()


def change_after_publishing(page: Page) -> None:
    edit(page, "felder/trauung_ausserhalb_des_trauzimmers/", {
        "#id_label_de": "Möchten Sie außerhalb des Trauzimmers heiraten?",
        "#id_help_de": "Zum Beispiel im Schlosspark. Dafür fällt eine weitere Gebühr an.",
    })  # fmt: skip
    edit(page, "felder/datum_der_scheidung/", {
        "#id_required_if__field_0": "familienstand",
        "#id_required_if__op_0": "==",
        "#id_required_if__value_0": "geschieden",
    })  # fmt: skip
    page.goto(f"/verwaltung/dienste/{SLUG}/")
    page.fill("#add-fee-label", "Zuschlag für die Trauung außerhalb")
    page.get_by_role("button", name="Gebühr hinzufügen").click()
    saved(page)
    edit(page, "gebuehren/zuschlag_fuer_die_trauung_ausserhalb/", {
        "#id_amount": "120.00",
        "#id_when__field_0": "trauung_ausserhalb_des_trauzimmers",
        "#id_when__op_0": "==",
        "#id_when__value_0": "true",
    })  # fmt: skip


def conflict(first: Page, second: Page) -> None:
    """Both open the same field; the second person saves first, then the first saves."""
    first.goto(f"/verwaltung/dienste/{SLUG}/felder/vornamen/")
    second.goto(f"/verwaltung/dienste/{SLUG}/felder/vornamen/")
    second.fill("#id_help_de", "Alle Vornamen, wie im Ausweis.")
    second.get_by_role("button", name="Speichern").click()
    saved(second)
    first.fill("#id_help_de", "Bitte alle Vornamen angeben.")
    first.get_by_role("button", name="Speichern").click()
    expect(first.get_by_text("Ihre Änderung ist noch nicht gespeichert")).to_be_visible()


def import_fim(page: Page) -> None:
    page.goto("/verwaltung/dienste/neu/")
    files = sorted(str(path) for path in FIM_DIR.glob("*.xml"))
    page.set_input_files("#id_fim-schema_files", files)
    page.get_by_role("button", name="FIM-Schema übernehmen").click()
    expect(page.get_by_text("Der Dienst ist als Entwurf angelegt.")).to_be_visible()


def take_screenshots(base_url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu"],
            headless=True,
        )

        def context():
            made = browser.new_context(
                base_url=base_url, viewport=VIEWPORT, locale="de-DE", device_scale_factor=1
            )
            made.set_default_timeout(15_000)

            def only_ours(route: Route) -> None:
                if route.request.url.startswith(base_url) or route.request.url.startswith(
                    ("data:", "blob:", "about:")
                ):
                    route.continue_()
                else:
                    route.abort()

            made.route("**/*", only_ours)
            return made

        page = context().new_page()
        log_in(page, PUBLISHER)
        build_service(page)

        page.goto(f"/verwaltung/dienste/{SLUG}/")
        shot(page, "editor-problems")
        page.goto(f"/verwaltung/dienste/{SLUG}/felder/datum_der_scheidung/")
        page.wait_for_load_state("networkidle")
        scroll_to(page, "label[for=id_visible_if]")
        shot(page, "field-rule-preview")
        page.goto(f"/verwaltung/dienste/{SLUG}/sprache/")
        shot(page, "plain-language")
        shot_of(page, "ol.designer-language > li:has-text('Kurzbeschreibung')", "plain-hints")

        fix_and_publish(page)
        change_after_publishing(page)
        second = context().new_page()
        log_in(second, SECOND)
        conflict(page, second)
        page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
        shot(page, "conflict")

        page.goto(f"/verwaltung/dienste/{SLUG}/versionen/")
        shot(page, "versions")
        published = page.locator("tr", has_text="Veröffentlicht").first
        number = published.locator("th").inner_text().strip()
        page.select_option("#von", number)
        page.get_by_role("button", name="Unterschiede zeigen").click()
        shot(page, "diff", full_page=True)

        page.goto("/verwaltung/dienste/neu/")
        shot_of(page, "section[aria-labelledby=start-fim]", "fim-start")
        if FIM_DIR.is_dir():
            import_fim(page)
            page.locator("details.designer-report summary").click()
            scroll_to(page, "details.designer-report")
            shot(page, "fim-editor")
        else:
            print(f"  {FIM_DIR} is missing: no screenshot of a FIM import", flush=True)

        page.goto("/verwaltung/dienste/")
        shot(page, "start", full_page=True)
        browser.close()


def main() -> None:
    if not Path(CHROMIUM).is_file():
        sys.exit(f"{CHROMIUM} is missing: run 'make browser'.")
    IMAGES.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix="rathaus-screenshots-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rathaus.conf.dev",
        "DATABASE_URL": f"sqlite:///{temp / 'db.sqlite3'}",
        "MEDIA_ROOT": str(temp / "media"),
        "SECRET_KEY": "screenshots-only-" + pyotp.random_base32(),
        "RATHAUS_SITE_URL": base_url,
        "EMAIL_URL": "locmem://",
        "PYTHONUNBUFFERED": "1",
    }
    server: subprocess.Popen[bytes] | None = None
    log = (temp / "server.log").open("wb")
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_territory")
        manage(env, "load_catalog")
        manage(env, "load_demo")
        manage(env, "shell", "-c", SETUP_USERS)
        server = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(f"{base_url}/", server)
        print(f"Server on {base_url}; taking screenshots", flush=True)
        take_screenshots(base_url)
    except BaseException:
        log.flush()
        print((temp / "server.log").read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()

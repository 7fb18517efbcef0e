"""Both real FIM samples (XDatenfelder 2.0) in a real browser, axe-checked: each is
imported without problems, published and offered in Darmstadt; a citizen applies for it,
filling every visible input of every step with a value its field type accepts, and sends
the application.

The values come from the definition document, not from the page: each field's type and
limits (lengths, patterns, ranges, dates, options) give one valid answer, which is typed
into the inputs named as the engine names them (``#f-<field id>``, ``__day``, ``__0__``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import find
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from playwright.sync_api import FilePayload, Page, expect

from rathaus.accounts.models import Role
from rathaus.definitions import fim
from rathaus.definitions.engine import item_name
from rathaus.definitions.fieldtypes import parse_date
from rathaus.definitions.problems import problems_of
from rathaus.definitions.schema import BaseField, ServiceDefinition
from rathaus.designer import services
from rathaus.submissions.models import Submission
from tests.e2e.test_case_work import log_in
from tests.e2e.test_service_designer import staff
from tests.fim_samples import FIM_DIR

pytestmark = pytest.mark.e2e
SAMPLES = ["S00000094V1.0_xdf2", "S00000186v1.0_xdf2"]
NO_SAMPLE = f"the FIM samples are not available at {FIM_DIR}"

PDF: FilePayload = {
    "name": "Nachweis.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n%%EOF\n",
}
PNG: FilePayload = {"name": "Nachweis.png", "mimeType": "image/png",
       "buffer": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
                 b"\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x00IEND\xaeB`\x82"}  # fmt: skip
ADDRESS = {"street": "Rheinstraße", "house_number": "12", "postal_code": "64283",
           "city": "Darmstadt", "municipality": "Darmstadt"}  # fmt: skip
SIMPLE = {"email": "erika@example.org", "phone": "06151 123456",
          "iban": "DE89 3704 0044 0532 0130 00"}  # fmt: skip
TEXT = "Beispielangabe"
STEP_FORM = "form:has(button[name='_action'][value='save'])"

# The visible inputs of the step form that are still empty (a radio group or checkbox
# group counts as one input, filled when one of its boxes is ticked).
UNFILLED = """form => {
  const empty = [], ticked = {};
  for (const el of form.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden" || el.name.endsWith("__remove") || !el.checkVisibility()) continue;
    if (el.type === "radio" || el.type === "checkbox") {
      ticked[el.name] = Boolean(ticked[el.name] || el.checked);
    } else if (el.type === "file" ? el.files.length === 0 : el.value.trim() === "") {
      empty.push(el.name);
    }
  }
  return empty.concat(Object.keys(ticked).filter(name => !ticked[name]));
}"""


# --- valid values from the definition ------------------------------------------------


def text_value(field: Any) -> str:
    """A text within the field's lengths that matches its pattern (if it has one)."""
    low, high = max(getattr(field, "min_length", 0), 1), getattr(field, "max_length", 200)
    pattern = getattr(field, "pattern", None)
    if pattern:
        # the simplest string the pattern matches, found the same way on every run
        return find(
            st.from_regex(pattern, fullmatch=True),
            lambda s: low <= len(s) <= high and s == s.strip() and s.isprintable(),
            settings=hypothesis_settings(database=None, derandomize=True),
        )
    return (TEXT * (low // len(TEXT) + 1))[: max(low, min(high, len(TEXT)))]


def number_value(field: Any) -> str:
    number = Decimal(1)
    if field.min is not None and number < field.min:
        number = field.min
    if field.max is not None and number > field.max:
        number = field.max
    if field.type == "money":
        return f"{number:.2f}".replace(".", ",")
    return str(int(number)) if getattr(field, "integer", True) else format(number, "f")


def date_value(field: Any) -> date:
    """Today, moved inside the field's bounds (today is neither future nor past)."""
    day = date.today()
    low = day if field.min == "today" else parse_date(field.min)
    high = day if field.max == "today" else parse_date(field.max)
    if low and day < low:
        day = low
    if high and day > high:
        day = high
    return day


def checkbox_count(field: Any) -> int:
    wanted = max(field.min_selected, 1)
    return min(wanted, field.max_selected or wanted, len(field.options))


# --- filling the step pages ----------------------------------------------------------


def key_input(field: BaseField, name: str) -> str:
    """The name of the input that shows whether the field is on the page."""
    kind = field.type  # type: ignore[attr-defined]
    return {"date": f"{name}__day", "address": f"{name}__street", "group": f"{name}__count"}.get(
        kind, name
    )


def first_input(field: BaseField, name: str) -> str:
    kind = field.type  # type: ignore[attr-defined]
    if kind in ("radio", "yesno", "checkboxes"):
        return f"#f-{name}-0"
    if kind == "group":
        return f"#f-{name}"
    return f"#f-{key_input(field, name)}"


def fill_text(page: Page, field: Any, target: str) -> None:
    page.fill(target, text_value(field))


def fill_number(page: Page, field: Any, target: str) -> None:
    page.fill(target, number_value(field))


def fill_simple(page: Page, field: Any, target: str) -> None:
    page.fill(target, SIMPLE[field.type])


def fill_date(page: Page, field: Any, target: str) -> None:
    day = date_value(field)
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        page.fill(f"{target}__{part}", str(value))


def fill_address(page: Page, field: Any, target: str) -> None:
    for part, value in ADDRESS.items():
        page.fill(f"{target}__{part}", value)


def fill_select(page: Page, field: Any, target: str) -> None:
    page.select_option(target, value=field.options[0].value)


def fill_radios(page: Page, field: Any, target: str) -> None:
    page.check(f"{target}-0")  # the first option; for yes/no: "Ja"


def fill_checkboxes(page: Page, field: Any, target: str) -> None:
    for index in range(checkbox_count(field)):
        page.check(f"{target}-{index}")


def fill_file(page: Page, field: Any, target: str) -> None:
    page.set_input_files(target, files=[PDF if "application/pdf" in field.accept else PNG])


def fill_group(page: Page, field: Any, target: str) -> None:
    """Every member of every item the page shows (one item unless more were added)."""
    name = target.removeprefix("#f-")
    items = int(page.input_value(f"input[name='{name}__count']"))
    for index in range(items):
        for member in field.fields:
            fill_if_shown(page, member, item_name(field.id, index, member.id))


FILLERS = {
    "text": fill_text, "textarea": fill_text, "number": fill_number, "money": fill_number,
    "email": fill_simple, "phone": fill_simple, "iban": fill_simple, "date": fill_date,
    "address": fill_address, "select": fill_select, "radio": fill_radios,
    "yesno": fill_radios, "checkboxes": fill_checkboxes, "file": fill_file,
    "group": fill_group,
}  # fmt: skip


def fill_field(page: Page, field: BaseField, name: str) -> None:
    """Type one valid answer into the inputs of ``field`` (input name ``name``)."""
    kind = field.type  # type: ignore[attr-defined]
    if kind not in FILLERS:
        pytest.fail(f"no value for field {name!r} of type {kind!r}", pytrace=False)
    FILLERS[kind](page, field, f"#f-{name}")


def fill_if_shown(page: Page, field: BaseField, name: str) -> bool:
    if field.type == "info":  # type: ignore[attr-defined]
        return False
    if page.locator(first_input(field, name)).count() == 0:
        return False
    if not page.locator(first_input(field, name)).is_visible():
        return False  # hidden by its condition (rules.js)
    fill_field(page, field, name)
    return True


def fill_step(page: Page, definition: ServiceDefinition) -> list[str]:
    """Fill every field of the definition that is on this step page; the ids filled."""
    form = page.locator(STEP_FORM)
    on_page = set(form.evaluate("f => Array.from(f.elements, e => e.name)"))
    filled = []
    for step in definition.steps:
        for field in step.fields:
            if key_input(field, field.id) in on_page and fill_if_shown(page, field, field.id):
                filled.append(field.id)
    unfilled = form.evaluate(UNFILLED)
    assert not unfilled, f"inputs left empty on {page.url}: {unfilled}"
    return filled


def error_summary(page: Page) -> str:
    summary = page.locator(".error-summary")
    return summary.inner_text() if summary.count() else ""


# --- the journey ---------------------------------------------------------------------


def import_and_offer(sample: Path, authority) -> tuple[str, ServiceDefinition]:
    """Import, check, publish and offer a FIM sample as a designer with publisher rights."""
    designer = staff("gestaltung@example.org", authority, Role.DESIGNER, Role.PUBLISHER)
    version = services.start_from_fim(designer, fim.read_files(sample))
    problems = [f"{p.path}: {p.message}" for p in problems_of(version.document)]
    assert version.problem_count == 0, "\n".join(problems)
    published = services.publish_version(designer, version)
    offer = services.offer(designer, published.definition, authority)
    return offer.service.slug, ServiceDefinition.model_validate(published.document)


def apply_in_browser(page: Page, slug: str, definition: ServiceDefinition, assert_accessible):
    """Walk every step as the citizen and send the application; the field ids filled."""
    log_in(page, "erika@example.org")
    page.goto(f"/leistungen/{slug}/")
    page.fill("#id_gemeinde", "Darmstadt")
    page.get_by_role("button", name="Zuständigkeit anzeigen").click()
    page.get_by_role("button", name="Online beantragen").click()
    expect(page).to_have_url(re.compile(r"/antrag/[^/]+/schritt/1/$"))
    assert_accessible(page)
    filled: list[str] = []
    for _attempt in range(len(definition.steps) + 1):
        if "/schritt/" not in page.url:
            break
        filled += fill_step(page, definition)
        step_url = page.url
        with page.expect_navigation():
            page.get_by_role("button", name="Weiter").last.click()
        if errors := error_summary(page):
            pytest.fail(f"{step_url} refused the answers:\n{errors}", pytrace=False)
    expect(page).to_have_url(re.compile(r"/antrag/[^/]+/pruefen/$"))
    expect(page.get_by_role("heading", name="Prüfen Sie Ihre Angaben")).to_be_visible()
    assert_accessible(page)
    if page.locator("#declaration").count():
        page.check("#declaration")
    page.get_by_role("button", name="Antrag absenden").click()
    if errors := error_summary(page):
        pytest.fail(f"the check page refused to send:\n{errors}", pytrace=False)
    expect(page.get_by_text("Ihr Antrag ist eingegangen")).to_be_visible()
    return filled


@pytest.mark.parametrize(
    "sample",
    [
        pytest.param(
            name, marks=pytest.mark.skipif(not (FIM_DIR / name).is_dir(), reason=NO_SAMPLE)
        )
        for name in SAMPLES
    ],
)
def test_a_fim_sample_is_imported_offered_and_applied_for(
    make_context, assert_accessible, citizen, catalogue, sample
):
    slug, definition = import_and_offer(FIM_DIR / sample, catalogue)

    filled = apply_in_browser(make_context().new_page(), slug, definition, assert_accessible)

    submission = Submission.objects.get(service__slug=slug)
    assert submission.user == citizen
    assert filled, "no field was filled"
    missing = [field_id for field_id in filled if not submission.answers.get(field_id)]
    assert not missing, f"answers typed but not stored: {missing}"

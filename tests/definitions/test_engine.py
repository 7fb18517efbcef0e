"""The form engine reads a step, applies its rules and never raises on input.

Requirement: per-field validation (required, min/max, length, pattern, date ranges), rules
for visibility and required-ness, repeating groups, prefill, fees (fixed, by answer, by
quantity, local overrides), answers shown as text; hidden fields are never required and
their values are dropped.
"""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from rathaus.definitions import engine
from rathaus.definitions.documents import load_definition
from rathaus.definitions.engine import DictData, read_step

DOCUMENT = """
slug: testdienst
title: Testdienst
retention_days: 365
fees:
  - {id: grund, label: Grundgebühr, amount: "10.00"}
  - {id: express, label: Express, amount: "32.00", when: 'express == true'}
  - {id: kopie, label: Kopie, amount: "5.00", quantity: 'anzahl - 1'}
steps:
  - id: person
    title: Person
    fields:
      - {id: name, type: text, label: Name, required: true, max_length: 10, prefill: profile.family_name}
      - {id: kennung, type: text, label: Kennung, pattern: '^[A-Z]{2}\\d{3}$', pattern_message: Zwei Buchstaben und drei Ziffern}
      - {id: geburtsdatum, type: date, label: Geburtsdatum, required: true, not_future: true}
      - {id: anzahl, type: number, label: Anzahl, required: true, min: 1, max: 5}
      - {id: betrag, type: money, label: Betrag}
      - {id: express, type: yesno, label: Express}
      - {id: art, type: radio, label: Art, required: true, options: [{value: a, label: A}, {value: b, label: B}]}
      - {id: grund, type: textarea, label: Grund, visible_if: 'art == "b"', required_if: 'art == "b"'}
      - {id: farben, type: checkboxes, label: Farben, max_selected: 2, options: [{value: rot, label: Rot}, {value: gruen, label: Grün}, {value: blau, label: Blau}]}
      - {id: iban, type: iban, label: IBAN}
      - {id: mail, type: email, label: E-Mail}
  - id: kinder_schritt
    title: Kinder
    visible_if: 'art == "a"'
    fields:
      - id: kinder
        type: group
        label: Kinder
        item_label: Kind
        min_items: 1
        max_items: 3
        fields:
          - {id: vorname, type: text, label: Vorname, required: true}
          - {id: alter, type: number, label: Alter}
          - {id: schule, type: text, label: Schule, visible_if: 'alter >= 6', required_if: 'alter >= 6'}
"""  # noqa: E501

VALID = {
    "name": "Muster",
    "geburtsdatum__day": "1",
    "geburtsdatum__month": "2",
    "geburtsdatum__year": "1990",
    "anzahl": "2",
    "art": "a",
}


@pytest.fixture(scope="module")
def definition():
    return load_definition(DOCUMENT)


def step(definition, index=0):
    return definition.steps[index]


def test_valid_step_stores_normalised_values(definition):
    data = {**VALID, "betrag": "1.250,5", "express": "yes", "iban": "de89 3704 0044 0532 0130 00",
            "farben": ["blau", "rot"], "kennung": "AB123"}  # fmt: skip
    result = read_step(definition, step(definition), DictData(data), {})
    assert result.valid, result.errors
    assert result.values["geburtsdatum"] == "1990-02-01"
    assert result.values["anzahl"] == "2"
    assert result.values["betrag"] == "1250.50"
    assert result.values["express"] is True
    assert result.values["iban"] == "DE89 3704 0044 0532 0130 00"
    assert result.values["farben"] == ["rot", "blau"]  # in the definition's order


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"name": ""}, "name", "füllen Sie"),
        ({"name": "x" * 11}, "name", "höchstens 10"),
        ({"kennung": "ab12"}, "kennung", "Zwei Buchstaben"),
        ({"geburtsdatum__day": "31", "geburtsdatum__month": "2"}, "geburtsdatum", "gültiges Datum"),
        ({"geburtsdatum__year": str(date.today().year + 1)}, "geburtsdatum", "Zukunft"),
        ({"anzahl": "0"}, "anzahl", "mindestens 1"),
        ({"anzahl": "2,5"}, "anzahl", "ganze Zahl"),
        ({"anzahl": "zwei"}, "anzahl", "eine Zahl"),
        ({"betrag": "12,345"}, "betrag", "Betrag in Euro"),
        ({"iban": "DE00 1234"}, "iban", "IBAN"),
        ({"mail": "kein-at"}, "mail", "E-Mail-Adresse"),
        ({"art": "c"}, "art", "angebotenen"),
        ({"art": ""}, "art", "wählen"),
        ({"farben": ["rot", "gruen", "blau"]}, "farben", "höchstens 2"),
        ({"farben": ["lila"]}, "farben", "angebotene"),
        ({"express": "vielleicht"}, "express", "Ja"),
    ],
)
def test_invalid_input_gives_a_message_and_keeps_what_was_typed(
    definition, changes, field, fragment
):
    data = {**VALID, **changes}
    result = read_step(definition, step(definition), DictData(data), {})
    assert field in result.errors, result.errors
    assert fragment in result.errors[field]
    assert field not in result.values
    typed = changes.get(field)
    if isinstance(typed, str) and typed:
        assert result.raw[field] in (typed, "")  # choices that do not exist are not echoed


def test_date_parts_are_kept_on_error(definition):
    data = {**VALID, "geburtsdatum__day": "31", "geburtsdatum__month": "2"}
    result = read_step(definition, step(definition), DictData(data), {})
    assert result.raw["geburtsdatum__day"] == "31"
    assert result.raw["geburtsdatum__month"] == "2"


def test_conditional_field_is_required_only_when_shown(definition):
    shown = read_step(definition, step(definition), DictData({**VALID, "art": "b"}), {})
    assert "grund" in shown.errors
    hidden = read_step(definition, step(definition), DictData({**VALID, "grund": "x"}), {})
    assert hidden.valid
    assert "grund" not in hidden.values  # the value of a hidden field is dropped


def test_step_visibility_follows_earlier_answers(definition):
    assert [s.id for s in engine.visible_steps(definition, {"art": "a"})] == [
        "person",
        "kinder_schritt",
    ]
    assert [s.id for s in engine.visible_steps(definition, {"art": "b"})] == ["person"]


def test_repeating_group_items_are_checked_each_with_its_own_rules(definition):
    data = {
        "kinder__count": "3",
        "kinder__0__vorname": "Ada", "kinder__0__alter": "4",
        "kinder__1__vorname": "Ben", "kinder__1__alter": "7",
        "kinder__2__vorname": "", "kinder__2__alter": "",
    }  # fmt: skip
    result = read_step(definition, step(definition, 1), DictData(data), {"art": "a"})
    assert result.errors == {"kinder__1__schule": "Bitte füllen Sie dieses Feld aus."}
    data["kinder__1__schule"] = "Grundschule"
    result = read_step(definition, step(definition, 1), DictData(data), {"art": "a"})
    assert result.valid
    assert result.values["kinder"] == [
        {"vorname": "Ada", "alter": "4"},
        {"vorname": "Ben", "alter": "7", "schule": "Grundschule"},
    ]  # the empty third item is left out


def test_group_minimum_and_tampered_counts(definition):
    empty = read_step(definition, step(definition, 1), DictData({"kinder__count": "0"}), {})
    assert "kinder__count" in empty.errors
    for count in ("-5", "abc", "99999999999"):
        result = read_step(definition, step(definition, 1), DictData({"kinder__count": count}), {})
        assert "kinder__count" in result.errors


def test_check_all_prunes_hidden_answers_and_finds_the_open_step(definition):
    answers = {"name": "Muster", "geburtsdatum": "1990-02-01", "anzahl": "1", "art": "b",
               "grund": "Weil", "kinder": [{"vorname": "Ada"}]}  # fmt: skip
    clean, open_step = engine.check_all(definition, answers)
    assert open_step is None
    assert "kinder" not in clean  # its step is hidden once art is "b"
    clean, open_step = engine.check_all(definition, {**answers, "art": "a"})
    assert open_step is None and clean["kinder"] == [{"vorname": "Ada"}]
    _clean, open_step = engine.check_all(definition, {"name": "Muster"})
    assert open_step is not None and open_step.id == "person"


def test_fees_fixed_by_answer_by_quantity_and_overridden(definition):
    fees = engine.compute_fees(definition, {"anzahl": "3", "express": True})
    assert [(line.label, line.total) for line in fees.lines] == [
        ("Grundgebühr", Decimal("10.00")),
        ("Express", Decimal("32.00")),
        ("Kopie", Decimal("10.00")),
    ]
    assert fees.total == Decimal("52.00")
    plain = engine.compute_fees(definition, {"anzahl": "1"}, overrides={"grund": Decimal("12")})
    assert [(line.label, line.total) for line in plain.lines] == [("Grundgebühr", Decimal("12.00"))]


def test_prefill_fills_only_empty_fields(definition):
    sources = {"profile.family_name": "Mustermann"}
    assert engine.prefill_answers(definition, sources, {})["name"] == "Mustermann"
    assert engine.prefill_answers(definition, sources, {"name": "Eigen"})["name"] == "Eigen"


def test_answer_rows_show_values_as_people_read_them(definition):
    answers = {"name": "Muster", "geburtsdatum": "1990-02-01", "betrag": "1250.50",
               "express": False, "art": "b", "farben": ["rot", "blau"]}  # fmt: skip
    rows = {row.label: row.text for row in engine.answer_rows(step(definition), answers, "de")}
    assert rows["Geburtsdatum"] == "01.02.1990"
    assert rows["Betrag"] == "1.250,50 €"
    assert rows["Express"] == "Nein"
    assert rows["Art"] == "B"
    assert rows["Farben"] == "Rot, Blau"


@pytest.mark.django_db
def test_address_resolves_the_gemeinde(hessen):
    definition = load_definition(
        """
slug: adresse
title: Adresse
retention_days: 365
steps:
  - id: s
    title: S
    fields:
      - {id: anschrift, type: address, label: Anschrift, required: true}
"""
    )
    data = {"anschrift__street": "Luisenplatz", "anschrift__house_number": "5",
            "anschrift__postal_code": "64283", "anschrift__city": "Darmstadt",
            "anschrift__municipality": "Darmstadt"}  # fmt: skip
    result = read_step(definition, definition.steps[0], DictData(data), {})
    assert result.valid, result.errors
    assert result.values["anschrift"]["municipality_key"] == "06411000"
    bad = read_step(
        definition,
        definition.steps[0],
        DictData({**data, "anschrift__postal_code": "6428", "anschrift__municipality": "Atlantis"}),
        {},
    )
    assert set(bad.errors) == {"anschrift__postal_code", "anschrift__municipality"}
    missing = read_step(definition, definition.steps[0], DictData({}), {})
    assert list(missing.errors) == ["anschrift__street"]


def test_dates_relative_to_today(definition):
    tomorrow = date.today() + timedelta(days=1)
    data = {
        **VALID,
        "geburtsdatum__day": str(tomorrow.day),
        "geburtsdatum__month": str(tomorrow.month),
        "geburtsdatum__year": str(tomorrow.year),
    }
    assert "geburtsdatum" in read_step(definition, step(definition), DictData(data), {}).errors


@pytest.mark.parametrize("typed", ["10", "100", "2000", "10,0", "0,000001", "1.000.000,5"])
def test_stored_numbers_read_back_as_the_same_number(typed):
    """A round number was stored as "1E+1" and then refused when read back (the check
    page sent the applicant back to the step): stored numbers are plain digits."""
    document = {
        "schema_version": 1, "slug": "zahl", "title": "Zahl", "retention_days": 30,
        "steps": [{"id": "s", "title": "S", "fields": [
            {"id": "n", "type": "number", "label": "N", "integer": False, "required": True}]}],
    }  # fmt: skip
    definition = load_definition(json.dumps(document))
    stored = read_step(definition, definition.steps[0], DictData({"n": [typed]}), {}).values["n"]
    assert "E" not in stored
    answers, incomplete = engine.check_all(definition, {"n": stored})
    assert incomplete is None and answers["n"] == stored

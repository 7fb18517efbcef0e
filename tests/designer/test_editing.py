"""Document changes of the designer, one function each, on plain (possibly invalid) dicts.

Requirement: every change leaves the input untouched, addresses elements by id, keeps ids
unique and valid for the engine, and refuses (never crashes on) what is no longer there.
"""

import contextlib
import copy
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from rathaus.definitions.problems import problems_of
from rathaus.definitions.services import SHIPPED_DIR
from rathaus.designer import editing


def shipped(name="hund-anmelden"):
    return yaml.safe_load((SHIPPED_DIR / f"{name}.yaml").read_text())


def test_new_document_names_what_is_missing_but_is_otherwise_sound():
    document = editing.new_document("geburt", "Geburt anzeigen")
    problems = problems_of(document)
    assert [p.path for p in problems] == ["steps[0].fields"]


def test_a_field_of_every_type_starts_valid():
    document = editing.new_document("alles", "Alle Feldarten")
    for kind in (
        "text",
        "textarea",
        "number",
        "money",
        "date",
        "email",
        "phone",
        "iban",
        "select",
        "radio",
        "checkboxes",
        "yesno",
        "address",
        "file",
        "info",
        "group",
    ):
        document, field_id = editing.add_field(document, "angaben", kind, f"Feld {kind}")
        assert field_id.startswith("feld_")
    assert problems_of(document) == []


def test_ids_come_from_labels_and_stay_unique():
    document = editing.new_document("x", "X")
    document, first = editing.add_field(document, "angaben", "text", "Straße und Hausnummer")
    document, second = editing.add_field(document, "angaben", "text", "Straße und Hausnummer")
    assert (first, second) == ("strasse_und_hausnummer", "strasse_und_hausnummer_2")
    document, numeric = editing.add_field(document, "angaben", "text", "1. Wohnsitz")
    assert numeric == "feld_1_wohnsitz"


def test_changes_do_not_touch_the_input():
    document = shipped()
    before = copy.deepcopy(document)
    editing.move_step(document, "hund", -1)
    editing.delete_field(document, "vornamen")
    editing.update_field(document, "vornamen", {"label": "Vorname"})
    assert document == before


def test_move_within_bounds_and_delete():
    document = shipped()
    ids = [s["id"] for s in document["steps"]]
    moved = editing.move_step(document, ids[1], -1)
    assert [s["id"] for s in moved["steps"]][:2] == [ids[1], ids[0]]
    assert editing.move_step(moved, ids[1], -1)["steps"][0]["id"] == ids[1]  # stays first
    field_ids = [f["id"] for f in document["steps"][0]["fields"]]
    moved = editing.move_field(document, field_ids[0], 1)
    assert [f["id"] for f in moved["steps"][0]["fields"]][:2] == [field_ids[1], field_ids[0]]
    assert field_ids[0] not in editing.field_ids(editing.delete_field(document, field_ids[0]))


def test_update_sets_and_removes_attributes():
    document = shipped()
    changed = editing.update_field(document, "telefon", {"required": True, "prefill": None})
    fields, index = editing.find_field(changed, "telefon")
    assert fields[index]["required"] is True and "prefill" not in fields[index]


def test_stale_addresses_are_refused():
    document = shipped()
    for change in (
        lambda: editing.update_field(document, "gibt_es_nicht", {}),
        lambda: editing.delete_step(document, "gibt_es_nicht"),
        lambda: editing.update_fee(document, "gibt_es_nicht", {}),
        lambda: editing.delete_decision(document, 99),
    ):
        with pytest.raises(editing.EditRefused):
            change()


def test_fees_and_decision_texts():
    document = editing.new_document("x", "X")
    document, fee_id = editing.add_fee(document, "Grundgebühr")
    document = editing.update_fee(document, fee_id, {"amount": "12.50"})
    assert document["fees"] == [{"id": "grundgebuehr", "label": "Grundgebühr", "amount": "12.50"}]
    document, index = editing.add_decision(document, "bewilligt")
    document = editing.update_decision(document, index, {"text": "Bewilligt: {reference}"})
    assert document["decision_texts"][index]["text"] == "Bewilligt: {reference}"
    assert editing.delete_decision(document, index)["decision_texts"] == []


@given(st.text(max_size=80))
def test_identifiers_always_fit_the_engine(label):

    value = editing.identifier(label, {"feld"})
    assert re.fullmatch(r"[a-z][a-z0-9_]{0,62}", value)
    assert value != "feld"


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(["steps", "fields", "id", "fees"]), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_changes_on_broken_documents_refuse_or_succeed(data):
    document = data if isinstance(data, dict) else {"steps": data}
    for change in (
        lambda: editing.add_step(document, "Neu"),
        lambda: editing.delete_field(document, "id"),
        lambda: editing.move_step(document, "x", 1),
        lambda: editing.add_fee(document, "Gebühr"),
    ):
        with contextlib.suppress(editing.EditRefused):
            change()


def test_option_values_from_labels_keep_umlauts_readable():
    from rathaus.designer.forms.elements import _options_value

    assert _options_value("Ärztin\nÖffentlicher Dienst\nledig | ledig | single") == [
        {"value": "Aerztin", "label": "Ärztin"},
        {"value": "Oeffentlicher_Dienst", "label": "Öffentlicher Dienst"},
        {"value": "ledig", "label": {"de": "ledig", "en": "single"}},
    ]

"""Mapping rules on small crafted schemas: lengths, repeats, limits, code list look-up,
what cannot be read, and the merging of more steps than the engine allows."""

from __future__ import annotations

import json

from rathaus.definitions.documents import validate_document
from rathaus.definitions.fim import import_schema
from tests.definitions.fim import xdfbuilder as xb
from tests.definitions.fim.helpers import fields_with_fim_id, lines, one_field

URN = "urn:de:test:farben"
COLOURS = [
    ("r", "Rot"), ("g", "Grün"), ("b", "Blau"), ("w", "Weiß"), ("s", "Schwarz"), ("y", "Gelb")
]  # fmt: skip


def imported(children, extra=None, **options):
    files = {"schema.xml": xb.schema(children, **options), **(extra or {})}
    result = import_schema(files)
    validate_document(result.document)
    return result


def text(fim_id, name="Angabe", **constraints):
    return xb.Field(fim_id, name, constraints={k: str(v) for k, v in constraints.items()})


def test_text_lengths():
    document = imported(
        [
            ("1:1", text("F10000001", maxLength=1000)),
            ("1:1", text("F10000002", maxLength=1001, minLength=3)),
            ("1:1", text("F10000003", maxLength=30000)),
            ("1:1", text("F10000004")),
        ]
    ).document
    assert one_field(document, "F10000001")["type"] == "text"
    long = one_field(document, "F10000002")
    assert (long["type"], long["max_length"], long["min_length"]) == ("textarea", 1001, 3)
    assert one_field(document, "F10000003")["max_length"] == 20000
    assert one_field(document, "F10000004")["max_length"] == 200


def test_unreadable_constraints_and_contradicting_bounds_are_noted():
    broken = xb.schema([("1:1", text("F10000001", maxLength=10))]).replace(
        b'{"maxLength": "10"}', b"{kaputt"
    )
    result = import_schema({"schema.xml": broken})
    assert one_field(result.document, "F10000001")["max_length"] == 200
    assert "nicht lesbar" in lines(result, "note", "F10000001")[0].message
    bounds = {"minValue": "9", "maxValue": "1"}
    numbers = xb.Field("F10000002", "Zahl", datentyp="num", constraints=bounds)
    result = imported([("1:1", numbers)])
    assert "min" not in one_field(result.document, "F10000002")
    assert "widersprechen sich" in lines(result, "note", "F10000002")[0].message


def test_choices_by_count_and_multiplicity():
    values = COLOURS
    document = imported(
        [
            ("1:1", xb.Field("F10000001", "Farbe", feldart="select", values=values)),
            ("1:1", xb.Field("F10000002", "Ampel", feldart="select", values=values[:3])),
            ("2:4", xb.Field("F10000003", "Farben", feldart="select", values=values)),
        ],
        version=3,
    ).document
    assert one_field(document, "F10000001")["type"] == "select"
    assert one_field(document, "F10000002")["type"] == "radio"
    several = one_field(document, "F10000003")
    assert (several["type"], several["min_selected"], several["max_selected"]) == (
        "checkboxes", 2, 4
    )  # fmt: skip


def test_a_select_without_values_becomes_text_with_a_decision():
    result = imported([("1:1", xb.Field("F10000001", "Auswahl", feldart="select"))])
    assert one_field(result.document, "F10000001")["type"] == "text"
    assert "keine Werte" in lines(result, "decision", "F10000001")[0].message


def test_code_list_version_mismatch_is_a_decision():
    choice = xb.Field("F10000001", "Farbe", feldart="select", code_list=(URN, "2024-01-01"))
    older = xb.code_list(URN, "2023-05-05", COLOURS)
    result = imported([("1:1", choice)], extra={"farben.xml": older})
    field = one_field(result.document, "F10000001")
    assert len(field["options"]) == 6 and field["code_list"]["version"] == "2023-05-05"
    assert "Version 2023-05-05" in lines(result, "decision", "F10000001")[0].message


def test_a_2_0_code_list_is_found_by_its_c_number():
    choice = xb.Field("F10000001", "Farbe", feldart="select", code_list=("urn:falsch", "1"))
    schema = xb.schema([("1:1", choice)]).replace(
        b"<x:codelisteReferenz>",
        b"<x:codelisteReferenz><x:identifikation><x:id>C10000001</x:id></x:identifikation>",
    )
    files = {"s.xml": schema, "C10000001_genericode.xml": xb.code_list(URN, "1", COLOURS)}
    field = one_field(import_schema(files).document, "F10000001")
    assert field["code_list"]["urn"] == URN and len(field["options"]) == 6


def test_repeating_groups_inside_a_step():
    members = [("1:1", text("F10000002")), ("0:1", text("F10000003"))]
    simple = xb.Group("G10000002", "Kind", members)
    upload = xb.Field("F10000005", "Nachweis", datentyp="file")
    with_file = xb.Group("G10000004", "Beleg", [("1:1", upload)])
    unbounded = xb.Group("G10000006", "Eintrag", [("1:1", text("F10000007"))])
    step = xb.Group(
        "G10000001",
        "Familie",
        [("2:4", simple), ("1:*", with_file), ("0:*", unbounded)],
    )
    result = imported([("1:1", step)])
    (children,) = fields_with_fim_id(result.document, "G10000002")
    assert (children["type"], children["min_items"], children["max_items"]) == ("group", 2, 4)
    assert children["required"] is True and children["item_label"] == "Kind"
    (receipts,) = fields_with_fim_id(result.document, "G10000004")
    assert receipts["type"] == "info", "a file cannot repeat inside a group"
    assert "(1:*)" in lines(result, "decision", "G10000004")[0].message
    assert one_field(result.document, "F10000005")["required"] is True
    (entries,) = fields_with_fim_id(result.document, "G10000006")
    assert entries["max_items"] == 50 and "min_items" not in entries
    assert "auf 50 Einträge begrenzt" in lines(result, "note", "G10000006")[0].message


def test_an_invalid_multiplicity_is_read_as_optional():
    result = imported([("viele", text("F10000001")), ("1:1", text("F10000002"))])
    assert "required" not in one_field(result.document, "F10000001")
    assert "ungültig" in lines(result, "decision", "F10000001")[0].message


def test_a_long_description_is_shortened_and_kept_as_a_note():
    description = "Sehr ausführlich. " * 40
    document = imported([("1:1", text("F10000001"))], description=description).document
    assert len(document["summary"]) <= 300 and document["summary"].endswith("…")
    assert document["notes"][0].startswith("Beschreibung laut FIM: Sehr ausführlich.")


def test_more_steps_than_allowed_are_merged_into_the_last():
    rule = xb.Rule("R10000099", "Wenn F10000035 leer ist, ...")
    groups = [
        (
            "1:1",
            xb.Group(
                f"G100000{n:02}",
                f"Gruppe {n}",
                [("1:1", text(f"F100000{n:02}"))],
                rules=[rule] if n == 35 else [],
            ),
        )
        for n in range(1, 36)
    ]
    result = imported(groups)
    steps = result.document["steps"]
    assert len(steps) == 30
    last = steps[-1]
    assert [f["label"] for f in last["fields"] if f["type"] == "info"] == [
        f"Gruppe {n}" for n in range(31, 36)
    ]
    assert "35 Schritte" in lines(result, "decision", "")[0].message
    heading = fields_with_fim_id(result.document, "G10000035")[0]
    assert heading["notes"][0].startswith("FIM-Regel R10000099")
    # step 30's own field, then heading and field of groups 31 to 34, then group 35
    assert lines(result, "decision", "R10000099")[0].path == "steps[29].fields[9]"


def test_many_rules_keep_at_most_50_notes():
    rules = [xb.Rule(f"R100001{n:02}", f"Regel Nummer {n}") for n in range(60)]
    field = xb.Field("F10000001", "Angabe", rules=rules)
    result = imported([("1:1", field)])
    assert len(one_field(result.document, "F10000001")["notes"]) == 50
    assert len(result.document["notes"]) == 50
    assert len(lines(result, "note", "R10000159")) == 1
    assert len(lines(result, "decision")) == 61  # 60 rules and the retention period


def test_the_document_is_json():
    bound = {"minValue": "0.5"}
    amount = xb.Field("F10000001", "Betrag", datentyp="num_currency", constraints=bound)
    result = imported([("1:1", amount)])
    assert json.loads(json.dumps(result.document)) == result.document
    assert one_field(result.document, "F10000001")["min"] == "0.5"

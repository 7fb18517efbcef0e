"""The invented XDatenfelder 3.0.0 samples: nested and repeating groups, code lists by
genericode and inline values, bool, dates and numbers with ranges, rules in free text."""

from __future__ import annotations

from rathaus.definitions.documents import validate_document
from rathaus.definitions.fim import import_schema, read_files
from tests.definitions.fim.conftest import FISCHEREI, PARKEN
from tests.definitions.fim.helpers import fields_with_fim_id, lines, one_field, step_of


def test_fischereischein_is_a_valid_definition():
    result = import_schema(read_files(FISCHEREI))
    definition = validate_document(result.document)
    assert result.standard == "XDatenfelder 3.0.0"
    assert (result.schema_id, result.schema_version) == ("S99000000001", "1.0.0")
    assert definition.title == "Anmeldung eines Fischereischeins"  # 'bezeichnung' in 3.0
    assert definition.summary == (
        "Antrag auf Erteilung eines Fischereischeins bei der unteren Fischereibehörde."
    )
    assert [s.title for s in definition.steps] == [
        "Angaben zu Ihrer Person",
        "Angaben zum Fischereischein",
        "Bisherige Fischereischeine",
        "Erklärungen",
    ]
    assert definition.steps[0].intro == (
        "Mit diesem Antrag beantragen Sie einen Fischereischein.\n\n"
        "Bitte geben Sie Ihre Daten so an, wie sie im Ausweis stehen."
    )


def test_fischereischein_nested_group_is_a_heading_before_its_fields():
    document = import_schema(read_files(FISCHEREI)).document
    person = document["steps"][0]["fields"]
    heading = person[3]
    assert heading == {
        "id": "anschrift_wohnsitz",
        "type": "info",
        "label": "Ihre Anschrift",
        "text": "Ihre Anschrift",
        "fim": {"id": "G99000000102", "version": "1.0.0", "name": "Anschrift Wohnsitz"},
    }
    assert [f["label"] for f in person[4:7]] == ["Straße", "Postleitzahl", "Ort"]
    postal = person[5]
    assert postal["pattern"] == "[0-9]{5}" and postal["required"] is True
    assert one_field(document, "F99000000207")["type"] == "email"


def test_fischereischein_types_and_ranges():
    document = import_schema(read_files(FISCHEREI)).document
    birth = one_field(document, "F99000000203")
    assert (birth["type"], birth["min"], birth["max"]) == ("date", "1900-01-01", "2020-12-31")
    years = one_field(document, "F99000000211")
    assert (years["type"], years["integer"], years["min"], years["max"]) == ("number", True, 1, 5)
    passed = one_field(document, "F99000000213")
    assert passed["type"] == "yesno" and passed["required"] is True
    assert "required" not in one_field(document, "F99000000214")
    hint = one_field(document, "F99000000215")
    assert hint["type"] == "info" and hint["text"].startswith("Ohne bestandene Fischerprüfung")
    certificate = one_field(document, "F99000000216")
    assert certificate["type"] == "file" and certificate["accept"] == ["application/pdf"]
    assert one_field(document, "F99000000231")["type"] == "textarea"


def test_fischereischein_code_lists():
    result = import_schema(read_files(FISCHEREI))
    kind = one_field(result.document, "F99000000210")
    assert kind["type"] == "radio"
    assert [o["value"] for o in kind["options"]] == ["01", "02", "03"]
    assert kind["code_list"]["urn"] == "urn:de:beispiel:fim:codeliste:fischereischeinart"
    authority = one_field(result.document, "F99000000212")
    assert authority["type"] == "select" and len(authority["options"]) == 7
    # codeKey/nameKey of the field choose the columns; 'KS 1' is no valid option value.
    assert authority["options"][0] == {"value": "KS_1", "label": "Stadt Kassel"}
    assert lines(result, "note", "F99000000212")


def test_fischereischein_repeating_group():
    document = import_schema(read_files(FISCHEREI)).document
    (group,) = fields_with_fim_id(document, "G99000000104")
    assert group["type"] == "group"
    assert (group["max_items"], group.get("min_items", 0)) == (3, 0)
    assert group["item_label"] == "Bisheriger Fischereischein"
    labels = [m["label"] for m in group["fields"]]
    assert labels == ["Nummer des Fischereischeins", "Ausgestellt am"]
    assert group["fields"][0]["required"] is True, "required within an item"
    assert "intro" not in step_of(document, group["id"]), "the help sits on the group"


def test_fischereischein_free_text_rules_are_notes():
    result = import_schema(read_files(FISCHEREI))
    step = result.document["steps"][1]
    (note,) = step["notes"]
    assert note.startswith("FIM-Regel R99000000002 „Prüfungsdatum Pflicht“: WENN F99000000213")
    assert "F99000000214 = datum_der_fischerpruefung" in note
    assert len(result.document["notes"]) == 3  # legal basis and both rules
    assert lines(result, "decision", "R99000000001")[0].path == ""


def test_bewohnerparken_is_a_valid_definition():
    result = import_schema(read_files(PARKEN))
    definition = validate_document(result.document)
    assert definition.summary == (
        "Antrag auf einen Parkausweis für Bewohnerinnen und Bewohner einer Parkzone."
    )
    assert [s.title for s in definition.steps] == [
        "Allgemeine Angaben (Teil 1)",
        "Ihre Fahrzeuge",
        "Allgemeine Angaben (Teil 2)",
        "Erreichbarkeit",
    ]


def test_bewohnerparken_mappings():
    result = import_schema(read_files(PARKEN))
    document = result.document
    zones = one_field(document, "F99000000302")
    assert (zones["type"], zones["max_selected"], len(zones["options"])) == ("checkboxes", 4, 4)
    assert "code_list" not in zones
    rent = one_field(document, "F99000000304")
    assert (rent["type"], rent["min"], rent["max"]) == ("money", 0, 500)
    plate = one_field(document, "F99000000303")
    assert plate["pattern"].startswith("[A-ZÄÖÜ]{1,3}-")
    pickup = one_field(document, "F99000000307")
    assert pickup["type"] == "text" and pickup["max_length"] == 5
    assert one_field(document, "F99000000308")["type"] == "date"
    assert lines(result, "decision", "F99000000308"), "only the date of a datetime"
    assert one_field(document, "F99000000310")["text"] == "Der Ausweis kostet 30 Euro im Jahr."
    for dropped in ("F99000000306", "F99000000309"):  # obj and hidden
        assert fields_with_fim_id(document, dropped) == []
        assert lines(result, "decision", dropped)
    assert lines(result, "note", "F99000000311"), "inactive in FIM"
    assert lines(result, "decision", "G99000000202"), "repeats but holds a group"
    assert lines(result, "decision", "G99000000204"), "optional group, required phone"
    (note,) = one_field(document, "F99000000301")["notes"]
    assert "Skript: if (F99000000301 == false)" in note

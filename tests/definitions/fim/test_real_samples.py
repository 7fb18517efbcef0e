"""The two real XDatenfelder 2.0 exports import without hand edits into valid documents.

The concrete expectations were checked against the XML: labels from bezeichnungEingabe,
lengths from praezisierung, the code lists' row counts, the multiplicities (a 2:5 address
line, the 1:* persons in the asbestos notice), reused fields that become two fields.
"""

from __future__ import annotations

import re
import time

import pytest

from rathaus.definitions.documents import validate_document
from rathaus.definitions.fim import import_schema
from tests.definitions.fim.conftest import ASBEST, MUTTERSCHUTZ, needs_real_data
from tests.definitions.fim.helpers import (
    all_fields,
    fields_with_fim_id,
    lines,
    one_field,
    step_of,
)

pytestmark = needs_real_data


def test_mutterschutz_is_a_valid_definition(mutterschutz):
    result = import_schema(mutterschutz)
    definition = validate_document(result.document)
    assert (result.schema_id, result.schema_version) == ("S00000094", "1.0")
    assert result.standard == "XDatenfelder 2.0"
    assert definition.slug == "fim-s00000094"
    assert definition.title == (
        "Benachrichtigung über die Beschäftigung einer schwangeren oder stillenden Frau "
        "nach § 27 (1) Mutterschutzgesetz (MuSchG)"
    )
    assert definition.login == "account" and definition.workflow == "default"
    assert definition.retention_days == 730
    assert definition.fim is not None and definition.fim.id == "S00000094"
    assert lines(result, "decision", "S00000094"), "the retention period is for the designer"


def test_mutterschutz_steps_fields_and_code_lists(mutterschutz):
    document = import_schema(mutterschutz).document
    first = document["steps"][0]
    assert first["title"] == "Informationen zum Arbeitgeber / zur Arbeitgeberin"
    assert first["fim"] == {
        "id": "G00000253",
        "version": "1.0",
        "name": "Arbeitgeber - juristische Person (Anzeige schwangere oder stillende Frau)",
    }
    name = first["fields"][0]
    assert name["label"] == "Eingetragener Name"
    assert (name["type"], name["max_length"], name["min_length"]) == ("text", 1000, 1)
    assert name["required"] is True
    assert name["fim"]["id"] == "F60000319" and name["fim"]["version"] == "1.2"
    assert name["help"].startswith("Geben Sie den im Handelsregister")

    employment = one_field(document, "F00000463")
    assert employment["type"] == "select" and employment["required"] is True
    assert [o["value"] for o in employment["options"]] == [
        "001", "002", "003", "004", "005", "006", "007", "008", "999"
    ]  # fmt: skip
    assert employment["options"][0]["label"] == "Arbeitnehmerin"
    assert employment["code_list"] == {
        "urn": "urn:de:fim:codeliste:artbeschäftigungsverhältnis",
        "version": "2018-05-09",
        "name": "Art Beschäftigungsverhältnis",
    }
    status = one_field(document, "F00000462")
    assert status["type"] == "radio" and len(status["options"]) == 2
    state = one_field(document, "F60000261")
    assert state["type"] == "select" and len(state["options"]) == 197
    assert state["options"][0] == {"value": "000", "label": "Deutschland"}


def test_mutterschutz_top_level_fields_get_a_step_of_their_own(mutterschutz):
    document = import_schema(mutterschutz).document
    step = step_of(document, one_field(document, "F00000463")["id"])
    assert step["title"] == "Allgemeine Angaben"
    assert [f["fim"]["id"] for f in step["fields"]] == ["F00000463", "F00000601"]
    assert [s["title"] for s in document["steps"]].index("Allgemeine Angaben") == 2


def test_mutterschutz_required_only_when_every_group_around_is_required(mutterschutz):
    document = import_schema(mutterschutz).document
    year = one_field(document, "F60000233")
    assert (year["type"], year["min"], year["max"], year.get("required")) == (
        "number", 1850, 2080, True
    )  # fmt: skip
    assert "required" not in one_field(document, "F60000231"), "Tag is 0:1"
    # Straße is 1:1 inside the optional (0:1) Straßenanschrift: not required, but noted.
    streets = fields_with_fim_id(document, "F60000243")
    assert len(streets) == 2 and not any(s.get("required") for s in streets)
    assert all("Pflichtangabe" in s["notes"][0] for s in streets)


def test_mutterschutz_optional_group_with_required_fields_needs_a_decision(mutterschutz):
    result = import_schema(mutterschutz)
    # Straßenanschrift (0:1) holds required fields: one decision where it is the outermost
    # optional group (under the employer), ...
    (street,) = lines(result, "decision", "G60000086")
    assert street.path == "steps[0].fields[2]" and "optional (0:1)" in street.message
    assert result.document["steps"][0]["fields"][2]["label"] == "Straßenanschrift"
    # ... and under the woman's address the optional Anschrift in Deutschland around it.
    (domestic,) = lines(result, "decision", "G60000088")
    assert domestic.path == "steps[1].fields[8]"
    assert result.document["steps"][1]["fields"][8]["label"] == "Anschrift in Deutschland"


def test_mutterschutz_reused_fields_become_distinct_fields(mutterschutz):
    document = import_schema(mutterschutz).document
    family_names = fields_with_fim_id(document, "F60000227")
    assert [f["id"] for f in family_names] == ["familienname", "familienname_2"]
    ids = [f["id"] for f in all_fields(document)]
    assert len(ids) == len(set(ids))


def test_mutterschutz_repeated_address_line_becomes_a_repeating_group(mutterschutz):
    document = import_schema(mutterschutz).document
    (wrapper,) = [f for f in all_fields(document) if f["type"] == "group"]
    assert wrapper["label"] == "Anschriftzeile" and wrapper["max_items"] == 5
    assert "min_items" not in wrapper, "2:5 inside the optional Auslandsanschrift"
    assert wrapper["notes"] == [
        "In FIM mindestens 2 Einträge, sobald die Gruppe darüber ausgefüllt wird."
    ]
    (member,) = wrapper["fields"]
    assert member["fim"]["id"] == "F60000262" and member["required"] is True


def test_mutterschutz_rules_become_notes_and_decisions(mutterschutz):
    result = import_schema(mutterschutz)
    document = result.document
    rule = "FIM-Regel R00000849 „Beschäftigungsverhältnis Frau Sonstiges“"
    (note,) = [n for n in document["notes"] if n.startswith(rule)]
    assert "F00000463 = beschaeftigungsverhaeltnis_frau" in note
    assert "F00000601 = beschaeftigungsverhaeltnis_frau_sonstiges" in note
    (decision,) = lines(result, "decision", "R00000849")
    assert decision.path == ""
    # A group's rule sits on the group's element too: R00000042 on the step G00000255.
    step = document["steps"][1]
    assert step["fim"]["id"] == "G00000255"
    assert any(n.startswith("FIM-Regel R00000042") for n in step["notes"])
    assert lines(result, "decision", "R00000042")[0].path == "steps[1]"
    assert "visible_if" not in str(document) and "required_if" not in str(document)


def test_asbest_is_a_valid_definition(asbest):
    result = import_schema(asbest)
    definition = validate_document(result.document)
    assert definition.slug == "fim-s00000186"
    assert definition.title == "Anzeige von Tätigkeiten mit Asbest (nach Anlagen 1.1-1.5 TRGS 519)"
    assert definition.summary is not None and definition.summary.startswith("Diese Anzeige fasst")
    assert len(definition.steps) == 13  # 10 top-level groups, 3 runs of top-level fields
    assert definition.steps[0].intro is not None
    assert definition.steps[0].intro.startswith("Mit diesem Formular können Sie")


def test_asbest_repeated_groups_with_subgroups_are_flattened_with_a_decision(asbest):
    result = import_schema(asbest)
    for fim_id in ("G00000282", "G00001387"):
        (heading,) = fields_with_fim_id(result.document, fim_id)
        assert heading["type"] == "info"
        decisions = lines(result, "decision", fim_id)
        (decision,) = [line for line in decisions if "(1:*)" in line.message]
        assert "wiederholbar" in decision.message
    (responsible,) = fields_with_fim_id(result.document, "G00000282")
    assert responsible["label"] == "Verantwortliche Person im Betrieb"


def test_asbest_multiple_choices_files_and_unmappable_fields(asbest):
    result = import_schema(asbest)
    document = result.document
    measures = one_field(document, "F00002508")
    assert measures["type"] == "checkboxes" and measures["max_selected"] == 3
    assert len(measures["options"]) == 10
    proofs = fields_with_fim_id(document, "F00002386")
    assert [p["type"] for p in proofs] == ["file", "file"]
    assert all(p["max_files"] == 10 for p in proofs)
    assert fields_with_fim_id(document, "F00000044") == []
    (signature,) = lines(result, "decision", "F00000044")
    assert "obj" in signature.message
    house_suffixes = fields_with_fim_id(document, "F00000084")
    assert house_suffixes and not any("pattern" in f for f in house_suffixes)
    assert len(lines(result, "decision", "F00000084")) == len(house_suffixes)
    assert len(one_field(document, "F00000038")["options"]) == 197
    confirmation = one_field(document, "F00002402")
    assert confirmation["type"] == "yesno" and confirmation["required"] is True
    assert step_of(document, confirmation["id"])["title"] == "Allgemeine Angaben (Teil 2)"


@pytest.mark.parametrize("directory", [MUTTERSCHUTZ, ASBEST], ids=["094", "186"])
def test_every_group_field_and_rule_leaves_a_report_line(directory):
    files = {p.name: p.read_bytes() for p in directory.glob("*.xml")}
    schema = next(data for data in files.values() if b"stammdatenschema.0102" in data)
    elements = set(re.findall(rb"<xdf:id>([FGR][0-9]+)</xdf:id>", schema))
    result = import_schema(files)
    reported = {line.fim_id.encode() for line in result.report}
    assert elements and elements <= reported
    mapped_paths = {line.path for line in result.report if line.kind == "mapped"}
    document_paths = {
        f"steps[{s}].fields[{f}]"
        for s, step in enumerate(result.document["steps"])
        for f, field in enumerate(step["fields"])
        if "fim" in field
    }
    assert document_paths <= mapped_paths


def test_the_larger_sample_imports_well_under_two_seconds(asbest):
    started = time.perf_counter()
    import_schema(asbest)
    assert time.perf_counter() - started < 1.0

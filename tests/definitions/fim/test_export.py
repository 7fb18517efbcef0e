"""The field list for specialist systems: which document field holds which FIM field."""

from __future__ import annotations

import json

import pytest

from rathaus.definitions.documents import validate_document
from rathaus.definitions.fim import FimError, fim_field_list, import_schema, read_files
from tests.definitions.fim.conftest import FISCHEREI


def test_the_field_list_of_an_imported_definition():
    document = import_schema(read_files(FISCHEREI)).document
    exported = fim_field_list(document)
    assert exported["schema"] == {"id": "S99000000001", "version": "1.0.0"}
    by_id = {entry["field_id"]: entry for entry in exported["fields"]}
    assert by_id["familienname"] == {
        "field_id": "familienname",
        "fim_id": "F99000000201",
        "fim_version": "1.1.0",
        "step_id": "antragstellende_person",
        "group_id": None,
        "type": "text",
        "label": "Familienname",
    }
    assert by_id["nummer_fischereischein"]["group_id"] == "bisheriger_fischereischein"
    assert by_id["bisheriger_fischereischein"]["type"] == "group"
    assert "anschrift_wohnsitz" not in by_id, "info texts hold no answers"
    assert "hinweis_jugendfischereischein" not in by_id
    assert json.loads(json.dumps(exported)) == exported


def test_the_stored_form_and_designer_additions():
    document = validate_document(import_schema(read_files(FISCHEREI)).document).to_document()
    document["steps"][0]["fields"].append(
        {"id": "neu", "type": "text", "label": {"de": "Neu", "en": "New"}}
    )
    entries = fim_field_list(document)["fields"]
    added = next(entry for entry in entries if entry["field_id"] == "neu")
    assert (added["fim_id"], added["fim_version"], added["label"]) == (None, None, "Neu")
    assert len(entries) == 19  # 7 + 6 + (group and 2 members) + 2 + the new one


def test_a_definition_not_from_fim_is_refused():
    with pytest.raises(FimError, match="nicht aus FIM"):
        fim_field_list({"slug": "hund-anmelden", "steps": []})

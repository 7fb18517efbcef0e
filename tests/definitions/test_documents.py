"""A definition file is checked completely, and every problem names its path.

Covers: every shipped definition validates; the published JSON Schema is current; broken
files (bad YAML/JSON, wrong shapes, duplicate ids, rules that do not parse or name unknown
or later fields, prefill that does not fit, YAML aliases, oversized files) are refused
with messages in plain German a designer can act on, never with an exception of another
kind.
"""

import json
from pathlib import Path

import pytest
import yaml

from rathaus.definitions.documents import DefinitionInvalid, format_location, load_definition
from rathaus.definitions.services import SCHEMA_FILE, SHIPPED_DIR, schema_json

SHIPPED = sorted(SHIPPED_DIR.glob("*.yaml"))


def minimal(**changes):
    document = {
        "slug": "test-dienst",
        "title": {"de": "Testdienst", "en": "Test service"},
        "retention_days": 365,
        "steps": [
            {
                "id": "eins",
                "title": "Erster Schritt",
                "fields": [
                    {"id": "name", "type": "text", "label": "Name", "required": True},
                    {"id": "art", "type": "radio", "label": "Art",
                     "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
                ],
            },
            {
                "id": "zwei",
                "title": "Zweiter Schritt",
                "fields": [{"id": "grund", "type": "textarea", "label": "Grund",
                            "visible_if": 'art == "b"'}],
            },
        ],
    }  # fmt: skip
    document.update(changes)
    return document


def problems_of(document) -> list[str]:
    raw = json.dumps(document) if not isinstance(document, (str, bytes)) else document
    with pytest.raises(DefinitionInvalid) as caught:
        load_definition(raw)
    return [str(problem) for problem in caught.value.problems]


def test_there_are_shipped_definitions():
    assert len(SHIPPED) >= 1


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_definition_validates(path: Path):
    definition = load_definition(path.read_bytes())
    assert definition.slug == path.stem
    assert definition.steps


def test_published_json_schema_is_current():
    assert SCHEMA_FILE.exists(), "run manage.py export_definition_schema"
    assert SCHEMA_FILE.read_text() == schema_json()
    assert json.loads(schema_json())["title"] == "Rathaus service definition"


def test_a_minimal_document_is_valid_in_json_and_yaml():
    assert load_definition(json.dumps(minimal())).slug == "test-dienst"
    assert load_definition(yaml.safe_dump(minimal(), allow_unicode=True)).slug == "test-dienst"


def test_shape_errors_name_their_paths():
    document = minimal()
    document["steps"][0]["fields"][0]["max_length"] = "lang"
    document["steps"][0]["fields"][1]["type"] = "slider"
    document["retention_days"] = 1
    found = problems_of(document)
    assert any(p.startswith("steps[0].fields[0].max_length:") for p in found)
    assert any(p.startswith("steps[0].fields[1]:") and "slider" in p for p in found)
    assert any(p.startswith("retention_days:") for p in found)


def test_duplicate_ids_are_refused():
    document = minimal()
    document["steps"][1]["fields"][0]["id"] = "name"
    document["steps"][1]["id"] = "eins"
    found = problems_of(document)
    assert "steps: Die Kennung „name“ haben mehrere Felder; jedes braucht eine eigene." in found
    assert "steps: Die Kennung „eins“ haben mehrere Schritte; jeder braucht eine eigene." in found


def test_rules_that_do_not_parse_name_the_rule_and_position():
    document = minimal()
    document["steps"][1]["fields"][0]["visible_if"] = 'art == "b" &&'
    found = problems_of(document)
    expected = "steps[1].fields[0].visible_if: Unerwartetes „&&“ an Stelle 12 – meinten Sie „and“?"
    assert expected in found


def test_rules_may_not_name_unknown_or_later_fields():
    document = minimal()
    document["steps"][0]["fields"][0]["required_if"] = "grund == 'x'"
    document["steps"][1]["fields"][0]["visible_if"] = "unbekannt == 1"
    found = problems_of(document)
    assert (
        "steps[0].fields[0].required_if: Das Feld „grund“ wird erst in einem späteren Schritt "
        "gefragt; Regeln können nur Felder dieses und früherer Schritte verwenden." in found
    )
    assert "steps[1].fields[0].visible_if: Unbekannter Name „unbekannt“ an Stelle 1." in found


def test_invalid_pattern_and_unfitting_prefill_are_refused():
    document = minimal()
    document["steps"][0]["fields"][0]["pattern"] = "([a-z"
    found = problems_of(document)
    assert any(
        p.startswith("steps[0].fields[0].pattern: Das Muster ist kein gültiger regulärer Ausdruck")
        for p in found
    )
    document = minimal()
    document["steps"][0]["fields"][0]["prefill"] = "profile.address"
    assert problems_of(document) == [
        "steps[0].fields[0].prefill: Die Vorbelegung „Anschrift aus dem Servicekonto“ passt "
        "nicht zu einem Feld vom Typ „Text (eine Zeile)“."
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xff\xfe not text", "Die Datei ist kein Text in UTF-8."),
        ("slug: [unclosed", "Die Datei ist kein gültiges YAML: "),
        ('{"slug": ', "Die Datei ist kein gültiges JSON: Expecting value (Zeile 1, Spalte 10)."),
        ("a: &x [1]\nb: *x\n", "YAML-Anker und -Verweise (& und *) sind nicht erlaubt."),
        (b"x" * 1_000_001, "Die Datei ist größer als 1 MB."),
        ("just a string", "Die Datei muss eine Definition enthalten"),
        ("", "Die Datei muss eine Definition enthalten"),
    ],
)
def test_broken_files_give_a_clear_message(raw, expected):
    found = problems_of(raw)
    assert any(expected in p for p in found), found


def test_yaml_errors_carry_the_line():
    found = problems_of("slug: test\ntitle: [\n")
    assert any(p.startswith("Die Datei ist kein gültiges YAML: ") and "(Zeile 3, Spalte 1)" in p
               for p in found)  # fmt: skip


def test_locations_drop_pydantics_union_tags():
    assert format_location(("steps", 0, "fields", 2, "text", "pattern")) == (
        "steps[0].fields[2].pattern"
    )
    assert format_location(("fees", 1, "amount")) == "fees[1].amount"

"""Bad input is refused with a German ``FimError`` and never with anything else: not XML,
DTDs and entities, foreign or unknown namespaces, other XDatenfelder messages, schemas
without content or identification, missing code lists, deep nesting, random mutations."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.definitions.documents import validate_document
from rathaus.definitions.fim import FimError, import_schema
from tests.definitions.fim import xdfbuilder as xb
from tests.definitions.fim.conftest import FISCHEREI

XDF2 = xb.NAMESPACES[2]
SIMPLE = [("1:1", xb.Field("F99000000001", "Name"))]


def refused(files: dict[str, bytes], match: str) -> None:
    with pytest.raises(FimError, match=match) as caught:
        import_schema(files)
    assert caught.value.message == str(caught.value)


def test_nothing_and_not_xml():
    refused({}, "keine Dateien")
    refused({"a.xml": b"Das ist kein XML."}, "„a.xml“ ist kein gültiges XML")
    refused({"a.xml": b"<a><b></a>"}, "kein gültiges XML")
    refused({"a.xml": b""}, "kein gültiges XML")


def test_entity_expansion_is_refused_before_parsing():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><x>&lol2;</x>'
    )
    refused({"a.xml": laughs}, "DTD oder Entity-Deklaration")


def test_external_entities_are_refused():
    external = b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>'
    refused({"a.xml": external}, "DTD oder Entity-Deklaration")


def test_a_doctype_in_utf16_is_refused_by_the_parser():
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    refused({"a.xml": text.encode("utf-16")}, "DTD oder Entity-Deklaration")


def test_deep_nesting_is_refused():
    deep = b"<a>" * 300 + b"</a>" * 300
    refused({"a.xml": deep}, "zu tief verschachtelt")


def test_foreign_namespace_and_other_messages():
    refused({"a.xml": b'<x xmlns="urn:etwas:anderes"/>'}, "kein Stammdatenschema")
    group = f'<x:xdatenfelder.datenfeldgruppe.0103 xmlns:x="{XDF2}"/>'.encode()
    refused({"a.xml": group}, "„xdatenfelder.datenfeldgruppe.0103“ ist kein Stammdatenschema")
    namespace = "urn:xoev-de:fim:standard:xdatenfelder_1"
    old = f'<x:xdatenfelder.stammdatenschema.0102 xmlns:x="{namespace}"/>'.encode()
    refused({"a.xml": old}, "Version .* wird nicht unterstützt")


def test_a_schema_without_content_or_identification():
    refused({"a.xml": xb.schema([])}, "keine Datenfeldgruppen oder Datenfelder")
    empty = f'<x:xdatenfelder.stammdatenschema.0102 xmlns:x="{XDF2}"/>'.encode()
    refused({"a.xml": empty}, "enthält kein Stammdatenschema")
    nameless = xb.schema(SIMPLE).replace(b"<x:id>F99000000001</x:id>", b"<x:id>42</x:id>")
    refused({"a.xml": nameless}, "keine gültige FIM-Kennung")


def test_a_schema_whose_only_field_cannot_be_mapped():
    only_object = [("1:1", xb.Field("F99000000001", "Unterschrift", datentyp="obj"))]
    refused({"a.xml": xb.schema(only_object)}, "kein Feld übernommen")


def test_a_missing_code_list():
    choice = xb.Field(
        "F99000000001", "Art", feldart="select", code_list=("urn:de:test:fehlt", "2024-01-01")
    )
    refused({"a.xml": xb.schema([("1:1", choice)])}, "Codeliste „urn:de:test:fehlt“")


def test_the_real_schema_without_one_of_its_code_lists():
    files = {p.name: p.read_bytes() for p in FISCHEREI.glob("*.xml")}
    del files["C99000000002_genericode.xml"]
    refused(files, "urn:de:beispiel:fim:codeliste:fischereibehoerde")


def test_two_schemas_need_a_choice():
    files = {"a.xml": xb.schema(SIMPLE), "b.xml": xb.schema(SIMPLE, fim_id="S99000000008")}
    refused(files, "mehrere Stammdatenschemata")
    assert import_schema(files, schema_name="b.xml").schema_id == "S99000000008"


def test_a_broken_neighbour_is_only_a_note():
    result = import_schema({"a.xml": xb.schema(SIMPLE), "kaputt.xml": b"<a"})
    notes = [line.message for line in result.report if line.kind == "note"]
    assert "Die Datei „kaputt.xml“ ist kein gültiges XML." in notes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_raise_only_fim_errors(data):
    with contextlib.suppress(FimError):
        import_schema({"zufall.xml": data})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_real_schemas_raise_only_fim_errors(data):
    files = {p.name: p.read_bytes() for p in FISCHEREI.glob("*.xml")}
    name = data.draw(st.sampled_from(sorted(files)))
    damaged = bytearray(files[name])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.sampled_from(list(b"<>/\"'&:;x0 \xff")))
    files[name] = bytes(damaged)
    try:
        result = import_schema(files)
    except FimError:
        return
    validate_document(result.document)

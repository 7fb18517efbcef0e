"""German names for the definition document (``definitions.vocabulary``).

Requirement: every attribute anywhere in ``schema.py`` and every fixed value (field types,
login levels, outcomes, prefill sources, roles, needs, the default workflow) has a German
label and, for attributes and field types, a help text; adding one to the schema without
a name here fails. Unknown names fall back to themselves.
"""

from __future__ import annotations

import typing
from typing import Any, get_args, get_origin

import pytest
from django.utils import translation
from pydantic import BaseModel

from rathaus.definitions import vocabulary
from rathaus.definitions.documents import FIELD_TYPES as DOCUMENT_FIELD_TYPES
from rathaus.definitions.schema import PREFILL_SOURCES, ServiceDefinition

# Attributes whose fixed values are named elsewhere: accept lists media types.
VALUE_VOCABULARIES = {
    "type": vocabulary.FIELD_TYPES,
    "login": vocabulary.LOGIN_LEVELS,
    "assurance": vocabulary.ASSURANCE_LEVELS,
    "applicants": vocabulary.APPLICANTS,
    "outcome": vocabulary.OUTCOMES,
    "prefill": vocabulary.PREFILL,
    "roles": vocabulary.ROLES,
    "needs": vocabulary.NEEDS,
    "workflow": vocabulary.WORKFLOWS,
}
NOT_NAMED_HERE = {"schema_version", "accept"}


def walk(annotation: Any) -> typing.Iterator[Any]:
    """Every type and Literal inside an annotation (unions, lists, Annotated)."""
    stack = [annotation]
    while stack:
        item = stack.pop()
        yield item
        if get_origin(item) is not typing.Literal:
            stack.extend(get_args(item))


def schema_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    stack: list[Any] = [ServiceDefinition]
    while stack:
        model = stack.pop()
        if model in found:
            continue
        found.append(model)
        for info in model.model_fields.values():
            stack += [
                t for t in walk(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)
            ]
        stack += model.__subclasses__()
    return found


def schema_attributes() -> dict[str, set[str]]:
    """Every attribute name (as in documents and as in Python) with its Literal values."""
    attributes: dict[str, set[str]] = {}
    for model in schema_models():
        for name, info in model.model_fields.items():
            values = {
                value
                for item in walk(info.annotation)
                if get_origin(item) is typing.Literal
                for value in get_args(item)
            }
            for key in {name, info.alias or name}:
                attributes.setdefault(key, set()).update(values)
    return attributes


def test_the_walk_finds_the_whole_schema():
    names = {model.__name__ for model in schema_models()}
    assert {"GroupField", "CheckboxesField", "WorkflowTransition", "FimReference"} <= names
    attributes = schema_attributes()
    assert {"item_label", "require_gemeinde", "from", "sources", "code_list", "urn"} <= set(
        attributes
    )
    assert attributes["login"] == {"anonymous", "account"}


def test_every_attribute_of_the_schema_has_a_label_and_a_help_text():
    missing = sorted(set(schema_attributes()) - set(vocabulary.ATTRIBUTES))
    assert missing == []
    for name, term in vocabulary.ATTRIBUTES.items():
        assert str(term.label).strip() and str(term.help).strip(), name


def test_no_label_is_kept_for_an_attribute_the_schema_does_not_have():
    assert sorted(set(vocabulary.ATTRIBUTES) - set(schema_attributes())) == []


def test_every_fixed_value_of_the_schema_has_a_label():
    for name, values in schema_attributes().items():
        if not values or name in NOT_NAMED_HERE:
            continue
        assert name in VALUE_VOCABULARIES, f"no vocabulary for the values of {name!r}"
        assert values <= set(VALUE_VOCABULARIES[name]), name
    assert set(vocabulary.FIELD_TYPES) == set(DOCUMENT_FIELD_TYPES)
    assert set(vocabulary.PREFILL) == set(PREFILL_SOURCES)
    for terms in VALUE_VOCABULARIES.values():
        assert all(str(term.label).strip() for term in terms.values())


def test_field_types_have_help_and_distinct_labels():
    labels = [str(term.label) for term in vocabulary.FIELD_TYPES.values()]
    assert len(set(labels)) == len(labels)
    assert all(str(term.help).strip() for term in vocabulary.FIELD_TYPES.values())


def test_attribute_labels_are_distinct_except_for_the_two_names_of_from():
    labels = [str(t.label) for n, t in vocabulary.ATTRIBUTES.items() if n != "sources"]
    assert len(set(labels)) == len(labels)
    assert vocabulary.ATTRIBUTES["sources"] == vocabulary.ATTRIBUTES["from"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("text", "Text (eine Zeile)"),
        ("textarea", "Langer Text"),
        ("number", "Zahl"),
        ("money", "Geldbetrag"),
        ("date", "Datum"),
        ("select", "Auswahlliste"),
        ("radio", "Auswahl (Optionsfelder)"),
        ("checkboxes", "Mehrfachauswahl"),
        ("yesno", "Ja/Nein"),
        ("address", "Anschrift"),
        ("file", "Datei-Upload"),
        ("info", "Hinweistext"),
        ("group", "Wiederholbare Gruppe"),
    ],
)
def test_field_type_labels(kind, expected):
    with translation.override("de"):
        assert vocabulary.field_type_label(kind) == expected


def test_labels_are_translated_when_asked_for():
    with translation.override("de"):
        assert vocabulary.attribute_label("retention_days") == "Aufbewahrungsfrist (Tage)"
        assert vocabulary.attribute_label("visible_if") == "Anzeigen, wenn"
        assert vocabulary.attribute_help("required").startswith("Muss ausgefüllt")
        assert vocabulary.label_of(vocabulary.OUTCOMES, "teilweise") == "teilweise bewilligt"


def test_unknown_names_fall_back_to_the_name():
    assert vocabulary.attribute_label("no_such_attribute") == "no_such_attribute"
    assert vocabulary.attribute_help("no_such_attribute") == ""
    assert vocabulary.field_type_label("hologram") == "hologram"
    assert vocabulary.label_of(vocabulary.ROLES, 7) == "7"  # type: ignore[arg-type]

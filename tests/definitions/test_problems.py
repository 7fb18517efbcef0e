"""The problems of a definition document are listed in plain German, with their place.

Requirement (service designer): every change is validated at once, and each problem is
shown "with the place it concerns (step, field) and a link to it, in plain German".
Covers: every pydantic error type with a message of its own, triggered by a real broken
document; the fallbacks; ``problems_of`` reports what ``validate_document`` reports and
never raises, whatever JSON-like data it gets; every shipped definition has no problems;
``locate`` finds the area, ids and words for paths into valid and invalid documents; and
the messages are gettext msgids, translated when they are made (not at import).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import pytest
from django.utils.translation import override, trans_real
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import AfterValidator, Field, TypeAdapter, ValidationError

from rathaus.definitions import expressions
from rathaus.definitions.documents import (
    DefinitionInvalid,
    Problem,
    format_location,
    read_document,
    validate_document,
    workflow_message,
)
from rathaus.definitions.problems import AREAS, Place, locate, message_for, problems_of
from rathaus.definitions.schema import PREFILL_SOURCES, ServiceDefinition, Step
from rathaus.definitions.services import SHIPPED_DIR
from rathaus.definitions.shape_messages import ERROR_TYPES
from rathaus.definitions.workflows import CASE_NEEDS, CASE_ROLES
from rathaus.workflow.services import State, Transition, Workflow

WORKFLOW = {
    "initial": "neu",
    "states": [{"id": "neu", "label": "Neu"},
               {"id": "erledigt", "label": "Erledigt", "final": True}],
    "transitions": [{"id": "erledigen", "label": "Erledigen", "from": ["neu"], "to": "erledigt",
                     "roles": ["clerk"]}],
}  # fmt: skip


def document() -> dict[str, Any]:
    return {
        "slug": "hund-anmelden",
        "title": {"de": "Hund anmelden", "en": "Register a dog"},
        "retention_days": 365,
        "steps": [
            {"id": "halter", "title": {"de": "Halterin oder Halter", "en": "Keeper"}, "fields": [
                {"id": "vornamen", "type": "text", "label": {"de": "Vornamen", "en": "Names"}},
                {"id": "geschlecht", "type": "radio", "label": "Geschlecht", "options": [
                    {"value": "w", "label": "weiblich"}, {"value": "m", "label": "männlich"}]},
                {"id": "hundename", "type": "text", "label": "Name des Hundes"},
            ]},
            {"id": "hunde", "title": "Weitere Hunde", "fields": [
                {"id": "weitere", "type": "group", "label": "Weitere Hunde im Haushalt",
                 "item_label": "Hund", "fields": [
                     {"id": "rufname", "type": "text", "label": "Rufname"}]},
            ]},
        ],
        "fees": [{"id": "gebuehr", "label": "Verwaltungsgebühr", "amount": "10.00"}],
        "decision_texts": [{"outcome": "bewilligt", "text": "Angemeldet ({reference})."}],
        "workflow": copy.deepcopy(WORKFLOW),
    }  # fmt: skip


def changed(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = document()
    change(data)
    return data


def field(data: dict[str, Any], step: int = 0, index: int = 0) -> dict[str, Any]:
    return data["steps"][step]["fields"][index]


def test_the_test_document_is_valid():
    assert problems_of(document()) == []


# --- pydantic's errors in German -----------------------------------------------------------

IDS = "nur Kleinbuchstaben, Ziffern und _; beginnt mit einem Buchstaben; höchstens 63 Zeichen."
TYPES = "„text“, „textarea“, „number“, „money“, „date“, „email“, „phone“, „iban“, „select“, „radio“, „checkboxes“, „yesno“, „address“, „file“, „info“, „group“"  # noqa: E501
PREFILLS = ", ".join(f"„{source}“" for source in PREFILL_SOURCES)
SHAPES: list[tuple[str, Callable[[dict[str, Any]], Any], str, str]] = [
    ("missing", lambda d: d.pop("slug"), "slug", "„Kurzname“ fehlt; diese Angabe ist Pflicht."),
    ("missing", lambda d: field(d).pop("label"), "steps[0].fields[0].label",
     "„Bezeichnung“ fehlt; diese Angabe ist Pflicht."),
    ("string_too_short", lambda d: d.update(notes=[""]), "notes[0]",
     "Der Text darf nicht leer sein."),
    ("string_too_short", lambda d: field(d, 0, 1).update(code_list={"urn": "ab"}),
     "steps[0].fields[1].code_list.urn", "Der Text muss mindestens 3 Zeichen lang sein."),
    ("string_too_long", lambda d: d.update(notes=["x" * 2001]), "notes[0]",
     "Der Text darf höchstens 2000 Zeichen lang sein, er hat 2001."),
    ("too_short", lambda d: d.update(steps=[]), "steps",
     "Der Dienst braucht mindestens 1 Schritt."),
    ("too_short", lambda d: d["steps"][0].update(fields=[]), "steps[0].fields",
     "Mindestens 1 Feld ist nötig."),
    ("too_short", lambda d: field(d, 1).update(fields=[]), "steps[1].fields[0].fields",
     "Mindestens 1 Feld ist nötig."),
    ("too_short", lambda d: field(d, 0, 1).update(options=[]), "steps[0].fields[1].options",
     "Eine Auswahl braucht mindestens 1 Auswahlmöglichkeit."),
    ("too_short", lambda d: d["workflow"]["states"].pop(), "workflow.WorkflowSpec.states",
     "Ein eigener Bearbeitungsablauf braucht mindestens 2 Status."),
    ("too_short", lambda d: d["workflow"].update(transitions=[]),
     "workflow.WorkflowSpec.transitions",
     "Ein eigener Bearbeitungsablauf braucht mindestens 1 Übergang."),
    ("too_short", lambda d: d["workflow"]["transitions"][0].update({"from": []}),
     "workflow.WorkflowSpec.transitions[0].from",
     "Ein Übergang braucht mindestens 1 Status, von dem er ausgeht."),
    ("too_short", lambda d: d["workflow"]["transitions"][0].update(roles=[]),
     "workflow.WorkflowSpec.transitions[0].roles",
     "Ein Übergang braucht mindestens 1 berechtigte Rolle."),
    ("too_long", lambda d: d.update(steps=d["steps"][:1] * 31), "steps",
     "Hier sind höchstens 30 Einträge möglich, es sind 31."),
    ("greater_than_equal", lambda d: d.update(retention_days=1), "retention_days",
     "Der Wert muss mindestens 30 sein, nicht 1."),
    ("less_than_equal", lambda d: field(d).update(max_length=5000),
     "steps[0].fields[0].max_length", "Der Wert darf höchstens 1000 sein, nicht 5000."),
    ("string_pattern_mismatch", lambda d: field(d).update(id="Vornamen"),
     "steps[0].fields[0].id", f"„Vornamen“ ist als Kennung nicht möglich: {IDS}"),
    ("string_pattern_mismatch", lambda d: d.update(slug="Hund anmelden"), "slug",
     "„Hund anmelden“ ist als Kurzname nicht möglich: nur Kleinbuchstaben, Ziffern und "
     "Bindestriche; beginnt mit einem Kleinbuchstaben oder einer Ziffer; 2 bis 63 Zeichen."),
    ("string_pattern_mismatch", lambda d: field(d, 0, 1)["options"][0].update(value="weiß"),
     "steps[0].fields[1].options[0].value",
     "„weiß“ ist als Wert einer Auswahlmöglichkeit nicht möglich: nur Buchstaben ohne "
     "Umlaute, Ziffern und die Zeichen _ . -; höchstens 64 Zeichen."),
    ("string_pattern_mismatch", lambda d: d.update(leika_key="9901"), "leika_key",
     "„9901“ ist kein LeiKa-Schlüssel: genau 14 Ziffern."),
    ("string_pattern_mismatch", lambda d: d.update(fim={"id": "f60000227"}), "fim.id",
     "„f60000227“ ist keine FIM-Kennung: ein Großbuchstabe, dann Buchstaben und Ziffern, "
     "z. B. F60000227."),
    ("string_pattern_mismatch", lambda d: field(d).update(autocomplete="Given_Name"),
     "steps[0].fields[0].autocomplete",
     "„Given_Name“ ist als Hinweis zur Autovervollständigung nicht möglich: nur "
     "Kleinbuchstaben, Leerzeichen und Bindestriche; höchstens 40 Zeichen."),
    ("literal_error", lambda d: d.update(login="gast"), "login",
     "„gast“ ist hier nicht möglich. Möglich: „anonymous“, „account“."),
    ("literal_error", lambda d: field(d).update(prefill=["profile.email"]),
     "steps[0].fields[0].prefill", f"Hier ist nur einer dieser Werte möglich: {PREFILLS}."),
    ("literal_error", lambda d: d["workflow"].update(initial=None),
     "workflow.literal['default']",
     "Der eigene Bearbeitungsablauf hat Fehler (siehe die übrigen Meldungen); ohne eigenen "
     "Ablauf gilt der Standardablauf „default“."),
    ("union_tag_invalid", lambda d: field(d).update(type="slider"), "steps[0].fields[0]",
     f"Den Feldtyp „slider“ gibt es nicht. Möglich: {TYPES}."),
    ("union_tag_invalid", lambda d: field(d, 1)["fields"].append(field(d, 1)),
     "steps[1].fields[0].fields[1]",
     "Ein Feld vom Typ „Wiederholbare Gruppe“ ist an dieser Stelle nicht möglich."),
    ("union_tag_not_found", lambda d: field(d).pop("type"), "steps[0].fields[0]",
     "Der Feldtyp fehlt."),
    ("extra_forbidden", lambda d: field(d).update(farbe="rot"), "steps[0].fields[0].farbe",
     "Unbekannte Angabe „farbe“; bitte entfernen oder richtig schreiben."),
    ("int_parsing", lambda d: field(d).update(max_length="lang"),
     "steps[0].fields[0].max_length", "„lang“ ist keine ganze Zahl."),
    ("int_from_float", lambda d: field(d).update(max_length=1.5),
     "steps[0].fields[0].max_length", "Hier ist nur eine ganze Zahl möglich, nicht 1.5."),
    ("int_type", lambda d: d.update(retention_days=[365]), "retention_days",
     "Hier wird eine ganze Zahl erwartet."),
    ("decimal_parsing", lambda d: d["fees"][0].update(amount="zehn"), "fees[0].amount",
     "„zehn“ ist keine Zahl."),
    ("decimal_type", lambda d: d["fees"][0].update(amount=[10]), "fees[0].amount",
     "Hier wird eine Zahl erwartet."),
    ("finite_number", lambda d: d["fees"][0].update(amount=math.inf), "fees[0].amount",
     "„inf“ ist keine gültige Zahl."),
    ("decimal_max_digits", lambda d: d["fees"][0].update(amount="1234567890"),
     "fees[0].amount", "Höchstens 9 Ziffern sind möglich."),
    ("decimal_max_places", lambda d: d["fees"][0].update(amount="10.005"), "fees[0].amount",
     "Höchstens 2 Nachkommastellen sind möglich."),
    ("bool_parsing", lambda d: field(d).update(required="vielleicht"),
     "steps[0].fields[0].required",
     "Hier ist nur ja oder nein möglich (true oder false), nicht „vielleicht“."),
    ("bool_type", lambda d: field(d).update(required=[True]), "steps[0].fields[0].required",
     "Hier ist nur ja oder nein möglich (true oder false)."),
    ("string_type", lambda d: d.update(title=5), "title.str", "Hier wird ein Text erwartet."),
    ("dict_type", lambda d: d.update(title=5), "title.dict[str,str]",
     "Hier wird ein Text erwartet, oder je ein Text für „de“ und „en“."),
    ("list_type", lambda d: d.update(steps="alle"), "steps", "Hier wird eine Liste erwartet."),
    ("model_type", lambda d: d.update(fim=["F1"]), "fim",
     "Hier werden Angaben der Form „Name: Wert“ erwartet."),
    ("model_type", lambda d: d.update(workflow="eigener"), "workflow.WorkflowSpec",
     "Hier wird ein eigener Bearbeitungsablauf (mit Status und Übergängen) erwartet, oder "
     "„default“ für den Standardablauf."),
    ("model_attributes_type", lambda d: d["steps"][0]["fields"].append("Vorname"),
     "steps[0].fields[3]", "Hier werden Angaben der Form „Name: Wert“ erwartet."),
    ("value_error", lambda d: d.update(title="  "), "title", "Der Text darf nicht leer sein."),
    ("value_error", lambda d: d.update(title={"en": "Register a dog"}), "title",
     "Ein deutscher Text („de“) ist nötig."),
    ("value_error", lambda d: d.update(title={"de": "Hund", "fr": "Chien"}), "title",
     "Unbekannte Sprache „fr“: möglich sind nur „de“ (Deutsch) und „en“ (Englisch)."),
    ("value_error", lambda d: field(d).update(pattern="([a-z"), "steps[0].fields[0].pattern",
     "Das Muster ist kein gültiger regulärer Ausdruck (unterminated character set at "
     "position 1)."),
    ("value_error", lambda d: field(d, 0, 1)["options"][1].update(value="w"),
     "steps[0].fields[1].options", "Diese Werte haben mehrere Auswahlmöglichkeiten: w."),
    ("value_error",
     lambda d: field(d, 1)["fields"].append({"id": "foto", "type": "file", "label": "Foto"}),
     "steps[1].fields[0]",
     "Datei-Uploads können sich in einer Gruppe nicht wiederholen; legen Sie sie direkt in "
     "einen Schritt."),
    ("value_error", lambda d: field(d, 1).update(min_items=5, max_items=2), "steps[1].fields[0]",
     "Die Mindestzahl an Einträgen ist größer als die Höchstzahl."),
]  # fmt: skip


def test_every_mapped_error_type_is_triggered_by_a_case():
    assert {case[0] for case in SHAPES} == ERROR_TYPES


@pytest.mark.parametrize(("kind", "change", "path", "message"), SHAPES,
                         ids=[f"{c[0]}-{c[2]}" for c in SHAPES])  # fmt: skip
def test_shape_errors_are_described_in_german(kind, change, path, message):
    data = changed(change)
    with pytest.raises(ValidationError) as caught:
        ServiceDefinition.model_validate(data)
    errors = [e for e in caught.value.errors() if format_location(e["loc"]) == path]
    assert [e["type"] for e in errors] == [kind]
    with override("de"):
        assert message_for(errors[0]) == message
        assert Problem(path, message) in problems_of(data)


def test_the_root_must_be_a_mapping():
    expected = (
        "Die Datei muss eine Definition enthalten: Angaben der Form „Name: Wert“ (ein YAML- "
        "oder JSON-Objekt)."
    )
    for data in (None, "Hund anmelden", [document()], 42):
        assert problems_of(data) == [Problem("", expected)]


def test_elements_checked_alone_get_the_same_words():
    """The designer checks one element's form against its model: no document path."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Step).validate_python({"id": "a", "title": "A", "fields": []})
    assert [message_for(e) for e in caught.value.errors()] == ["Mindestens 1 Feld ist nötig."]


def _first_error(adapter: TypeAdapter[Any], value: Any) -> Any:
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value)
    return caught.value.errors()[0]


def _broken_rule(value: str) -> str:
    raise ValueError("a rule nobody mapped yet")


def test_unknown_errors_fall_back_to_a_german_sentence_with_the_original():
    bigger = _first_error(TypeAdapter(Annotated[int, Field(gt=5)]), 1)
    assert message_for(bigger) == "Diese Angabe ist ungültig (Input should be greater than 5)."
    validator = _first_error(TypeAdapter(Annotated[str, AfterValidator(_broken_rule)]), "x")
    assert message_for(validator) == "Ungültige Angabe: a rule nobody mapped yet"
    pattern = _first_error(TypeAdapter(Annotated[str, Field(pattern=r"^x$")]), "y")
    assert message_for(pattern) == "„y“ hat nicht die erwartete Form."


def test_every_problem_the_workflow_kernel_finds_has_german_words():
    def transition(tid: str, sources: list[str], target: str, roles: list[str]) -> Transition:
        return Transition(
            tid, tid, frozenset(sources), target, frozenset(roles), frozenset({"kaffee"})
        )

    broken = Workflow(
        "kaputt", "anfang",
        {"start": State("start", "Start"), "ende": State("ende", "Ende", final=True)},
        {"a": transition("a", ["start"], "nirgends", ["hacker"]),
         "b": transition("b", ["ende"], "start", ["clerk"])},
        CASE_ROLES, CASE_NEEDS,
    )  # fmt: skip
    assert [workflow_message(text) for text in broken.problems()] == [
        "Der Anfangsstatus „anfang“ ist keiner der Status dieses Ablaufs.",
        "Der Übergang „a“ nennt den unbekannten Status „nirgends“.",
        "Der Übergang „a“ nennt die unbekannte Rolle „hacker“.",
        "Der Übergang „a“ verlangt die unbekannte Angabe „kaffee“.",
        "Der Übergang „b“ verlangt die unbekannte Angabe „kaffee“.",
        "Der Übergang „b“ führt aus dem Endstatus „ende“ heraus; ein Endstatus schließt den "
        "Vorgang ab.",
        "Der Status „ende“ ist vom Anfangsstatus aus nicht erreichbar.",
        "Der Status „start“ ist vom Anfangsstatus aus nicht erreichbar.",
    ]
    assert workflow_message("something new") == (
        "Der Bearbeitungsablauf hat einen Fehler: something new"
    )


# --- what pydantic cannot see ----------------------------------------------------------------


def test_rules_say_why_a_field_they_name_is_out_of_reach():
    data = document()
    field(data).update(visible_if="hundename == 'Bello'")  # same step: fine
    data["steps"][0]["visible_if"] = "vornamen == 'Erika'"  # shows or hides its own step
    field(data, 0, 1)["required_if"] = "rufname == 'Bello'"  # a group member, and later
    field(data, 0, 2)["required_if"] = "count(weitere) > 0"  # a later step
    data["fees"][0]["when"] = "rufname == 'Bello' or zz9 > 2"  # a member, and unknown
    assert problems_of(data) == [
        Problem("steps[0].visible_if", "Das Feld „vornamen“ steht auf diesem Schritt; ob der "
                "Schritt gezeigt wird, kann nur von Feldern früherer Schritte abhängen."),
        Problem("steps[0].fields[1].required_if", "Das Feld „rufname“ wird erst in einem "
                "späteren Schritt gefragt; Regeln können nur Felder dieses und früherer "
                "Schritte verwenden."),
        Problem("steps[0].fields[2].required_if", "Das Feld „weitere“ wird erst in einem "
                "späteren Schritt gefragt; Regeln können nur Felder dieses und früherer "
                "Schritte verwenden."),
        Problem("fees[0].when", "Unbekannter Name „zz9“ an Stelle 23."),
        Problem("fees[0].when", "Das Feld „rufname“ gehört zu einer wiederholbaren Gruppe; nur "
                "Regeln in derselben Gruppe können es verwenden."),
    ]  # fmt: skip


def test_problems_of_reports_what_validate_document_reports():
    broken = changed(lambda d: d.update(retention_days=1, slug="X"))
    meaning = changed(lambda d: d["steps"][1].update(id="halter"))
    for data in (broken, meaning):
        with pytest.raises(DefinitionInvalid) as refused:
            validate_document(data)
        assert problems_of(data) == refused.value.problems != []
    assert problems_of(meaning) == [
        Problem("steps", "Die Kennung „halter“ haben mehrere Schritte; jeder braucht eine eigene.")
    ]


@pytest.mark.parametrize("path", sorted(SHIPPED_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_definitions_have_no_problems(path):
    assert problems_of(read_document(path.read_bytes())) == []


# --- never raises ------------------------------------------------------------------------------

KEYS = ["slug", "title", "retention_days", "steps", "id", "type", "label", "fields", "options",
        "value", "visible_if", "required_if", "fees", "amount", "when", "workflow", "states",
        "transitions", "from", "to", "roles", "decision_texts", "outcome", "text", "de", "en",
        "item_label", "min_items", "max_items", "prefill", "pattern"]  # fmt: skip
json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["text", "group", "default", "a == 1", "a &&", "", "de", "x" * 70]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=5),
    max_leaves=25,
)  # fmt: skip
PROPERTY = settings(max_examples=150, deadline=None)


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    if isinstance(value, dict | list):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _paths(item, (*prefix, key))


PATHS = list(_paths(document()))[1:]


def _replaced(path: tuple[str | int, ...], new: Any) -> dict[str, Any]:
    data = document()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return data


def _check(data: Any) -> None:
    problems = problems_of(data)
    assert all(isinstance(p, Problem) and isinstance(p.path, str) and p.message for p in problems)
    for problem in problems:
        place = locate(data, problem.path)
        assert place.area in AREAS and isinstance(place.describe(), str)
    try:
        validate_document(data)
    except DefinitionInvalid as refused:
        assert problems == refused.problems
    else:
        assert problems == []


@PROPERTY
@given(json_like)
def test_problems_of_never_raises_on_json_like_data(data):
    _check(data)


@PROPERTY
@given(st.sampled_from(PATHS), json_like)
def test_problems_of_never_raises_on_a_document_with_one_part_replaced(path, new):
    _check(_replaced(path, new))


def test_a_failing_check_is_reported_not_raised(monkeypatch, caplog):
    def crash(data: Any) -> None:
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr("rathaus.definitions.problems.validate_document", crash)
    with caplog.at_level("ERROR", logger="rathaus.definitions.problems"):
        found = problems_of(document())
    assert found == [Problem("", "Die Definition konnte nicht vollständig geprüft werden.")]
    assert "a bug in a check" in caplog.text


@PROPERTY
@given(json_like, st.text(max_size=40) | st.sampled_from([format_location(p) for p in PATHS]))
def test_locate_never_raises(data, path):
    place = locate(data, path)
    assert place.area in AREAS and isinstance(place.describe(), str)
    assert isinstance(locate(document(), path).describe(), str)


# --- where a problem is ------------------------------------------------------------------------

PLACES = [
    ("", Place(None, None, None, None, "definition"), "Gesamte Definition"),
    ("retention_days", Place(None, None, None, "retention_days", "definition"),
     "Allgemeine Angaben › Aufbewahrungsfrist (Tage)"),
    ("title.dict[str,str].de", Place(None, None, None, "title", "definition"),
     "Allgemeine Angaben › Titel › Deutsch"),
    ("notes[0]", Place(None, None, None, "notes", "definition"),
     "Allgemeine Angaben › Notizen › Nr. 1"),
    ("steps", Place(None, None, None, "steps", "definition"), "Schritte"),
    ("steps[0].visible_if", Place(0, "halter", None, "visible_if", "step"),
     "Schritt „Halterin oder Halter“ › Anzeigen, wenn"),
    ("steps[0].fields[0].label", Place(0, "halter", "vornamen", "label", "field"),
     "Schritt „Halterin oder Halter“ › Feld „Vornamen“ › Bezeichnung"),
    ("steps[0].fields[1].options[1].label", Place(0, "halter", "geschlecht", "options", "field"),
     "Schritt „Halterin oder Halter“ › Feld „Geschlecht“ › Auswahlmöglichkeit „männlich“ › "
     "Bezeichnung"),
    ("steps[1].fields[0]", Place(1, "hunde", "weitere", None, "field"),
     "Schritt „Weitere Hunde“ › Gruppe „Weitere Hunde im Haushalt“"),
    ("steps[1].fields[0].fields[0].label",
     Place(1, "hunde", "rufname", "label", "field", group_id="weitere"),
     "Schritt „Weitere Hunde“ › Gruppe „Weitere Hunde im Haushalt“ › Feld „Rufname“ › "
     "Bezeichnung"),
    ("fees[0].amount", Place(None, None, None, "amount", "fee", fee_index=0),
     "Gebühr „Verwaltungsgebühr“ › Betrag"),
    ("decision_texts[0].text", Place(None, None, None, "text", "decision_text", decision_index=0),
     "Bescheidtext „bewilligt“ › Text"),
    ("workflow", Place(None, None, None, None, "workflow"), "Bearbeitungsablauf"),
    ("workflow.transitions", Place(None, None, None, "transitions", "workflow"),
     "Bearbeitungsablauf › Übergänge"),
    ("workflow.WorkflowSpec.states[1].label", Place(None, None, None, "states", "workflow"),
     "Bearbeitungsablauf › Status „Erledigt“ › Bezeichnung"),
    ("workflow.literal['default']", Place(None, None, None, None, "workflow"),
     "Bearbeitungsablauf"),
]  # fmt: skip


def _without_trail(place: Place) -> Place:
    return Place(place.step_index, place.step_id, place.field_id, place.attribute, place.area,
                 place.fee_index, place.decision_index, place.group_id)  # fmt: skip


@pytest.mark.parametrize(("path", "place", "words"), PLACES, ids=[p[0] or "-" for p in PLACES])
def test_locate_names_area_ids_and_words(path, place, words):
    found = locate(document(), path)
    assert _without_trail(found) == place
    with override("de"):
        assert found.describe() == words


INVALID = [
    (None, "steps[2].fields[0].label", Place(2, None, None, "label", "field"),
     "Schritt 3 › Feld 1 › Bezeichnung"),
    ({"steps": "alle"}, "steps[0].title", Place(0, None, None, "title", "step"),
     "Schritt 1 › Titel"),
    ({"steps": [{"id": "Eins!", "title": 5, "fields": [{"id": "x y", "label": {"en": "A"}}]}]},
     "steps[0].fields[0].label", Place(0, None, None, "label", "field"),
     "Schritt „Eins!“ › Feld „x y“ › Bezeichnung"),
    (document(), "steps[7].fields[0].fields[3]", Place(7, None, None, None, "field"),
     "Schritt 8 › Gruppe 1 › Feld 4"),
    (["steps"], "fees[0].when", Place(None, None, None, "when", "fee", fee_index=0),
     "Gebühr 1 › Fällig, wenn"),
    ({"decision_texts": [{"outcome": ["x"]}]}, "decision_texts[0].outcome",
     Place(None, None, None, "outcome", "decision_text", decision_index=0),
     "Bescheidtext 1 › Ergebnis"),
    ({"workflow": "default"}, "workflow.WorkflowSpec.transitions[0].from",
     Place(None, None, None, "transitions", "workflow"),
     "Bearbeitungsablauf › Übergang 1 › Von Status"),
    ({"steps": [{"title": {"de": "  Sehr " + "lang " * 20}}]}, "steps[0]",
     Place(0, None, None, None, "step"),
     "Schritt „Sehr" + " lang" * 11 + "…“"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "path", "place", "words"), INVALID,
                         ids=[i[1] for i in INVALID])  # fmt: skip
def test_locate_reads_invalid_documents_defensively(data, path, place, words):
    found = locate(data, path)
    assert _without_trail(found) == place
    assert found.describe() == words


def test_every_problem_of_a_broken_document_has_a_place_in_words():
    data = document()
    field(data).pop("label")
    data["steps"][1]["id"] = "Hunde!"
    found = {p.path: (p.message, locate(data, p.path)) for p in problems_of(data)}
    message, place = found["steps[0].fields[0].label"]
    assert message == "„Bezeichnung“ fehlt; diese Angabe ist Pflicht."
    assert (place.area, place.step_id, place.field_id) == ("field", "halter", "vornamen")
    assert place.describe() == "Schritt „Halterin oder Halter“ › Feld „vornamen“ › Bezeichnung"
    message, place = found["steps[1].id"]
    assert (place.area, place.step_index, place.step_id) == ("step", 1, None)
    assert place.describe() == "Schritt „Weitere Hunde“ › Kennung"


# --- translated when made ----------------------------------------------------------------------


@contextmanager
def english(entries: dict[str, str]) -> Iterator[None]:
    """English translations for some msgids, as the .po file will have them later."""
    catalog = trans_real.translation("en")._catalog  # type: ignore[attr-defined]
    saved = {msgid: catalog.get(msgid) for msgid in entries}
    for msgid, text in entries.items():
        catalog[msgid] = text
    try:
        yield
    finally:
        for msgid, text in saved.items():
            if text is None:
                del catalog._catalogs[0][msgid]
            else:
                catalog[msgid] = text


def _messages() -> list[str]:
    refused = []
    for raw in (b"x" * 1_000_001, "a: &x 1\nb: *x\n"):
        with pytest.raises(DefinitionInvalid) as caught:
            read_document(raw)
        refused.append(caught.value.problems[0].message)
    with pytest.raises(expressions.ExpressionError) as rule:
        expressions.parse("a &")
    return [
        *refused,
        rule.value.message,
        *expressions.check(expressions.parse("b"), ["a"]),
        *(p.message for p in problems_of(changed(lambda d: d.pop("slug")))),
        *(p.message for p in problems_of(changed(lambda d: d["steps"][1].update(id="halter")))),
        locate(document(), "steps[0].fields[0].label").describe(),
    ]


GERMAN = [
    "Die Datei ist größer als 1 MB.",
    "YAML-Anker und -Verweise (& und *) sind nicht erlaubt.",
    "Unerwartetes Zeichen „&“ an Stelle 3 – meinten Sie „and“?",
    "Unbekannter Name „b“ an Stelle 1.",
    "„Kurzname“ fehlt; diese Angabe ist Pflicht.",
    "Die Kennung „halter“ haben mehrere Schritte; jeder braucht eine eigene.",
    "Schritt „Halterin oder Halter“ › Feld „Vornamen“ › Bezeichnung",
]
ENGLISH = {
    "Die Datei ist größer als 1 MB.": "The file is larger than 1 MB.",
    "YAML-Anker und -Verweise (& und *) sind nicht erlaubt.": "YAML anchors are not allowed.",
    "Unerwartetes Zeichen „%(char)s“ an Stelle %(place)s – meinten Sie „%(suggestion)s“?":
        "Unexpected character “%(char)s” at position %(place)s: did you mean “%(suggestion)s”?",
    "Unbekannter Name „%(name)s“ an Stelle %(place)s.": "Unknown name “%(name)s” at %(place)s.",
    "„%(attribute)s“ fehlt; diese Angabe ist Pflicht.": "“%(attribute)s” is missing.",
    "Kurzname": "Short name",
    "Die Kennung „%(id)s“ haben mehrere Schritte; jeder braucht eine eigene.":
        "Several steps have the id “%(id)s”.",
    "Schritt „%(name)s“": "Step “%(name)s”",
    "Feld „%(name)s“": "Field “%(name)s”",
    "Bezeichnung": "Label",
}  # fmt: skip


def test_messages_are_german_msgids_translated_when_they_are_made():
    with override("de"):
        assert _messages() == GERMAN
    with override("en"), english(ENGLISH):
        assert _messages() == [
            "The file is larger than 1 MB.",
            "YAML anchors are not allowed.",
            "Unexpected character “&” at position 3: did you mean “and”?",
            "Unknown name “b” at 1.",
            "“Short name” is missing.",
            "Several steps have the id “halter”.",
            "Step “Halterin oder Halter” › Field “Vornamen” › Label",
        ]
    with override("de"):
        assert _messages() == GERMAN

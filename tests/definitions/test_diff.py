"""The difference between two versions of a definition document (``definitions.diff``).

Requirement: on the shipped definitions with hand-made changes, every kind of change is
found with its old and new value: the definition's attributes (texts per language), the
workflow (replaced, or its states and transitions), steps added, removed, renamed, moved,
fields added, removed, changed (options too), moved between steps or into a group (one
"moved", not removed and added), rules apart with their old and new text, fees, decision
texts; defaults left out change nothing; a document against itself is empty; any two
JSON-like values are compared without raising; each change has one German sentence.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from rathaus.definitions.diff import Change, OptionChange, diff_documents
from rathaus.definitions.schema import ServiceDefinition
from rathaus.definitions.services import SHIPPED_DIR

SHIPPED = {path.stem: yaml.safe_load(path.read_text()) for path in SHIPPED_DIR.glob("*.yaml")}
WORKFLOW = {
    "initial": "neu",
    "states": [
        {"id": "neu", "label": "Neu", "deadline_days": 3},
        {"id": "entschieden", "label": {"de": "Entschieden", "en": "Decided"}, "final": True},
    ],
    "transitions": [
        {"id": "entscheiden", "label": "Entscheiden", "from": ["neu"], "to": "entschieden",
         "roles": ["clerk"], "needs": ["outcome", "reasons", "document"]},
    ],
}  # fmt: skip


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def shipped(name: str) -> dict[str, Any]:
    return copy.deepcopy(SHIPPED[name])


def field(document: dict[str, Any], field_id: str) -> dict[str, Any]:
    for step in document["steps"]:
        for candidate in step["fields"]:
            if candidate["id"] == field_id:
                return candidate
            for member in candidate.get("fields", []):
                if member["id"] == field_id:
                    return member
    raise KeyError(field_id)


def step(document: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(s for s in document["steps"] if s["id"] == step_id)


def take(document: dict[str, Any], step_id: str, field_id: str) -> dict[str, Any]:
    fields = step(document, step_id)["fields"]
    return fields.pop(next(i for i, f in enumerate(fields) if f["id"] == field_id))


# --- nothing changed ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_a_shipped_document_against_itself_and_its_stored_form_is_empty(name):
    document = shipped(name)
    assert diff_documents(document, shipped(name)).is_empty
    stored = ServiceDefinition.model_validate(document).to_document()
    diff = diff_documents(document, stored)
    assert diff.is_empty and diff.count == 0 and diff.sentences() == []


def test_defaults_written_out_or_left_out_are_the_same():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    field(new, "telefon").update(required=False, notes=[])
    field(new, "chipnummer").update(min_length=0, autocomplete=None, fim=None)
    new["fees"] = []
    new["workflow"] = "default"
    assert diff_documents(old, new).is_empty
    del new["login"]  # the default is "account", the document said "anonymous"
    diff = diff_documents(old, new)
    assert diff.attributes == (Change("login", "anonymous", "account"),)


# --- the definition itself and its workflow ----------------------------------------------


def test_the_definitions_own_attributes_are_compared_per_language():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    new["title"] = "Hund anmelden"  # the English title is gone, the German one is the same
    new["summary"]["de"] = "Neu."
    new["retention_days"] = 3650
    new["login"] = "account"
    del new["declaration"]
    diff = diff_documents(old, new)
    assert diff.attributes == (
        Change("title", "Register a dog", None, "en"),
        Change("summary", old["summary"]["de"], "Neu.", "de"),
        Change("login", "anonymous", "account"),
        Change("retention_days", 1825, 3650),
        Change("declaration", old["declaration"]["de"], None, "de"),
        Change("declaration", old["declaration"]["en"], None, "en"),
    )
    assert diff.count == 6
    assert "Leistung: Anmeldung von „Ohne Anmeldung“ auf „Mit Servicekonto“ geändert" in (
        diff.sentences()
    )
    assert "Leistung: Aufbewahrungsfrist (Tage) von 1825 auf 3650 geändert" in diff.sentences()


def test_a_workflow_of_its_own_replacing_the_default_lists_its_states_and_transitions():
    old, new = shipped("eheurkunde"), shipped("eheurkunde")
    new["workflow"] = copy.deepcopy(WORKFLOW)
    workflow = diff_documents(old, new).workflow
    assert workflow is not None and workflow.replaced
    assert (workflow.old, workflow.new) == ("default", WORKFLOW)
    assert [(s.key, s.kind) for s in workflow.states] == [
        ("neu", "added"),
        ("entschieden", "added"),
    ]
    assert [(t.key, t.kind) for t in workflow.transitions] == [("entscheiden", "added")]
    assert workflow.sentences()[0] == (
        "Bearbeitungsablauf von „Standardablauf“ auf einen eigenen Ablauf geändert"
    )


def test_changes_inside_a_workflow_of_its_own():
    old, new = shipped("eheurkunde"), shipped("eheurkunde")
    old["workflow"], new["workflow"] = copy.deepcopy(WORKFLOW), copy.deepcopy(WORKFLOW)
    spec = new["workflow"]
    spec["initial"] = "pruefung"
    spec["states"][0] = {"id": "pruefung", "label": "Prüfung"}
    spec["states"][1]["label"]["en"] = "Closed"
    spec["transitions"][0]["from"] = ["pruefung"]
    spec["transitions"][0]["needs"] = ["outcome"]
    workflow = diff_documents(old, new).workflow
    assert workflow is not None and not workflow.replaced
    assert workflow.changes == (Change("initial", "neu", "pruefung"),)
    assert {(s.key, s.kind) for s in workflow.states} == {
        ("pruefung", "added"), ("neu", "removed"), ("entschieden", "changed")
    }  # fmt: skip
    changed = next(s for s in workflow.states if s.kind == "changed")
    assert changed.changes == (Change("label", "Decided", "Closed", "en"),)
    (transition,) = workflow.transitions
    assert transition.changes == (
        Change("from", ["neu"], ["pruefung"]),
        Change("needs", ["outcome", "reasons", "document"], ["outcome"]),
    )
    assert "Übergang „Entscheiden“: Von Status von „neu“ auf „pruefung“ geändert" in (
        workflow.sentences()
    )


# --- steps -------------------------------------------------------------------------------


def test_steps_added_removed_renamed_and_moved():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    new["steps"].remove(step(new, "listenhund_nachweise"))
    hinweis = {"id": "hinweis", "type": "info", "label": "Hinweis", "text": "Bitte lesen."}
    new["steps"].insert(0, {"id": "start", "title": "Los geht's", "fields": [hinweis]})
    step(new, "hund")["title"]["de"] = "Ihr Tier"
    step(new, "hund")["intro"] = "Erzählen Sie uns von Ihrem Hund."
    new["steps"].append(new["steps"].pop(1))  # "halter" goes to the end
    diff = diff_documents(old, new)
    assert [(s.key, s.kind, s.moved) for s in diff.steps] == [
        ("start", "added", False),
        ("hund", "changed", False),
        ("halter", "changed", True),
        ("listenhund_nachweise", "removed", False),
    ]
    assert diff.steps[1].changes == (
        Change("title", "Ihr Hund", "Ihr Tier", "de"),
        Change("intro", None, "Erzählen Sie uns von Ihrem Hund."),
    )
    assert diff.steps[2].changes == ()
    sentences = diff.sentences()
    assert "Schritt „Los geht's“ hinzugefügt" in sentences
    assert "Schritt „Ihr Tier“: Titel (Deutsch) von „Ihr Hund“ auf „Ihr Tier“ geändert" in sentences
    assert "Schritt „Halterin oder Halter“ an eine andere Stelle verschoben" in sentences
    assert "Schritt „Nachweise für gefährliche Hunde“ entfernt" in sentences
    removed = {f.key for f in diff.fields if f.kind == "removed"}
    assert removed == {"sachkundenachweis", "wesenspruefung", "erlaubnis"}
    assert [(f.key, f.kind) for f in diff.fields if f.kind == "added"] == [("hinweis", "added")]


def test_a_step_rule_is_listed_with_the_rules():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    step(new, "listenhund_nachweise")["visible_if"] = "listenhund == true or weitere_hunde > 2"
    diff = diff_documents(old, new)
    assert diff.steps == () and diff.fields == ()
    (rule,) = diff.rules
    assert (rule.section, rule.key, rule.attribute) == (
        "step",
        "listenhund_nachweise",
        "visible_if",
    )
    assert (rule.old, rule.new) == ("listenhund == true", "listenhund == true or weitere_hunde > 2")
    assert diff.sentences() == [
        "Schritt „Nachweise für gefährliche Hunde“: Regel „Anzeigen, wenn“ geändert von "
        "„listenhund == true“ auf „listenhund == true or weitere_hunde > 2“"
    ]


# --- fields ------------------------------------------------------------------------------


def test_a_field_added_and_one_removed():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    take(old, "halter", "vornamen")
    take(new, "hund", "farbe")
    diff = diff_documents(old, new)
    assert [(f.key, f.kind) for f in diff.fields] == [("vornamen", "added"), ("farbe", "removed")]
    added, removed = diff.fields
    assert added.old_place is None and added.new_place.step == "halter"
    assert removed.new_place is None and removed.old_place.step == "hund"
    assert diff.sentences() == [
        "Feld „Vornamen“ hinzugefügt in Schritt „Halterin oder Halter“",
        "Feld „Farbe“ entfernt aus Schritt „Ihr Hund“",
    ]


def test_a_field_moved_to_another_step_is_moved_with_its_changes():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    moved = take(new, "hund", "farbe")
    moved["max_length"] = 40
    step(new, "halter")["fields"].append(moved)
    diff = diff_documents(old, new)
    (farbe,) = diff.fields
    assert (farbe.key, farbe.kind) == ("farbe", "moved")
    assert (farbe.old_place.step, farbe.new_place.step) == ("hund", "halter")
    assert farbe.changes == (Change("max_length", 80, 40),)
    assert diff.sentences() == [
        "Feld „Farbe“ verschoben von Schritt „Ihr Hund“ nach Schritt „Halterin oder Halter“",
        "Feld „Farbe“: Höchstlänge von 80 auf 40 geändert",
    ]
    assert diff.count == 2


def test_changed_attributes_of_a_field_with_old_and_new_values():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    rasse = field(new, "rasse")
    rasse["label"] = {"de": "Rasse des Hundes", "en": "Breed"}
    del rasse["help"]["en"]
    rasse["required"] = False
    rasse["type"] = "textarea"
    diff = diff_documents(old, new)
    (changed,) = diff.fields
    assert changed.kind == "changed" and changed.name == "Rasse des Hundes"
    assert changed.changes == (
        Change("type", "text", "textarea"),
        Change("label", "Rasse", "Rasse des Hundes", "de"),
        Change("help", field(old, "rasse")["help"]["en"], None, "en"),
        Change("required", True, False),
    )
    sentences = diff.sentences()
    assert (
        "Feld „Rasse des Hundes“: Feldtyp von „Text (eine Zeile)“ auf „Langer Text“ geändert"
        in (sentences)
    )
    assert "Feld „Rasse des Hundes“: Hilfetext (Englisch) entfernt" in sentences
    assert "Feld „Rasse des Hundes“: Pflichtfeld von ja auf nein geändert" in sentences


def test_a_changed_type_compares_the_defaults_of_each_type():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    field(new, "farbe")["type"] = "textarea"
    del field(new, "farbe")["max_length"]
    del field(old, "farbe")["max_length"]
    (farbe,) = diff_documents(old, new).fields
    assert farbe.changes == (Change("type", "text", "textarea"), Change("max_length", 200, 4000))


def test_options_added_removed_and_relabelled():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    options = field(new, "ermaessigung_grund")["options"]
    options[0]["label"]["en"] = "Assistance dog"
    options.pop(1)
    options.append({"value": "zuechter", "label": "Züchterin oder Züchter"})
    (grund,) = diff_documents(old, new).fields
    assert grund.changes == ()
    assert grund.options == (
        OptionChange(
            "assistenzhund",
            "relabelled",
            field(old, "ermaessigung_grund")["options"][0]["label"],
            options[0]["label"],
        ),
        OptionChange("zuechter", "added", None, "Züchterin oder Züchter"),
        OptionChange(
            "tierheim",
            "removed",
            {"de": "Hund aus einem Tierheim", "en": "Dog from an animal shelter"},
            None,
        ),
    )
    assert grund.sentences() == [
        "Feld „Grund“: Beschriftung der Auswahlmöglichkeit „Blindenführhund oder anderer "
        "Assistenzhund“ geändert",
        "Feld „Grund“: Auswahlmöglichkeit „Züchterin oder Züchter“ hinzugefügt",
        "Feld „Grund“: Auswahlmöglichkeit „Hund aus einem Tierheim“ entfernt",
    ]


def test_an_option_moved_to_the_top_is_the_only_one_moved():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    options = field(new, "ermaessigung_grund")["options"]
    options.insert(0, options.pop())
    (grund,) = diff_documents(old, new).fields
    assert [(o.value, o.kind) for o in grund.options] == [("sonstiges", "moved")]


def test_fields_of_a_group_are_matched_by_id_and_moving_out_of_a_group_is_a_move():
    old, new = shipped("elterngeld"), shipped("elterngeld")
    kinder = field(new, "kinder")
    member = kinder["fields"].pop(1)  # kind_familienname
    kinder["fields"][0]["max_length"] = 80  # kind_vorname
    kinder["fields"].append({"id": "kind_steuer_id", "type": "text", "label": "Steuer-ID"})
    step(new, "kinder")["fields"].append(member)
    diff = diff_documents(old, new)
    kinds = {f.key: f for f in diff.fields}
    assert set(kinds) == {"kind_vorname", "kind_familienname", "kind_steuer_id"}
    assert kinds["kind_vorname"].changes == (Change("max_length", 120, 80),)
    assert kinds["kind_steuer_id"].kind == "added"
    assert kinds["kind_steuer_id"].new_place.group == "kinder"
    moved = kinds["kind_familienname"]
    assert moved.kind == "moved" and moved.old_place.group == "kinder"
    assert moved.new_place.group is None
    assert (
        "Feld „Steuer-ID“ hinzugefügt in Gruppe „Kinder“ in Schritt „Ihr Kind oder Ihre Kinder“"
        in diff.sentences()
    )


def test_a_field_reordered_within_its_step():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    fields = step(new, "halter")["fields"]
    fields.insert(0, fields.pop(3))  # anschrift first
    (anschrift,) = diff_documents(old, new).fields
    assert (anschrift.key, anschrift.kind, anschrift.reordered) == ("anschrift", "changed", True)
    assert anschrift.sentences() == ["Feld „Anschrift“ an eine andere Stelle verschoben"]


# --- rules, fees, decision texts ---------------------------------------------------------


def test_rules_are_listed_apart_with_old_and_new_text():
    old, new = shipped("reisepass"), shipped("reisepass")
    new["fees"][0]["when"] = "age(geburtsdatum) >= 26"
    new["fees"][1]["quantity"] = "1"
    old_rule = next(f for _p, f in all_fields(old) if f.get("visible_if"))
    target = field(new, old_rule["id"])
    target["visible_if"] = None
    target["required_if"] = "true"
    diff = diff_documents(old, new)
    rules = {(r.section, r.key, r.attribute): (r.old, r.new) for r in diff.rules}
    assert rules == {
        ("field", old_rule["id"], "visible_if"): (old_rule["visible_if"], None),
        ("field", old_rule["id"], "required_if"): (old_rule.get("required_if"), "true"),
        ("fee", "reisepass", "when"): ("age(geburtsdatum) >= 24", "age(geburtsdatum) >= 26"),
        ("fee", "reisepass_unter_24", "quantity"): (None, "1"),
    }
    assert diff.fields == () and diff.fees == ()
    assert diff.count == 4
    assert "Gebühr „Reisepass (ab 24 Jahren)“: Regel „Fällig, wenn“ geändert von " \
        "„age(geburtsdatum) >= 24“ auf „age(geburtsdatum) >= 26“" in diff.sentences()  # fmt: skip


def all_fields(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(s["id"], f) for s in document["steps"] for f in s["fields"]]


def test_fees_added_removed_and_changed():
    old, new = shipped("reisepass"), shipped("reisepass")
    new["fees"].pop(0)
    new["fees"][0]["amount"] = "39.00"
    new["fees"].append({"id": "nachtzuschlag", "label": "Nachtzuschlag", "amount": "32.00"})
    diff = diff_documents(old, new)
    assert [(f.key, f.kind) for f in diff.fees] == [
        ("reisepass_unter_24", "changed"),
        ("nachtzuschlag", "added"),
        ("reisepass", "removed"),
    ]
    assert diff.fees[0].changes == (Change("amount", "37.50", "39.00"),)
    assert "Gebühr „Reisepass (unter 24 Jahren)“: Betrag von „37.50“ auf „39.00“ geändert" in (
        diff.sentences()
    )


def test_decision_texts_by_outcome():
    old, new = shipped("eheurkunde"), shipped("eheurkunde")
    new["decision_texts"][0]["text"]["de"] = "Bewilligt: {reference}."
    new["decision_texts"].pop(1)
    new["decision_texts"].append({"outcome": "teilweise", "text": "Teilweise: {reference}."})
    diff = diff_documents(old, new)
    assert [(d.key, d.kind) for d in diff.decision_texts] == [
        ("bewilligt", "changed"),
        ("teilweise", "added"),
        ("abgelehnt", "removed"),
    ]
    assert diff.decision_texts[0].changes == (
        Change("text", old["decision_texts"][0]["text"]["de"], "Bewilligt: {reference}.", "de"),
    )
    assert "Bescheidtext „teilweise bewilligt“ hinzugefügt" in diff.sentences()
    assert "Bescheidtext „bewilligt“: Text (Deutsch) geändert" in diff.sentences()


def test_the_count_is_one_per_change():
    old, new = shipped("hund-anmelden"), shipped("hund-anmelden")
    new["title"]["en"] = "Dog registration"  # 1
    take(new, "hund", "farbe")  # 1
    field(new, "rasse")["max_length"] = 100  # 1
    field(new, "chipnummer")["required_if"] = None  # 1
    new["fees"] = [{"id": "marke", "label": "Hundemarke", "amount": "5.00"}]  # 1
    diff = diff_documents(old, new)
    assert diff.count == 5 == len(diff.sentences())


# --- drafts of any shape -----------------------------------------------------------------


def test_drafts_of_an_unexpected_shape_are_compared_as_values():
    old = shipped("hund-anmelden")
    new = {"title": ["kaputt"], "steps": "keine", "fees": [None, 3, {"id": 7}], "workflow": 1}
    diff = diff_documents(old, new)
    assert Change("steps", old["steps"], "keine") in diff.attributes
    assert Change("title", old["title"], ["kaputt"]) in diff.attributes
    assert diff.workflow is not None and diff.workflow.new == 1
    assert [f.kind for f in diff.fees] == ["added"] * 3
    assert diff.count == len(diff.sentences()) > 10
    assert diff_documents([], None).is_empty  # type: ignore[arg-type]
    no_ids = {"steps": [{"fields": [{"label": "A"}, "b"]}]}
    assert diff_documents(no_ids, copy.deepcopy(no_ids)).is_empty
    changed = {"steps": [{"fields": [{"label": "A"}, "c"]}]}
    (second,) = diff_documents(no_ids, changed).fields
    assert second.key == "steps[0].fields[1]" and second.changes == (Change("value", "b", "c"),)


LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.decimals(allow_nan=False).map(str)
)  # fmt: skip
KEYS = st.sampled_from(
    ["id", "type", "label", "title", "steps", "fields", "options", "value", "workflow",
     "states", "transitions", "initial", "from", "fees", "amount", "when", "quantity",
     "decision_texts", "outcome", "text", "visible_if", "required_if", "de", "en", "login"]
) | st.text(max_size=4)  # fmt: skip
JSONISH = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=40,
)
DOCUMENTS = st.dictionaries(KEYS, JSONISH, max_size=8)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@st.composite
def mutated_shipped(draw: Any) -> dict[str, Any]:
    document = shipped(draw(st.sampled_from(sorted(SHIPPED))))
    for _ in range(draw(st.integers(0, 4))):
        path = draw(st.sampled_from(paths(document)[1:]))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = draw(JSONISH)
    return document


ANY_DOCUMENT = DOCUMENTS | mutated_shipped()


@settings(max_examples=150, deadline=None)
@given(document=ANY_DOCUMENT)
def test_any_document_against_itself_is_empty(document):
    assert diff_documents(document, copy.deepcopy(document)).is_empty


@settings(max_examples=250, deadline=None)
@given(old=ANY_DOCUMENT | JSONISH, new=ANY_DOCUMENT | JSONISH)
def test_diffing_any_two_values_never_raises_and_counts_each_change(old, new):
    diff = diff_documents(old, new)
    sentences = diff.sentences()
    assert all(isinstance(sentence, str) and sentence for sentence in sentences)
    assert diff.count == len(sentences)
    assert diff.is_empty is (diff.count == 0)
    assert diff_documents(new, old).count == diff.count

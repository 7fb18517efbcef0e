"""The guided rule editor (``expressions.guided``).

Requirement: ``compose`` writes rules the engine parses and evaluates as the conditions
say (text quoted and escaped, numbers as numbers, yes/no as true/false, dates as ISO
dates); ``decompose`` reads a flat chain of conditions back exactly
(``decompose(compose(g)) == g``) and gives ``None`` for anything else, or, with the field
types, for a rule it would not write back the same; every rule of the shipped definitions
either reads back and is written again with the same meaning, or is ``None``;
``problems`` says what the document validation says.
"""

from __future__ import annotations

import copy
import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rathaus.definitions import expressions
from rathaus.definitions.documents import DefinitionInvalid, validate_document
from rathaus.definitions.expressions.guided import (
    OPERATORS,
    Condition,
    Guided,
    compose,
    decompose,
    operator_label,
    operators_for,
    problems,
)
from rathaus.definitions.schema import ServiceDefinition
from rathaus.definitions.services import SHIPPED_DIR
from rathaus.definitions.vocabulary import FIELD_TYPES

DOCUMENTS = {path.stem: yaml.safe_load(path.read_text()) for path in SHIPPED_DIR.glob("*.yaml")}
DEFINITIONS = {name: ServiceDefinition.model_validate(doc) for name, doc in DOCUMENTS.items()}

IDS = st.from_regex(r"^[a-z][a-z0-9_]{0,62}$", fullmatch=True).filter(
    lambda name: name not in expressions.KEYWORDS
)
TEXTS = st.text(
    st.characters(codec="utf-8") | st.sampled_from(['"', "'", "\\", "ä", "ö", "ü", "ß", "„"]),
    max_size=20,
)
NUMBERS = st.decimals(-(10**6), 10**6, places=2).map(lambda number: format(number, "f"))
DATES = st.dates().map(date.isoformat)
ORDERING = ["==", "!=", "<", "<=", ">", ">="]
KINDS = ["text", "select", "radio", "number", "money", "date", "yesno", "checkboxes"]


def canonical_condition(field: str, kind: str) -> st.SearchStrategy[Condition]:
    """A condition as ``decompose`` gives it back for a field of this type."""
    presence = st.builds(Condition, st.just(field), st.sampled_from(["filled", "empty"]))
    values = {"number": NUMBERS, "money": NUMBERS, "date": DATES}.get(kind, TEXTS)
    operators = {
        "yesno": st.sampled_from(["==", "!="]),
        "checkboxes": st.sampled_from(["contains", "not_contains"]),
    }.get(kind, st.sampled_from(ORDERING))
    if kind == "yesno":
        values = st.sampled_from(["true", "false"])
    return presence | st.builds(Condition, st.just(field), operators, values)


@st.composite
def guided_rules(draw: Any, canonical: bool = True) -> tuple[Guided, dict[str, str]]:
    fields = draw(
        st.lists(
            st.tuples(IDS, st.sampled_from(KINDS)), min_size=1, max_size=3, unique_by=lambda f: f[0]
        )
    )
    types = dict(fields)
    chosen = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=4))
    if canonical:
        conditions = tuple(draw(canonical_condition(field, kind)) for field, kind in chosen)
    else:
        operators = st.sampled_from(list(OPERATORS))
        conditions = tuple(
            draw(st.builds(Condition, st.just(f), operators, TEXTS)) for f, _k in chosen
        )
    joiner = draw(st.sampled_from(["and", "or"])) if len(conditions) > 1 else "and"
    return Guided(joiner, conditions), types


# --- compose: what the engine makes of it ------------------------------------------------


def holds(text: str, **answers: Any) -> bool:
    return expressions.parse(text).truthy(answers)


def test_compose_writes_each_kind_of_value_as_the_engine_compares_it():
    def one(field, operator, value, kind):
        return compose(Guided("and", (Condition(field, operator, value),)), {field: kind})

    assert one("listenhund", "==", "true", "yesno") == "listenhund == true"
    assert one("weitere_hunde", ">=", "2", "number") == "weitere_hunde >= 2"
    assert one("betrag", "<", "12,50", "money") == "betrag < 12.50"
    assert one("zweck", "==", "sonstiges", "select") == 'zweck == "sonstiges"'
    assert one("name", "==", 'Ä "b" \\c', "text") == 'name == "Ä \\"b\\" \\\\c"'
    assert one("geburtsdatum", "<", "31.12.1999", "date") == 'geburtsdatum < "1999-12-31"'
    assert one("klassen", "contains", "B", "checkboxes") == '"B" in klassen'
    assert one("klassen", "not_contains", "B", "checkboxes") == '"B" not in klassen'
    assert one("telefon", "filled", "", "phone") == "telefon != null"
    assert one("telefon", "empty", "", "phone") == "telefon == null"
    assert one("plz", "==", "12", "text") == 'plz == "12"'
    assert one("anzahl", "==", "viele", "number") == 'anzahl == "viele"'


def test_composed_rules_evaluate_as_intended():
    rule = Guided(
        "and",
        (
            Condition("weitere_hunde", ">=", "2"),
            Condition("listenhund", "==", "false"),
            Condition("klassen", "contains", "B"),
        ),
    )
    types = {"weitere_hunde": "number", "listenhund": "yesno", "klassen": "checkboxes"}
    text = compose(rule, types)
    assert holds(text, weitere_hunde=Decimal(3), listenhund=False, klassen=["A", "B"])
    assert not holds(text, weitere_hunde=Decimal(1), listenhund=False, klassen=["B"])
    assert not holds(text, weitere_hunde=Decimal(3), listenhund=True, klassen=["B"])
    assert not holds(text, weitere_hunde=Decimal(3), listenhund=False, klassen=None)
    either = compose(Guided("or", rule.conditions), types)
    assert holds(either, weitere_hunde=Decimal(0), listenhund=True, klassen=["B"])
    assert not holds(either, weitere_hunde=Decimal(0), listenhund=True, klassen=["A"])
    born = compose(Guided("and", (Condition("geb", "<", "2000-01-01"),)), {"geb": "date"})
    assert holds(born, geb=date(1999, 12, 31)) and not holds(born, geb=date(2000, 1, 1))
    assert holds(born, geb="1999-06-30")


def answer_equal_to(condition: Condition, kind: str) -> Any:
    if condition.operator in ("filled", "empty"):
        return "etwas"
    if kind in ("number", "money"):
        return Decimal(condition.value)
    if kind == "date":
        return date.fromisoformat(condition.value)
    if kind == "yesno":
        return condition.value == "true"
    return [condition.value] if kind == "checkboxes" else condition.value


EXPECTED_FOR_AN_EQUAL_ANSWER = {
    "==": True, "!=": False, "<": False, "<=": True, ">": False, ">=": True,
    "contains": True, "not_contains": False, "filled": True, "empty": False,
}  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(rule=guided_rules())
def test_a_composed_condition_holds_for_an_answer_equal_to_its_value(rule):
    guided, types = rule
    for condition in guided.conditions:
        text = compose(Guided("and", (condition,)), types)
        answer = answer_equal_to(condition, types[condition.field])
        expected = EXPECTED_FOR_AN_EQUAL_ANSWER[condition.operator]
        assert holds(text, **{condition.field: answer}) is expected, text
        if condition.operator in ("filled", "empty"):
            assert holds(text, **{condition.field: None}) is (condition.operator == "empty")


@pytest.mark.parametrize("field", ["null", "and", "Name", "1a", "a-b", "", "a\n"])
def test_compose_refuses_a_field_id_that_is_no_name(field):
    with pytest.raises(ValueError):
        compose(Guided("and", (Condition(field, "==", "1"),)), {})


def test_compose_refuses_an_unknown_operator():
    with pytest.raises(ValueError):
        compose(Guided("and", (Condition("a", "ungefähr", "1"),)), {})


# --- decompose ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(rule=guided_rules())
def test_decompose_reads_back_what_compose_wrote(rule):
    guided, types = rule
    text = compose(guided, types)
    assert decompose(text) == guided
    assert decompose(text, types) == guided


@settings(max_examples=300, deadline=None)
@given(rule=guided_rules(canonical=False))
def test_any_composed_rule_reads_back_and_is_written_the_same_again(rule):
    guided, types = rule
    text = compose(guided, types)
    again = decompose(text, types)
    assert again is not None
    assert compose(again, types) == text


@pytest.mark.parametrize(
    "source",
    [
        "a == 1 and (b == 2 or c == 3)",
        "a == 1 and b == 2 or c == 3",
        "(a == 1 or b == 2) and c == 3",
        "age(geburtsdatum) < 18",
        "a == lower(b)",
        "not a == 1",
        "a",
        "a + 1 == 2",
        "a in [1, 2]",
        "a.b == 1",
        "1 == a",
        "a == b",
        "a < null",
        "1 in a",
        "a ==",
        "a = 1",
    ],
)
def test_what_is_not_a_flat_chain_of_conditions_does_not_decompose(source):
    assert decompose(source) is None


def test_decompose_of_the_empty_rule_is_no_condition():
    assert decompose("  ") == Guided("and", ())
    assert compose(Guided("and", ()), {}) == ""


def test_decompose_reads_negative_numbers_and_null():
    assert decompose("a > -5 or b == null") == Guided(
        "or", (Condition("a", ">", "-5"), Condition("b", "empty"))
    )


def test_with_field_types_decompose_refuses_what_it_would_write_differently():
    assert decompose("plz == 12") == Guided("and", (Condition("plz", "==", "12"),))
    assert decompose("plz == 12", {"plz": "text"}) is None
    assert decompose('anzahl == "2"', {"anzahl": "number"}) is None
    assert decompose('ja == "true"', {"ja": "yesno"}) is None
    assert decompose("ja == true", {"ja": "yesno"}) is not None


def shipped_rules() -> list[tuple[str, str]]:
    rules = []
    for name, definition in DEFINITIONS.items():
        owners = [*definition.steps, *(field for _path, field in definition.all_fields())]
        for owner in [*owners, *definition.fees]:
            for attribute in ("visible_if", "required_if", "when", "quantity"):
                if rule := getattr(owner, attribute, None):
                    rules.append((name, rule))
    return rules


def sample_answers(guided: Guided) -> list[Any]:
    values: list[Any] = [None, True, False, Decimal(0), Decimal(18), "", "anders", ["anders"]]
    for condition in guided.conditions:
        values += [condition.value, [condition.value]]
        if condition.value in ("true", "false"):
            values.append(condition.value == "true")
    return values


def test_every_shipped_rule_decomposes_to_the_same_meaning_or_not_at_all():
    decomposed = 0
    for name, rule in shipped_rules():
        types = {field.id: field.type for _p, field in DEFINITIONS[name].all_fields()}  # type: ignore[attr-defined]
        guided = decompose(rule, types)
        if guided is None:
            continue
        decomposed += 1
        original, again = expressions.parse(rule), expressions.parse(compose(guided, types))
        names = sorted(original.roots())
        assert sorted(again.roots()) == names
        for values in itertools.product(sample_answers(guided), repeat=len(names)):
            scope = dict(zip(names, values, strict=True))
            assert original.evaluate(scope) == again.evaluate(scope), (rule, scope)
    assert decomposed >= 30


def test_shipped_rules_outside_the_guided_form_give_none():
    types = {"verlustgrund": "radio", "klassen": "checkboxes", "geburtsdatum": "date"}
    assert decompose('verlustgrund in ["verloren", "gestohlen"]', types) is None
    assert decompose('"B" in klassen and age(geburtsdatum) < 18', types) is None
    assert decompose('"B" in klassen and geburtsdatum > "2008-01-01"', types) is not None


# --- problems and labels -----------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "hundname == true",
        "steuerermaessigung ==",
        "foo(1) == 2",
        "age(wurfdatum, 1) > 2",
        "steuerermaessigung = true",
        "steuerermaessigung == true",
    ],
)
def test_problems_are_those_of_the_document_validation(rule):
    document = copy.deepcopy(DOCUMENTS["hund-anmelden"])
    step = len(document["steps"]) - 1
    document["steps"][step]["fields"][0]["visible_if"] = rule
    path = f"steps[{step}].fields[0].visible_if"
    try:
        validate_document(document)
        expected: list[str] = []
    except DefinitionInvalid as invalid:
        expected = [p.message for p in invalid.problems if p.path == path]
    known = [field.id for _p, field in DEFINITIONS["hund-anmelden"].all_fields()]
    assert problems(rule, known) == expected
    assert bool(expected) is (rule != "steuerermaessigung == true")


def test_every_operator_has_a_german_label_and_every_field_type_its_operators():
    assert all(str(label).strip() for label in OPERATORS.values())
    assert operator_label("==") == "ist"
    assert operator_label("<", "date") == "liegt vor"
    assert operator_label("<", "number") == "kleiner als"
    for kind in FIELD_TYPES:
        assert set(operators_for(kind)) <= set(OPERATORS)
    assert operators_for("info") == ()
    assert "contains" in operators_for("checkboxes") and "<" not in operators_for("checkboxes")
    assert operators_for("unbekannt") == tuple(OPERATORS)

"""Property tests of the form engine on every shipped definition (hypothesis).

Requirement: random answers and random form posts never raise; answers generated to fit
every field's constraints always pass the whole check; a hidden field is never required.
"""

from __future__ import annotations

import string
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.definitions import engine
from rathaus.definitions.documents import load_definition
from rathaus.definitions.engine import DictData, build_scope, holds, read_step
from rathaus.definitions.schema import GroupField
from rathaus.definitions.services import SHIPPED_DIR

DEFINITIONS = {
    path.stem: load_definition(path.read_bytes()) for path in sorted(SHIPPED_DIR.glob("*.yaml"))
}
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.floats(allow_nan=True),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
VALID_ADDRESS = {
    "street": "Luisenplatz",
    "house_number": "5",
    "postal_code": "64283",
    "city": "Darmstadt",
    "municipality": "Darmstadt",
    "municipality_key": "06411000",
}


def per_definition(test):
    """Run a property test for every shipped definition, with the territory loaded."""
    test = given(data=st.data())(SETTINGS(test))
    return pytest.mark.django_db(pytest.mark.parametrize("name", DEFINITIONS)(test))


def field_ids(definition):
    return [field.id for _path, field in definition.all_fields()]


@per_definition
def test_random_answers_never_raise(hessen, name, data):
    definition = DEFINITIONS[name]
    ids = field_ids(definition)
    answers = data.draw(st.dictionaries(st.sampled_from(ids), JSONISH, max_size=len(ids)))
    engine.check_all(definition, answers)
    engine.compute_fees(definition, answers)
    for step in engine.visible_steps(definition, answers):
        engine.answer_rows(step, answers, "de")
        engine.raw_of_step(step, answers)


@per_definition
def test_random_posts_never_raise(hessen, name, data):
    definition = DEFINITIONS[name]
    step = data.draw(st.sampled_from(definition.steps))
    parts = ("day", "month", "year", "street", "postal_code", "municipality", "count")
    ids = field_ids(definition)
    names = [*ids, *(f"{i}__{p}" for i in ids for p in parts)]
    values = st.text(max_size=40) | st.lists(st.text(max_size=10), max_size=3)
    post = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=20))
    result = read_step(definition, step, DictData(post), {})
    assert isinstance(result.errors, dict)


def valid_value(field):
    """A strategy for a stored value that satisfies every constraint of the field."""
    kind = field.type
    if kind in ("text", "textarea"):
        return _text(field)
    if kind in ("number", "money"):
        low = field.min if field.min is not None else Decimal(0)
        high = field.max if field.max is not None else low + 1000
        places = 0 if kind == "number" and field.integer else 2
        return st.decimals(low, high, places=places, allow_nan=False, allow_infinity=False).map(
            lambda d: str(d.quantize(Decimal(1) if places == 0 else Decimal("0.01")))
        )
    if kind == "date":
        return _date(field)
    simple = {
        "email": st.just("person@example.org"),
        "phone": st.just("06151 123456"),
        "iban": st.just("DE89 3704 0044 0532 0130 00"),
        "yesno": st.booleans(),
        "address": st.just(VALID_ADDRESS),
    }
    if kind in simple:
        return simple[kind]
    if kind in ("select", "radio"):
        return st.sampled_from([o.value for o in field.options])
    if kind == "checkboxes":
        return _checkboxes(field)
    if kind == "file":
        files = st.builds(_file_answer, st.integers(0, 99))
        return st.lists(files, min_size=1, max_size=field.max_files, unique_by=lambda f: f["id"])
    raise AssertionError(f"no strategy for {kind}")


def _file_answer(number: int) -> dict:
    uuid = f"00000000-0000-0000-0000-{number:012d}"
    return {"id": uuid, "name": "a.pdf", "type": "application/pdf", "size": 10}


def _text(field):
    low, high = max(field.min_length, 1), field.max_length
    if getattr(field, "pattern", None):
        return st.from_regex(field.pattern, fullmatch=True).filter(
            lambda s: s == s.strip() and low <= len(s) <= high and "\x00" not in s
        )
    alphabet = string.ascii_letters + "äöüßÄÖÜ -."
    return (
        st.text(alphabet, min_size=low, max_size=min(high, 60))
        .map(str.strip)
        .filter(lambda s: low <= len(s) <= high)
    )


def _date(field):
    today = date.today()
    low = date(1930, 1, 1) if not field.not_past else today
    high = today if field.not_future else today + timedelta(days=3000)
    if field.min:
        low = max(low, today if field.min == "today" else date.fromisoformat(field.min))
    if field.max:
        high = min(high, today if field.max == "today" else date.fromisoformat(field.max))
    return st.dates(low, high).map(date.isoformat)


def _checkboxes(field):
    values = [o.value for o in field.options]
    top = min(field.max_selected or len(values), len(values))
    return st.lists(st.sampled_from(values), min_size=max(field.min_selected, 1), max_size=top,
                    unique=True).map(lambda chosen: [v for v in values if v in chosen])  # fmt: skip


def valid_answers(definition):
    parts = {}
    for step in definition.steps:
        for field in step.fields:
            if not field.has_value:
                continue
            if isinstance(field, GroupField):
                item = st.fixed_dictionaries(
                    {m.id: valid_value(m) for m in field.fields if m.has_value}
                )
                parts[field.id] = st.lists(
                    item, min_size=max(field.min_items, 1), max_size=min(field.max_items, 3)
                )
            else:
                parts[field.id] = valid_value(field)
    return st.fixed_dictionaries(parts)


@per_definition
def test_generated_valid_answers_pass(hessen, name, data):
    definition = DEFINITIONS[name]
    answers = data.draw(valid_answers(definition))
    _clean, open_step = engine.check_all(definition, answers)
    assert open_step is None


@per_definition
def test_hidden_fields_are_never_required(hessen, name, data):
    definition = DEFINITIONS[name]
    answers = data.draw(valid_answers(definition))
    for step in definition.steps:
        empty = {k: v for k, v in answers.items() if k not in {f.id for f in step.fields}}
        result = read_step(definition, step, DictData({}), empty)
        scope = build_scope(definition, empty)
        for field in step.fields:
            if not holds(field.visible_if, scope):
                assert not any(key.split("__")[0] == field.id for key in result.errors)

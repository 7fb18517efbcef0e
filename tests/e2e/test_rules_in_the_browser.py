"""The browser evaluates rules as the server does (issue 12).

Requirement: ``definitions/rules.js`` gives the same truth value as
``rathaus.definitions.expressions`` for every rule of the shipped definitions and a corpus
of rules using every operator and function, over generated answers (numbers, dates, text,
yes/no, lists, missing values). The browser only shows and hides fields; a disagreement
would hide a field the server asks for, so it must not exist.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.definitions.documents import load_definition
from rathaus.definitions.expressions import parse, portable, values
from rathaus.definitions.services import SHIPPED_DIR
from tests.e2e.test_conditional_fields import _first_step

pytestmark = pytest.mark.e2e
TODAY = date(2026, 12, 7)


def _shipped_rules() -> list[str]:
    rules = set()
    for path in SHIPPED_DIR.glob("*.yaml"):
        definition = load_definition(path.read_bytes())
        for _path, field in definition.all_fields():
            rules.update(r for r in (field.visible_if, field.required_if) if r)
        rules.update(s.visible_if for s in definition.steps if s.visible_if)
    return sorted(rules)


CORPUS = [
    "a == b", "a != b", "a < b", "a <= b", "a > b", "a >= b", "a in b", "a not in b",
    "not a", "a and b or c", "not (a or b) and c", "-a < b", "a + b > c", "a - b == c",
    "a * 2 == b", "a / b > 1", "a / 0 == null", "(a + b) * c >= 10", "a == 1.5",
    'a == "x"', 'a in ["x", "y"]', '"x" in a', "a == true", "a == false", "a == null",
    "[a, b] == [1, 2]", "age(a) < 18", "age(a) >= 24", "days_between(a, b) > 30",
    "a < today()", "a >= today()", "count(a) > 1", "empty(a)", "not empty(b)",
    'lower(a) == "x"', "number(a) > 2", 'contains(a, "x")', "count(a) == count(b)",
    "a == b and b == c", "a", "b or c",
]  # fmt: skip
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.decimals(min_value=-1000, max_value=1000, places=2),
    st.sampled_from([Decimal(0), Decimal(1), Decimal("1.5"), Decimal(2), Decimal(10)]),
    DATES,
    st.sampled_from(["x", "y", "X", "", "2", "2,5", "2000-01-01", "xy"]),
)
VALUES = st.one_of(SCALARS, st.lists(st.sampled_from(["x", "y", "z"]), max_size=3))


@pytest.fixture
def browser_rules(page, catalogue, monkeypatch):
    monkeypatch.setattr(values, "clock", lambda: TODAY)
    _first_step(page)  # a page that loads rules.js
    return page


def test_the_browser_agrees_with_the_server(browser_rules):
    page = browser_rules
    shipped = _shipped_rules()
    rules = [(rule, parse(rule)) for rule in [*CORPUS, *shipped]]
    roots = sorted({root for _rule, expression in rules for root in expression.roots()})
    compared = {"count": 0}

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(scope=st.fixed_dictionaries({root: VALUES for root in roots}))
    def agree(scope):
        payload = json.dumps(
            {
                "rules": [portable.tree_of(expression) for _rule, expression in rules],
                "scope": portable.value_of(scope),
                "today": portable.value_of(TODAY),
            }
        )
        in_browser = page.evaluate(
            "p => { p = JSON.parse(p); "
            "return p.rules.map(t => window.RathausRules.check(t, p.scope, p.today)); }",
            payload,
        )
        on_server = [expression.truthy(scope) for _rule, expression in rules]
        for (rule, _expression), server, browser in zip(rules, on_server, in_browser, strict=True):
            assert server == browser, (rule, scope, server, browser)
        compared["count"] += len(rules)

    agree()
    assert compared["count"] >= 80 * len(rules)

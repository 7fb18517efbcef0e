"""Rules and values in a JSON form the browser evaluates (``definitions/rule-language.js``).

The server parses a rule once and hands the browser its syntax tree, never the source
text: the browser needs no parser, and both sides evaluate the very same tree. The server
stays the authority; the browser only shows and hides fields while a person types.

Nodes are JSON arrays whose first item names the kind::

    ["lit", value]                 ["list", node, ...]          ["path", "a", "b", ...]
    ["call", name, node, ...]      ["not", node]                ["neg", node]
    ["and", node, ...]             ["or", node, ...]
    ["arith", node, [op, node], ...]                            ["cmp", op, left, right]

Values: numbers are ``{"$n": "12.5"}`` (decimal text, so no precision is lost on the way),
dates ``{"$d": "2026-12-07"}`` (``$`` cannot start a field id), everything else plain JSON.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rathaus.definitions.expressions.tree import (
    Expression,
    _Arithmetic,
    _BoolChain,
    _Call,
    _Compare,
    _List,
    _Literal,
    _Node,
    _Path,
    _Unary,
)

__all__ = ["tree_of", "value_of"]

_MAX_VALUE_DEPTH = 32


def tree_of(expression: Expression) -> list[Any]:
    """The rule's syntax tree as JSON-ready lists."""
    return _node(expression.tree)


def _node(node: _Node) -> list[Any]:  # noqa: C901 - one branch per node kind
    if isinstance(node, _Literal):
        return ["lit", value_of(node.value)]
    if isinstance(node, _List):
        return ["list", *(_node(item) for item in node.items)]
    if isinstance(node, _Path):
        return ["path", *node.parts]
    if isinstance(node, _Call):
        return ["call", node.name, *(_node(arg) for arg in node.args)]
    if isinstance(node, _Unary):
        return ["not" if node.operator == "not" else "neg", _node(node.operand)]
    if isinstance(node, _BoolChain):
        return [node.operator, *(_node(operand) for operand in node.operands)]
    if isinstance(node, _Arithmetic):
        return ["arith", _node(node.first), *([op, _node(arg)] for op, arg in node.rest)]
    if isinstance(node, _Compare):
        return ["cmp", node.operator, _node(node.left), _node(node.right)]
    raise TypeError(f"unknown rule node {type(node).__name__}")


def value_of(value: Any, depth: int = 0) -> Any:
    """A value as rules see it (Decimal, date, lists, dicts ...) in the portable form."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal | int | float):
        number = Decimal(str(value))
        return {"$n": str(number)} if number.is_finite() else None
    if isinstance(value, date):
        return {"$d": value.isoformat()[:10]}
    if depth >= _MAX_VALUE_DEPTH:
        return None
    if isinstance(value, list | tuple):
        return [value_of(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {str(key): value_of(item, depth + 1) for key, item in value.items()}
    return None

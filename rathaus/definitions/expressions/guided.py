"""The guided rule editor: a rule as conditions "field — operator — value" joined by one word.

Most rules designers write are a few such conditions joined by ``and`` or ``or``
(``steuerermaessigung == true``, ``"B" in klassen and alter >= 17``). ``compose`` writes
such a ``Guided`` rule in the rule language, ``decompose`` reads a rule back into it, or
gives ``None`` when the rule says more than that (parentheses, functions, arithmetic, lists,
``not``): then the designer edits the text. Given the field types, ``decompose`` also
refuses a rule that ``compose`` would not write back with the same meaning, so the guided
editor never changes what a rule says. ``problems`` gives the messages the document
validation gives for a rule.

Operators: ``==`` ``!=`` ``<`` ``<=`` ``>`` ``>=`` compare the answer with the value;
``contains`` / ``not_contains`` test one value of a multiple choice (or a piece of a text)
and write ``"value" in field``; ``filled`` and ``empty`` write ``field != null`` and
``field == null``. Yes/no fields use ``==`` with the value ``true`` or ``false``: one way to
write each rule keeps ``decompose(compose(rule)) == rule``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rathaus.definitions import expressions
from rathaus.definitions.expressions.tree import (
    _BoolChain,
    _Compare,
    _Literal,
    _Node,
    _Path,
    _Unary,
)
from rathaus.definitions.schema import IDENTIFIER

__all__ = [
    "DATE_OPERATORS",
    "OPERATORS",
    "Condition",
    "Guided",
    "compose",
    "decompose",
    "operator_label",
    "operators_for",
    "problems",
]

OPERATORS: dict[str, str | Promise] = {
    "==": _("ist"),
    "!=": _("ist nicht"),
    "<": _("kleiner als"),
    "<=": _("kleiner oder gleich"),
    ">": _("größer als"),
    ">=": _("größer oder gleich"),
    "contains": _("enthält"),
    "not_contains": _("enthält nicht"),
    "filled": _("ist ausgefüllt"),
    "empty": _("ist leer"),
}
DATE_OPERATORS: dict[str, str | Promise] = {
    "<": _("liegt vor"),
    "<=": _("liegt am oder vor"),
    ">": _("liegt nach"),
    ">=": _("liegt am oder nach"),
}
_COMPARE = ("==", "!=", "<", "<=", ">", ">=")
_PRESENCE = ("filled", "empty")
_MEMBERSHIP = {"contains": "in", "not_contains": "not in"}
_BY_TYPE: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("text", "textarea", "email", "phone", "iban"),
                    ("==", "!=", "contains", "not_contains", *_PRESENCE)),
    **dict.fromkeys(("number", "money", "date"), (*_COMPARE, *_PRESENCE)),
    **dict.fromkeys(("select", "radio", "yesno"), ("==", "!=", *_PRESENCE)),
    "checkboxes": ("contains", "not_contains", *_PRESENCE),
    **dict.fromkeys(("address", "file", "group"), _PRESENCE),
    "info": (),
}  # fmt: skip
_YES_NO = {"true": "true", "false": "false", "ja": "true", "nein": "false"}
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_IDENTIFIER = re.compile(IDENTIFIER)


@dataclass(frozen=True)
class Condition:
    """``value`` as the designer gives it: text, a number, ``true``/``false``, a date;
    empty for ``filled`` and ``empty``."""

    field: str
    operator: str
    value: str = ""


@dataclass(frozen=True)
class Guided:
    """Conditions joined by one word; a single condition reads back with ``and``."""

    joiner: Literal["and", "or"]
    conditions: tuple[Condition, ...]


def operators_for(field_type: str) -> tuple[str, ...]:
    """The operators that make sense for a field type (all of them for an unknown type)."""
    return _BY_TYPE.get(field_type, tuple(OPERATORS))


def operator_label(operator: str, field_type: str = "") -> str:
    """The operator in words; for dates "liegt vor" rather than "kleiner als"."""
    labels = {**OPERATORS, **DATE_OPERATORS} if field_type == "date" else OPERATORS
    return str(labels.get(operator, operator))


def compose(guided: Guided, field_types: Mapping[str, str]) -> str:
    """The rule in the rule language (the empty text for no conditions); raises
    ``ValueError`` for an unknown operator or a field id that cannot be a name in a rule."""
    joiner = f" {guided.joiner} "
    return joiner.join(_written(c, field_types.get(c.field, "text")) for c in guided.conditions)


def decompose(source: str, field_types: Mapping[str, str] | None = None) -> Guided | None:
    """The guided form of a rule, or ``None`` when it is not a flat chain of conditions
    (or, with ``field_types``, when ``compose`` would not write it back the same)."""
    if not isinstance(source, str):
        return None
    if not source.strip():
        return Guided("and", ())
    try:
        tree = expressions.parse(source).tree
    except expressions.ExpressionError:
        return None
    joiner, parts = (
        (tree.operator, tree.operands) if isinstance(tree, _BoolChain) else ("and", (tree,))
    )
    conditions = tuple(c for c in (_read(part) for part in parts) if c is not None)
    if len(conditions) != len(parts):
        return None
    guided = Guided("or" if joiner == "or" else "and", conditions)
    if field_types is not None and _shape(tree) != _shape(_reparsed(guided, field_types)):
        return None
    return guided


def problems(source: str, known_fields: Collection[str]) -> list[str]:
    """The messages the document validation gives for this rule (empty when it is fine)."""
    try:
        expression = expressions.parse(source)
    except expressions.ExpressionError as error:
        return [error.message]
    return expressions.check(expression, known_fields)


# --- writing -----------------------------------------------------------------------------


def _written(condition: Condition, field_type: str) -> str:
    name, operator, value = _name(condition.field), condition.operator, condition.value
    if operator in _PRESENCE:
        return f"{name} {'!=' if operator == 'filled' else '=='} null"
    if operator in _MEMBERSHIP:
        return f"{_string(value)} {_MEMBERSHIP[operator]} {name}"
    if operator in _COMPARE:
        return f"{name} {operator} {_value(value, field_type)}"
    raise ValueError(f"Unknown operator {operator!r}")


def _name(field: str) -> str:
    if (
        not isinstance(field, str)
        or not _IDENTIFIER.fullmatch(field)
        or field in expressions.KEYWORDS
    ):
        raise ValueError(f"{field!r} cannot be named in a rule")
    return field


def _value(value: str, field_type: str) -> str:
    text = value.strip()
    if field_type in ("number", "money") and _NUMBER.fullmatch(text):
        return format(Decimal(text.replace(",", ".")), "f")
    if field_type == "yesno" and text.lower() in _YES_NO:
        return _YES_NO[text.lower()]
    if field_type == "date" and (german := _GERMAN_DATE.fullmatch(text)):
        day, month, year = (int(part) for part in german.groups())
        try:
            return _string(date(year, month, day).isoformat())
        except ValueError:
            return _string(value)
    return _string(value)


def _string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- reading -----------------------------------------------------------------------------


def _read(node: _Node) -> Condition | None:
    if not isinstance(node, _Compare):
        return None
    if node.operator in ("in", "not in"):
        field, item = _field(node.right), node.left
        if field is None or not (isinstance(item, _Literal) and isinstance(item.value, str)):
            return None
        return Condition(field, "contains" if node.operator == "in" else "not_contains", item.value)
    field = _field(node.left)
    if field is None:
        return None
    if isinstance(node.right, _Literal) and node.right.value is None:
        presence = {"==": "empty", "!=": "filled"}.get(node.operator)
        return Condition(field, presence) if presence else None
    value = _literal(node.right)
    return None if value is None else Condition(field, node.operator, value)


def _field(node: _Node) -> str | None:
    return node.parts[0] if isinstance(node, _Path) and len(node.parts) == 1 else None


def _literal(node: _Node) -> str | None:
    if isinstance(node, _Unary) and node.operator == "-":
        operand = node.operand
        if isinstance(operand, _Literal) and isinstance(operand.value, Decimal):
            return format(operand.value.copy_negate(), "f")
        return None
    if not isinstance(node, _Literal):
        return None
    if isinstance(node.value, bool):
        return "true" if node.value else "false"
    if isinstance(node.value, Decimal):
        return format(node.value, "f")
    return node.value if isinstance(node.value, str) else None


def _reparsed(guided: Guided, field_types: Mapping[str, str]) -> _Node | None:
    try:
        return expressions.parse(compose(guided, field_types)).tree
    except (ValueError, expressions.ExpressionError):
        return None


def _shape(node: Any) -> Any:
    """A syntax tree without source positions; literals keep their type (5 is not "5")."""
    if isinstance(node, tuple):
        return tuple(_shape(item) for item in node)
    if not is_dataclass(node):
        return type(node).__name__, node
    parts = (getattr(node, f.name) for f in fields(node) if f.name != "position")
    return type(node).__name__, *(_shape(part) for part in parts)

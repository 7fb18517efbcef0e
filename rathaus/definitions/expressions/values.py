"""Values of the rule language: numbers, dates, truthiness, comparison, arithmetic, and the
functions rules may call. Evaluation never raises on data (see the package docstring).

``today()`` and ``age()`` read ``clock`` (``datetime.date.today``); tests replace it with
``monkeypatch.setattr(values, "clock", ...)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Context, Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

clock: Callable[[], date] = date.today
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER_TEXT = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_MAX_DATA_DEPTH = 32  # how deep equality descends into nested lists and dicts
_MISSING = object()
# Arithmetic never traps: overflow gives an infinity, which the caller turns into None.
_CONTEXT = Context(prec=28, traps=[])


# --- values ------------------------------------------------------------------------------


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:  # floats by their shortest repr, so that the float 0.1 equals the literal 0.1
        number = Decimal(float.__repr__(value)) if isinstance(value, float) else Decimal(value)
    except (ArithmeticError, ValueError):
        return None
    return number if number.is_finite() else None


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _get(container: Any, key: str, default: Any = None) -> Any:
    if not isinstance(container, Mapping):
        return default
    try:
        return container.get(key, default)
    except Exception:  # a foreign Mapping may do anything; data never makes a rule fail
        return default


def _truthy(value: Any) -> bool:
    if value is None or value is False:
        return False
    number = _number(value)
    if number is not None:
        return number != 0
    if isinstance(value, str | list | tuple | dict):
        return len(value) > 0
    return True


def _comparable(left: Any, right: Any) -> tuple[Any, Any] | None:
    """Both values in one comparable kind (Decimal, date or str), or None."""
    a, b = _number(left), _number(right)
    if a is not None and b is not None:
        return a, b
    if isinstance(left, date) or isinstance(right, date):
        x, y = _date(left), _date(right)
        return (x, y) if x is not None and y is not None else None
    if isinstance(left, str) and isinstance(right, str):
        return left, right
    return None


def _equal(left: Any, right: Any, depth: int = 0) -> bool:
    if left is right:
        return True
    pair = _comparable(left, right)
    if pair is not None:
        return bool(pair[0] == pair[1])
    if depth >= _MAX_DATA_DEPTH:
        return False
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return len(left) == len(right) and all(
            _equal(a, b, depth + 1) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, dict) and isinstance(right, dict):
        return len(left) == len(right) and all(
            _equal(value, _get(right, key, _MISSING), depth + 1) for key, value in left.items()
        )
    return False


def _order(left: Any, right: Any) -> int | None:
    pair = _comparable(left, right)
    if pair is None:
        return None
    a, b = pair
    return int(a > b) - int(a < b)


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if isinstance(container, list | tuple | dict):
        return any(_equal(element, item) for element in container)
    return False


def _ordering(test: Callable[[int], bool]) -> Callable[[Any, Any], bool]:
    def compare(left: Any, right: Any) -> bool:
        order = _order(left, right)
        return order is not None and test(order)

    return compare


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": _equal,
    "!=": lambda left, right: not _equal(left, right),
    "<": _ordering(lambda order: order < 0),
    "<=": _ordering(lambda order: order <= 0),
    ">": _ordering(lambda order: order > 0),
    ">=": _ordering(lambda order: order >= 0),
    "in": lambda left, right: _contains(right, left),
    "not in": lambda left, right: not _contains(right, left),
}
_ARITHMETIC: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": _CONTEXT.add,
    "-": _CONTEXT.subtract,
    "*": _CONTEXT.multiply,
    "/": _CONTEXT.divide,
}


def _calculate(operator: str, left: Decimal, right: Decimal | None) -> Decimal | None:
    if right is None or (operator == "/" and right == 0):
        return None
    result = _ARITHMETIC[operator](left, right)
    return result if result.is_finite() else None


# --- functions ---------------------------------------------------------------------------


class FunctionSpec(NamedTuple):
    min_args: int
    max_args: int
    implementation: Callable[..., Any]


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple | dict) and len(value) == 0)


def _count(value: Any) -> Decimal | None:
    if value is None:
        return Decimal(0)
    return Decimal(len(value)) if isinstance(value, str | list | tuple | dict) else None


def _age(value: Any) -> Decimal | None:
    born, today = _date(value), clock()
    if born is None:
        return None
    return Decimal(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


def _days_between(start: Any, end: Any) -> Decimal | None:
    first, last = _date(start), _date(end)
    return None if first is None or last is None else Decimal((last - first).days)


def _lower(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _to_number(value: Any) -> Decimal | None:
    """Numbers as they are; text such as "12", "-3.5" or "12,5" (German comma) converted."""
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(text := value.strip()):
        return Decimal(text.replace(",", "."))
    return _number(value)


FUNCTIONS: Mapping[str, FunctionSpec] = MappingProxyType(
    {
        "age": FunctionSpec(1, 1, _age),
        "contains": FunctionSpec(2, 2, _contains),
        "count": FunctionSpec(1, 1, _count),
        "days_between": FunctionSpec(2, 2, _days_between),
        "empty": FunctionSpec(1, 1, _empty),
        "lower": FunctionSpec(1, 1, _lower),
        "number": FunctionSpec(1, 1, _to_number),
        "today": FunctionSpec(0, 0, lambda: clock()),
    }
)

"""The syntax tree of a parsed rule and ``Expression``, the object the rest of Rathaus uses."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rathaus.definitions.expressions.values import (
    _COMPARISONS,
    FUNCTIONS,
    _calculate,
    _get,
    _number,
    _truthy,
)

logger = logging.getLogger("rathaus.definitions.expressions")


class ExpressionError(ValueError):
    """A rule that cannot be parsed; ``message`` is shown to designers as is."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# --- syntax tree -------------------------------------------------------------------------


class _Node:
    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def children(self) -> tuple[_Node, ...]:
        return ()


@dataclass(frozen=True)
class _Literal(_Node):
    value: Any

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        return self.value


@dataclass(frozen=True)
class _List(_Node):
    items: tuple[_Node, ...]

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        return [item.evaluate(scope) for item in self.items]

    def children(self) -> tuple[_Node, ...]:
        return self.items


@dataclass(frozen=True)
class _Path(_Node):
    parts: tuple[str, ...]
    position: int

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        value: Any = scope
        for part in self.parts:
            value = _get(value, part)
        return value


@dataclass(frozen=True)
class _Call(_Node):
    name: str
    args: tuple[_Node, ...]
    position: int

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        spec = FUNCTIONS.get(self.name)
        if spec is None or not spec.min_args <= len(self.args) <= spec.max_args:
            return None
        return spec.implementation(*(arg.evaluate(scope) for arg in self.args))

    def children(self) -> tuple[_Node, ...]:
        return self.args


def _negate(value: Any) -> Decimal | None:
    number = _number(value)
    return None if number is None else number.copy_negate()


_UNARY: dict[str, Callable[[Any], Any]] = {"not": lambda value: not _truthy(value), "-": _negate}


@dataclass(frozen=True)
class _Unary(_Node):
    operator: str  # "not" or "-"
    operand: _Node

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        return _UNARY[self.operator](self.operand.evaluate(scope))

    def children(self) -> tuple[_Node, ...]:
        return (self.operand,)


@dataclass(frozen=True)
class _BoolChain(_Node):
    operator: str  # "and" or "or"
    operands: tuple[_Node, ...]

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        results = (_truthy(operand.evaluate(scope)) for operand in self.operands)
        return all(results) if self.operator == "and" else any(results)

    def children(self) -> tuple[_Node, ...]:
        return self.operands


@dataclass(frozen=True)
class _Arithmetic(_Node):
    first: _Node
    rest: tuple[tuple[str, _Node], ...]  # left-associative: ((first op a) op b) ...

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        result = _number(self.first.evaluate(scope))
        for operator, operand in self.rest:
            if result is None:
                return None
            result = _calculate(operator, result, _number(operand.evaluate(scope)))
        return result

    def children(self) -> tuple[_Node, ...]:
        return (self.first, *(operand for _, operand in self.rest))


@dataclass(frozen=True)
class _Compare(_Node):
    operator: str
    left: _Node
    right: _Node

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        return _COMPARISONS[self.operator](self.left.evaluate(scope), self.right.evaluate(scope))

    def children(self) -> tuple[_Node, ...]:
        return (self.left, self.right)


def _walk(root: _Node) -> Iterator[_Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children())


@dataclass(frozen=True)
class Expression:
    """A parsed rule; build it with ``parse``."""

    source: str
    tree: _Node = field(repr=False, compare=False)

    def names(self) -> frozenset[str]:
        return frozenset(".".join(n.parts) for n in _walk(self.tree) if isinstance(n, _Path))

    def roots(self) -> frozenset[str]:
        return frozenset(n.parts[0] for n in _walk(self.tree) if isinstance(n, _Path))

    def functions(self) -> frozenset[str]:
        return frozenset(n.name for n in _walk(self.tree) if isinstance(n, _Call))

    def evaluate(self, scope: Mapping[str, Any]) -> Any:
        try:
            return self.tree.evaluate(scope)
        except Exception:  # last resort, e.g. a dict subclass whose len() raises: never fail
            logger.warning("Rule %r failed on unexpected data", self.source, exc_info=True)
            return None

    def truthy(self, scope: Mapping[str, Any]) -> bool:
        return _truthy(self.evaluate(scope))

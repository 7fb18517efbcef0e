"""A small, safe expression language for the rules of service definitions.

Rules such as ``visible_if: 'bearbeitung == "express"'`` or ``when: 'age(geburtsdatum) < 24'``
are parsed once, at load time, into an ``Expression`` (a tiny syntax tree) and evaluated
against a scope of answers. Nothing here hands text to Python's eval or compile: the tokenizer
and the recursive-descent parser are written out by hand and bounded (``MAX_LENGTH``
characters, ``MAX_DEPTH`` levels of nesting).

Grammar, precedence from low to high::

    expr           := or_expr
    or_expr        := and_expr ("or" and_expr)*
    and_expr       := not_expr ("and" not_expr)*
    not_expr       := "not" not_expr | comparison
    comparison     := additive (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in")
                      additive)?
    additive       := multiplicative (("+" | "-") multiplicative)*
    multiplicative := unary (("*" | "/") unary)*
    unary          := "-" unary | primary
    primary        := NUMBER | STRING | "true" | "false" | "null" | list | call | path
                      | "(" expr ")"
    list           := "[" (expr ("," expr)*)? "]"
    call           := NAME "(" (expr ("," expr)*)? ")"
    path           := NAME ("." NAME)*

Evaluation never raises on data. Missing names are ``None``; arithmetic on anything but
numbers, and division by zero, give ``None``; numbers are ``Decimal``; comparisons across
incomparable types are false (``!=`` is true); ISO date strings compare with dates. Every
operation checks the types it works on instead of trusting foreign objects; as a last resort,
``Expression.evaluate`` logs a warning and returns ``None`` rather than raising.

``today()`` and ``age()`` read the module-level ``clock`` (``datetime.date.today`` by
default); tests replace it: ``monkeypatch.setattr(expressions, "clock", lambda: date(...))``.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Context, Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

logger = logging.getLogger(__name__)

MAX_LENGTH = 500
MAX_DEPTH = 32
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})
clock: Callable[[], date] = date.today

_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}
_TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<number>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|!=|<=|>=|[<>+\-*/(),.\[\]])|(?P<misused>&&|\|\||=|!)"
)
_MISUSED = {"&&": "and", "||": "or", "=": "==", "!": "not"}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER_TEXT = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_MAX_DATA_DEPTH = 32  # how deep equality descends into nested lists and dicts
_MISSING = object()
# Arithmetic never traps: overflow gives an infinity, which the caller turns into None.
_CONTEXT = Context(prec=28, traps=[])


class ExpressionError(ValueError):
    """A rule that cannot be parsed; ``message`` is shown to designers as is."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


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


# --- tokenizer ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # space, number, string, name, keyword, op or end
    text: str  # as written in the source
    value: Any
    position: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        read = _read_string if source[position] in "\"'" else _read_token
        token = read(source, position)
        if token.kind != "space":
            tokens.append(token)
        position += len(token.text)
    tokens.append(_Token("end", "", None, len(source)))
    return tokens


def _read_token(source: str, start: int) -> _Token:
    match = _TOKEN.match(source, start)
    if match is None:
        char = source[start] if source[start].isprintable() else repr(source[start])[1:-1]
        raise ExpressionError(f"Unexpected character '{char}' at position {start}", start)
    kind, text = match.lastgroup or "", match.group()
    if kind == "misused":
        raise ExpressionError(
            f"Use '{_MISUSED[text]}' instead of '{text}' at position {start}", start
        )
    if kind == "name" and text in KEYWORDS:
        kind = "keyword"
    return _Token(kind, text, Decimal(text) if kind == "number" else text, start)


def _read_string(source: str, start: int) -> _Token:
    quote, chars, position = source[start], [], start + 1
    while position < len(source) and source[position] != quote:
        if source[position] == "\\":
            position += 1
            if position < len(source) and source[position] not in "\"'\\":
                escape = source[position - 1 : position + 1]
                raise ExpressionError(
                    f"Unsupported escape '{escape}' at position {position - 1}"
                    " (only \\\", \\' and \\\\ are allowed)",
                    position - 1,
                )
        chars.append(source[position : position + 1])
        position += 1
    if position >= len(source):
        raise ExpressionError(f"Unterminated string starting at position {start}", start)
    return _Token("string", source[start : position + 1], "".join(chars), start)


# --- parser ------------------------------------------------------------------------------


def _describe(token: _Token) -> str:
    if token.kind == "end":
        return "end of expression"
    text = token.text if len(token.text) <= 20 else token.text[:17] + "..."
    return f"'{text}'"


class _Parser:
    """Recursive descent over the token list; one method per grammar rule."""

    def __init__(self, source: str) -> None:
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.token
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    def at(self, *texts: str, offset: int = 0) -> bool:
        token = self.tokens[min(self.index + offset, len(self.tokens) - 1)]
        return token.kind in ("op", "keyword") and token.text in texts

    def accept(self, text: str) -> bool:
        if self.at(text):
            self.advance()
            return True
        return False

    def error(self, message: str, token: _Token | None = None) -> ExpressionError:
        token = token or self.token
        return ExpressionError(f"{message} at position {token.position}", token.position)

    def expect(self, closer: str, opener: _Token, expected: str) -> None:
        if self.accept(closer):
            return
        if self.token.kind == "end":
            raise self.error(f"Missing '{closer}' for the '{opener.text}'", opener)
        raise self.error(f"Expected {expected} but found {_describe(self.token)}")

    @contextmanager
    def nested(self, token: _Token) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(
                f"Expression is nested too deeply (more than {MAX_DEPTH} levels)", token
            )
        yield
        self.depth -= 1

    def expression(self) -> _Node:
        if self.token.kind == "end":
            raise ExpressionError("Expression is empty", 0)
        node = self.or_expr()
        if self.token.kind != "end":
            raise self.error(f"Unexpected {_describe(self.token)}")
        return node

    def or_expr(self) -> _Node:
        return self.bool_chain("or", self.and_expr)

    def and_expr(self) -> _Node:
        return self.bool_chain("and", self.not_expr)

    def bool_chain(self, word: str, operand: Callable[[], _Node]) -> _Node:
        operands = [operand()]
        while self.accept(word):
            operands.append(operand())
        return operands[0] if len(operands) == 1 else _BoolChain(word, tuple(operands))

    def not_expr(self) -> _Node:
        token = self.token
        if not self.at("not") or self.at("in", offset=1):
            return self.comparison()
        self.advance()
        with self.nested(token):
            return _Unary("not", self.not_expr())

    def at_comparison(self) -> bool:
        return self.at(*_COMPARISONS) or (self.at("not") and self.at("in", offset=1))

    def comparison_operator(self) -> str | None:
        if not self.at_comparison():
            return None
        if self.accept("not"):
            self.advance()
            return "not in"
        return self.advance().text

    def comparison(self) -> _Node:
        left = self.additive()
        operator = self.comparison_operator()
        if operator is None:
            return left
        node = _Compare(operator, left, self.additive())
        if self.at_comparison():
            raise self.error("Comparisons cannot be chained (combine them with 'and')")
        return node

    def additive(self) -> _Node:
        return self.arithmetic(("+", "-"), self.multiplicative)

    def multiplicative(self) -> _Node:
        return self.arithmetic(("*", "/"), self.unary)

    def arithmetic(self, operators: tuple[str, ...], operand: Callable[[], _Node]) -> _Node:
        first, rest = operand(), []
        while self.at(*operators):
            rest.append((self.advance().text, operand()))
        return _Arithmetic(first, tuple(rest)) if rest else first

    def unary(self) -> _Node:
        token = self.token
        if not self.accept("-"):
            return self.primary()
        with self.nested(token):
            return _Unary("-", self.unary())

    def primary(self) -> _Node:
        token = self.token
        if token.kind in ("number", "string"):
            return _Literal(self.advance().value)
        if token.kind == "keyword" and token.text in _CONSTANTS:
            return _Literal(_CONSTANTS[self.advance().text])
        if token.kind == "name":
            return self.call_or_path()
        if self.accept("("):
            with self.nested(token):
                node = self.or_expr()
                self.expect(")", token, "')'")
            return node
        if self.accept("["):
            with self.nested(token):
                return _List(self.items("]", token))
        raise self.error(f"Unexpected {_describe(token)}")

    def items(self, closer: str, opener: _Token) -> tuple[_Node, ...]:
        if self.accept(closer):
            return ()
        items = [self.or_expr()]
        while self.accept(","):
            items.append(self.or_expr())
        self.expect(closer, opener, f"',' or '{closer}'")
        return tuple(items)

    def call_or_path(self) -> _Node:
        name = self.advance()
        if self.at("("):
            opener = self.advance()
            with self.nested(opener):
                return _Call(name.text, self.items(")", opener), name.position)
        parts = [name.text]
        while self.accept("."):
            if self.token.kind != "name":
                raise self.error(f"Expected a name after '.' but found {_describe(self.token)}")
            parts.append(self.advance().text)
        return _Path(tuple(parts), name.position)


# --- public entry points -----------------------------------------------------------------


def parse(source: str) -> Expression:
    """Parse a rule; raises ``ExpressionError`` with an English message and a position."""
    if not isinstance(source, str):
        raise ExpressionError("Expression must be text", 0)
    if len(source) > MAX_LENGTH:
        message = f"Expression is too long ({len(source)} > {MAX_LENGTH} characters)"
        raise ExpressionError(message, MAX_LENGTH)
    return Expression(source, _Parser(source).expression())


def _arity(spec: FunctionSpec) -> str:
    if spec.min_args == spec.max_args:
        count = spec.min_args
        return "no arguments" if count == 0 else f"{count} argument{'s' * (count != 1)}"
    return f"{spec.min_args} to {spec.max_args} arguments"


def _problems(node: _Node, known: frozenset[str]) -> Iterator[tuple[str, int, str]]:
    """(key, position, message) for one node; a key is reported once, at its first use."""
    if isinstance(node, _Path) and node.parts[0] not in known:
        root = node.parts[0]
        close = difflib.get_close_matches(root, [*known, *_CONSTANTS], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        yield root, node.position, f"Unknown name '{root}' at position {node.position}{hint}"
    if not isinstance(node, _Call):
        return
    spec = FUNCTIONS.get(node.name)
    if spec is None:
        known_functions = ", ".join(sorted(FUNCTIONS))
        message = f"Unknown function '{node.name}' at position {node.position}"
        yield f"{node.name}()", node.position, f"{message} (known: {known_functions})"
    elif not spec.min_args <= len(node.args) <= spec.max_args:
        message = f"'{node.name}' takes {_arity(spec)}, got {len(node.args)}"
        yield (
            f"{node.name}@{node.position}",
            node.position,
            f"{message} (at position {node.position})",
        )


def check(expression: Expression, known_names: Collection[str]) -> list[str]:
    """Load-time check: unknown root names, unknown functions, wrong numbers of arguments."""
    known = frozenset(known_names)
    first: dict[str, tuple[int, str]] = {}
    for node in _walk(expression.tree):
        for key, position, message in _problems(node, known):
            if key not in first or position < first[key][0]:
                first[key] = (position, message)
    return [message for _, message in sorted(first.values())]

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

Modules: ``values`` (types, operators, functions, the ``clock`` tests replace), ``tree``
(syntax tree, ``Expression``), ``syntax`` (tokenizer, parser); this module holds the entry
points ``parse`` and ``check``.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator

from rathaus.definitions.expressions.syntax import (
    _CONSTANTS,
    KEYWORDS,
    MAX_DEPTH,
    MAX_LENGTH,
    _Parser,
)
from rathaus.definitions.expressions.tree import (
    Expression,
    ExpressionError,
    _Call,
    _Node,
    _Path,
    _walk,
)
from rathaus.definitions.expressions.values import FUNCTIONS, FunctionSpec

__all__ = [
    "FUNCTIONS",
    "KEYWORDS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Expression",
    "ExpressionError",
    "FunctionSpec",
    "check",
    "parse",
]


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

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

Mistakes are reported in German (gettext msgids, translated when the message is made) with
the place they start at, counted from 1 for people; ``ExpressionError.position`` counts from
0. Nothing else depends on the texts: ``portable`` and the browser see only syntax trees.

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

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    """Parse a rule; raises ``ExpressionError`` with a German message and a position."""
    if not isinstance(source, str):
        raise ExpressionError(_("Die Regel muss ein Text sein."), 0)
    if len(source) > MAX_LENGTH:
        message = _("Die Regel ist zu lang: %(length)s Zeichen, höchstens %(max)s sind möglich.")
        raise ExpressionError(message % {"length": len(source), "max": MAX_LENGTH}, MAX_LENGTH)
    return Expression(source, _Parser(source).expression())


def _arity(spec: FunctionSpec) -> str:
    if spec.min_args == spec.max_args == 0:
        return _("keine Werte")
    if spec.min_args == spec.max_args:
        count = spec.min_args
        return ngettext("genau %(count)s Wert", "genau %(count)s Werte", count) % {"count": count}
    return _("%(min)s bis %(max)s Werte") % {"min": spec.min_args, "max": spec.max_args}


def _problems(node: _Node, known: frozenset[str]) -> Iterator[tuple[str, int, str]]:
    """(key, position, message) for one node; a key is reported once, at its first use."""
    if isinstance(node, _Path) and node.parts[0] not in known:
        yield node.parts[0], node.position, _unknown_name(node, known)
    if not isinstance(node, _Call):
        return
    spec = FUNCTIONS.get(node.name)
    values = {"name": node.name, "place": node.position + 1}
    if spec is None:
        message = _("Unbekannte Funktion „%(name)s“ an Stelle %(place)s (bekannt: %(known)s).")
        known_functions = ", ".join(sorted(FUNCTIONS))
        yield f"{node.name}()", node.position, message % {**values, "known": known_functions}
    elif not spec.min_args <= len(node.args) <= spec.max_args:
        count = len(node.args)
        given = ngettext("%(count)s Wert", "%(count)s Werte", count) % {"count": count}
        message = _(
            "„%(name)s“ an Stelle %(place)s braucht %(expected)s in Klammern, hier: %(given)s."
        )
        yield (
            f"{node.name}@{node.position}",
            node.position,
            message % {**values, "expected": _arity(spec), "given": given},
        )


def _unknown_name(node: _Path, known: frozenset[str]) -> str:
    root = node.parts[0]
    close = difflib.get_close_matches(root, [*known, *_CONSTANTS], n=1)
    values = {"name": root, "place": node.position + 1, "suggestion": close[0] if close else ""}
    if close:
        message = _(
            "Unbekannter Name „%(name)s“ an Stelle %(place)s – meinten Sie „%(suggestion)s“?"
        )
    else:
        message = _("Unbekannter Name „%(name)s“ an Stelle %(place)s.")
    return message % values


def check(expression: Expression, known_names: Collection[str]) -> list[str]:
    """Load-time check: unknown root names, unknown functions, wrong numbers of arguments."""
    known = frozenset(known_names)
    first: dict[str, tuple[int, str]] = {}
    for node in _walk(expression.tree):
        for key, position, message in _problems(node, known):
            if key not in first or position < first[key][0]:
                first[key] = (position, message)
    return [message for _, message in sorted(first.values())]

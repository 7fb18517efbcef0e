"""Reading a rule: the tokenizer and the recursive-descent parser (grammar in the package
docstring), both bounded by ``MAX_LENGTH`` characters and ``MAX_DEPTH`` levels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.expressions.tree import (
    ExpressionError,
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
from rathaus.definitions.expressions.values import _COMPARISONS

MAX_LENGTH = 500
MAX_DEPTH = 32
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})
_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}
_TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<number>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|!=|<=|>=|[<>+\-*/(),.\[\]])|(?P<misused>&&|\|\||=|!)"
)
_MISUSED = {"&&": "and", "||": "or", "=": "==", "!": "not"}
# Characters people type for an operator or a quote of the language (German quotes, too).
_LOOKALIKES = {"&": "and", "|": "or", "≠": "!=", "≤": "<=", "≥": ">=", "„": '"', "“": '"',
               "”": '"', "‚": "'", "‘": "'", "’": "'"}  # fmt: skip


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
        raise ExpressionError(_unexpected_character(source[start], start), start)
    kind, text = match.lastgroup or "", match.group()
    if kind == "misused":
        message = _("Unerwartetes „%(text)s“ an Stelle %(place)s – meinten Sie „%(suggestion)s“?")
        values = {"text": text, "place": start + 1, "suggestion": _MISUSED[text]}
        raise ExpressionError(message % values, start)
    if kind == "name" and text in KEYWORDS:
        kind = "keyword"
    return _Token(kind, text, Decimal(text) if kind == "number" else text, start)


def _unexpected_character(char: str, start: int) -> str:
    values = {
        "char": char if char.isprintable() else repr(char)[1:-1],
        "place": start + 1,
        "suggestion": _LOOKALIKES.get(char, ""),
    }
    if char in _LOOKALIKES:
        message = _(
            "Unerwartetes Zeichen „%(char)s“ an Stelle %(place)s – meinten Sie „%(suggestion)s“?"
        )
    elif char.isalpha():
        message = _(
            "Unerwartetes Zeichen „%(char)s“ an Stelle %(place)s – Namen von Feldern enthalten "
            "nur a–z, 0–9 und _ (keine Umlaute, kein ß); Texte stehen in Anführungszeichen."
        )
    else:
        message = _("Unerwartetes Zeichen „%(char)s“ an Stelle %(place)s.")
    return message % values


def _read_string(source: str, start: int) -> _Token:
    quote, chars, position = source[start], [], start + 1
    while position < len(source) and source[position] != quote:
        if source[position] == "\\":
            position += 1
            if position < len(source) and source[position] not in "\"'\\":
                escape = source[position - 1 : position + 1]
                message = _(
                    "„%(escape)s“ an Stelle %(place)s ist in Texten nicht möglich; erlaubt sind "
                    "nur \\\", \\' und \\\\."
                )
                raise ExpressionError(message % {"escape": escape, "place": position}, position - 1)
        chars.append(source[position : position + 1])
        position += 1
    if position >= len(source):
        message = _(
            "Dem Text ab Stelle %(place)s fehlt das schließende Anführungszeichen (%(quote)s)."
        )
        raise ExpressionError(message % {"place": start + 1, "quote": quote}, start)
    return _Token("string", source[start : position + 1], "".join(chars), start)


# --- parser ------------------------------------------------------------------------------


def _describe(token: _Token) -> str:
    if token.kind == "end":
        return _("das Ende der Regel")
    text = token.text if len(token.text) <= 20 else token.text[:17] + "…"
    return f"„{text}“"


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

    def error(self, message: str, token: _Token | None = None, **values: Any) -> ExpressionError:
        """``message`` names the place of ``token`` (1-based, for people) as ``%(place)s``."""
        token = token or self.token
        return ExpressionError(message % {"place": token.position + 1, **values}, token.position)

    def unexpected(self) -> ExpressionError:
        if self.token.kind == "end":
            return self.error(
                _("Die Regel hört zu früh auf; an Stelle %(place)s fehlt noch etwas.")
            )
        return self.error(
            _("Unerwartetes %(found)s an Stelle %(place)s."), found=_describe(self.token)
        )

    def missing_name(self) -> ExpressionError:
        if self.token.kind == "end":
            return self.error(_("Nach dem Punkt fehlt ein Name (Stelle %(place)s)."))
        message = _(
            "Nach dem Punkt muss ein Name folgen, an Stelle %(place)s steht aber %(found)s."
        )
        return self.error(message, found=_describe(self.token))

    def expect(self, closer: str, opener: _Token, in_list: bool = False) -> None:
        if self.accept(closer):
            return
        if self.token.kind == "end":
            message = _("Zu „%(opener)s“ an Stelle %(place)s fehlt das schließende „%(closer)s“.")
            raise self.error(message, opener, opener=opener.text, closer=closer)
        if in_list:
            message = _("Erwartet „,“ oder „%(closer)s“, aber an Stelle %(place)s steht %(found)s.")
        else:
            message = _("Erwartet „%(closer)s“, aber an Stelle %(place)s steht %(found)s.")
        raise self.error(message, closer=closer, found=_describe(self.token))

    @contextmanager
    def nested(self, token: _Token) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            message = _(
                "Die Regel ist zu tief verschachtelt: mehr als %(max)s Ebenen an Stelle %(place)s."
            )
            raise self.error(message, token, max=MAX_DEPTH)
        yield
        self.depth -= 1

    def expression(self) -> _Node:
        if self.token.kind == "end":
            raise ExpressionError(_("Die Regel ist leer."), 0)
        node = self.or_expr()
        if self.token.kind != "end":
            raise self.unexpected()
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
            raise self.error(
                _(
                    "Vergleiche lassen sich nicht verketten (an Stelle %(place)s) – verbinden Sie "
                    "sie mit „and“."
                )
            )
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
                self.expect(")", token)
            return node
        if self.accept("["):
            with self.nested(token):
                return _List(self.items("]", token))
        raise self.unexpected()

    def items(self, closer: str, opener: _Token) -> tuple[_Node, ...]:
        if self.accept(closer):
            return ()
        items = [self.or_expr()]
        while self.accept(","):
            items.append(self.or_expr())
        self.expect(closer, opener, in_list=True)
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
                raise self.missing_name()
            parts.append(self.advance().text)
        return _Path(tuple(parts), name.position)

"""A field's ``visible_if`` said in words, for the hint beside the field.

Sighted people see a field appear when they pick an answer; people using a screen reader
or the page without JavaScript need to be told when a field applies. Simple rules of the
shape designers write most (``zweck == "sonstiges"``, ``haustier in ["hund", "katze"]``,
``verheiratet == true``, ``"kind" in personen``, joined by ``and``) are said exactly;
anything else names the answers it depends on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.expressions.tree import Expression, _BoolChain, _Compare, _List
from rathaus.definitions.expressions.tree import _Literal as Literal
from rathaus.definitions.expressions.tree import _Node as Node
from rathaus.definitions.expressions.tree import _Path as Path
from rathaus.definitions.schema import BaseField, localize

__all__ = ["describe"]


def describe(expression: Expression, fields: Mapping[str, BaseField], language: str) -> str:
    """One sentence: when to fill in a field shown under ``expression``."""
    node = expression.tree
    operands = node.operands if isinstance(node, _BoolChain) and node.operator == "and" else ()
    clauses = [_clause(part, fields, language) for part in (operands or (node,))]
    if all(clauses):
        return _("Nur ausfüllen, wenn %(condition)s.") % {
            "condition": _(" und ").join(c for c in clauses if c)
        }
    labels = [
        _quoted(fields[root], language) for root in sorted(expression.roots()) if root in fields
    ]
    if not labels:
        return _("Nur ausfüllen, wenn es nach Ihren Angaben zutrifft.")
    return _("Nur ausfüllen, wenn es nach Ihren Angaben bei %(fields)s zutrifft.") % {
        "fields": _(" und ").join(labels)
    }


def _clause(node: Node, fields: Mapping[str, BaseField], language: str) -> str | None:
    if not isinstance(node, _Compare):
        return None
    field, answers = _field_and_answers(node, fields)
    if field is None or not answers:
        return None
    names = [_answer(field, value, language) for value in answers]
    if None in names:
        return None
    given = {"field": _quoted(field, language), "answer": _(" oder ").join(names)}  # type: ignore[arg-type]
    if node.operator in ("!=", "not in"):
        return _("Sie bei %(field)s nicht %(answer)s gewählt haben") % given
    return _("Sie bei %(field)s %(answer)s gewählt haben") % given


def _field_and_answers(
    node: _Compare, fields: Mapping[str, BaseField]
) -> tuple[BaseField | None, list[Any]]:
    left, right, operator = node.left, node.right, node.operator
    if operator in ("==", "!=") and isinstance(right, Path) and isinstance(left, Literal):
        left, right = right, left
    if operator in ("==", "!=") and _is_field(left, fields) and isinstance(right, Literal):
        return fields[left.parts[0]], [right.value]  # type: ignore[attr-defined]
    listed = isinstance(right, _List) and all(isinstance(i, Literal) for i in right.items)
    if operator in ("in", "not in") and _is_field(left, fields) and listed:
        return fields[left.parts[0]], [item.value for item in right.items]  # type: ignore[attr-defined]
    if operator in ("in", "not in") and isinstance(left, Literal) and _is_field(right, fields):
        field = fields[right.parts[0]]  # type: ignore[attr-defined]
        return (field, [left.value]) if field.type == "checkboxes" else (None, [])  # type: ignore[attr-defined]
    return None, []


def _is_field(node: Node, fields: Mapping[str, BaseField]) -> bool:
    return isinstance(node, Path) and len(node.parts) == 1 and node.parts[0] in fields


def _answer(field: BaseField, value: Any, language: str) -> str | None:
    kind = field.type  # type: ignore[attr-defined]
    if kind == "yesno" and isinstance(value, bool):
        return _quote(_("Ja") if value else _("Nein"))
    if kind in ("select", "radio", "checkboxes") and isinstance(value, str):
        labels = {o.value: localize(o.label, language) for o in field.options}  # type: ignore[attr-defined]
        return _quote(labels[value]) if value in labels else None
    return None


def _quoted(field: BaseField, language: str) -> str:
    return _quote(localize(field.label, language))


def _quote(text: str) -> str:
    return _("„%(text)s“") % {"text": text}

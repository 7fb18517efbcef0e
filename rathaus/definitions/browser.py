"""What the browser needs to show and hide a step's conditional fields while a person
types (``definitions/static/definitions/rules.js``): each rule as its syntax tree in JSON
(``expressions/portable.py``), the answers of other steps the rules read, today's date as
the server sees it, and the type and limits of the step's fields, so that the browser
reads the inputs as ``fieldtypes.py`` does. The server stays the authority.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.engine import build_scope, compiled
from rathaus.definitions.expressions import Expression, portable, values
from rathaus.definitions.schema import BaseField, GroupField, ServiceDefinition, Step

__all__ = ["rule_json", "step_context"]


def rule_json(expression: Expression) -> str:
    """A rule's syntax tree as compact JSON, for a ``data-visible-if`` attribute."""
    return json.dumps(portable.tree_of(expression), separators=(",", ":"))


def step_context(
    definition: ServiceDefinition, step: Step, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """What the browser needs to evaluate this step's rules: the answers of other steps the
    rules read, today's date as the server sees it, this step's field types, messages."""
    roots: set[str] = set()
    for field in _fields_with_members(step):
        if field.visible_if is not None:
            roots |= compiled(field.visible_if).roots()
    scope = build_scope(definition, dict(answers))
    own = {field.id for field in _fields_with_members(step)}
    return {
        "scope": {r: portable.value_of(scope.get(r)) for r in sorted(roots - own) if r in scope},
        "today": portable.value_of(values.clock()),
        "fields": {f.id: _spec(f) for f in step.fields if f.has_value},
        "shown": _("Jetzt gefragt: %(label)s"),
        "hidden": _("Nicht mehr gefragt: %(label)s"),
    }


def _fields_with_members(step: Step) -> list[BaseField]:
    flat: list[BaseField] = []
    for field in step.fields:
        flat.append(field)
        if isinstance(field, GroupField):
            flat.extend(field.fields)
    return flat


SPEC_KEYS = ("integer", "min", "max", "min_length", "max_length", "min_selected", "max_selected")


def _spec(field: BaseField) -> dict[str, Any]:
    """A field's type and limits, so the browser reads its inputs as the server does."""
    spec: dict[str, Any] = {"type": field.type}  # type: ignore[attr-defined]
    for key in SPEC_KEYS:
        value = getattr(field, key, None)
        if value is not None and not (field.type == "date" and key in ("min", "max")):  # type: ignore[attr-defined]
            spec[key] = portable.value_of(value)
    if isinstance(field, GroupField):
        spec["members"] = {m.id: _spec(m) for m in field.fields if m.has_value}
    return spec

"""XDatenfelder 2.0: constraints are a JSON object in ``praezisierung``'s text."""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element as XmlElement

from rathaus.definitions.fim.model import Constraints, DataField
from rathaus.definitions.fim.safexml import text
from rathaus.definitions.fim.xdf import Dialect

NAMESPACE = "urn:xoev-de:fim:standard:xdatenfelder_2"
STANDARD = "XDatenfelder 2.0"


def constraints(element: XmlElement) -> Constraints:
    raw = text(element)
    if raw is None:
        return Constraints()
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return Constraints(
            min_length=_integer(data.get("minLength")),
            max_length=_integer(data.get("maxLength")),
            min_value=_string(data.get("minValue")),
            max_value=_string(data.get("maxValue")),
            pattern=_string(data.get("pattern")),
        )
    except (ValueError, RecursionError):
        return Constraints(unreadable=True)


def _integer(value: Any) -> int | None:
    if value is None or value == "":
        return None
    number = int(str(value).strip())
    if not 0 <= number <= 10_000_000:
        raise ValueError("length out of range")
    return number


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip() or None


def _no_extras(element: XmlElement, field: DataField) -> None:
    """2.0 has no inline values, media types or prefill."""


DIALECT = Dialect(
    namespace=NAMESPACE,
    standard=STANDARD,
    schema_title="bezeichnungEingabe",
    rule_text="definition",
    rule_script="script",
    status="status",
    inactive_codes=frozenset({"inaktiv"}),
    constraints=constraints,
    field_extras=_no_extras,
)

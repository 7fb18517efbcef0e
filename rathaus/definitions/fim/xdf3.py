"""XDatenfelder 3.0.0: constraints are attributes of ``praezisierung``; a field can carry
its values inline (``werte``), the code list's key columns, media types and a prefill."""

from __future__ import annotations

from xml.etree.ElementTree import Element as XmlElement

from rathaus.definitions.fim.model import Constraints, DataField
from rathaus.definitions.fim.safexml import child, children, code, text
from rathaus.definitions.fim.xdf import Dialect

NAMESPACE = "urn:xoev-de:fim:standard:xdatenfelder_3.0.0"
STANDARD = "XDatenfelder 3.0.0"
INACTIVE = "7"  # freigabestatus 'inaktiv'


def constraints(element: XmlElement) -> Constraints:
    try:
        return Constraints(
            min_length=_integer(element.get("minLength")),
            max_length=_integer(element.get("maxLength")),
            min_value=(element.get("minValue") or "").strip() or None,
            max_value=(element.get("maxValue") or "").strip() or None,
            pattern=element.get("pattern") or None,
        )
    except ValueError:
        return Constraints(unreadable=True)


def _integer(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    number = int(value.strip())
    if not 0 <= number <= 10_000_000:
        raise ValueError("length out of range")
    return number


def field_extras(element: XmlElement, field: DataField) -> None:
    values = child(element, "werte")
    if values is not None:
        for value in children(values, "wert"):
            value_code = text(value, "code")
            if value_code is not None:
                field.values.append((value_code, text(value, "name") or value_code))
    field.code_key = text(element, "codeKey")
    field.name_key = text(element, "nameKey")
    field.media_types = [t for m in children(element, "mediaType") if (t := text(m))]
    field.prefill = code(element, "vorbefuellung")


DIALECT = Dialect(
    namespace=NAMESPACE,
    standard=STANDARD,
    schema_title="bezeichnung",
    rule_text="freitextRegel",
    rule_script="skript",
    status="freigabestatus",
    inactive_codes=frozenset({INACTIVE}),
    constraints=constraints,
    field_extras=field_extras,
)

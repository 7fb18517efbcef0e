"""The nearest field type for an input field, by its FIM data type (``datentyp``).

Each builder returns the type-specific part of a field (``type`` and its limits) or None
when the data type has no counterpart (``obj``); the caller adds id, label and the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from rathaus.core.uploads import UPLOAD_TYPES
from rathaus.definitions.fim.context import Context
from rathaus.definitions.fim.idents import identifier
from rathaus.definitions.fim.model import DataField, Multiplicity

TEXT_LIMIT = 1000
TEXTAREA_LIMIT = 20_000
DEFAULT_TEXT = 200
MAX_FILES = 10
TIME_PATTERN = r"([01][0-9]|2[0-3]):[0-5][0-9]"
_EMAIL = re.compile(r"(^|_)e_?mail(_|$)")
_PHONE = re.compile(r"(^|_)(telefon|telefonnummer|mobiltelefon|mobilnummer)(_|$)")

Spec = dict[str, Any]


def input_spec(ctx: Context, field: DataField, multiplicity: Multiplicity) -> Spec | None:
    datentyp = (field.datentyp or "text").lower()
    builder = BUILDERS.get(datentyp)
    if builder is None:
        ctx.report.note(
            field.fim_id,
            None,
            _(
                "Der Datentyp „%(type)s“ von „%(label)s“ ist unbekannt; das Feld wurde als "
                "Textfeld übernommen."
            )
            % {"type": datentyp, "label": field.title},
        )
        builder = text_spec
    return builder(ctx, field, multiplicity)


def text_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec:
    constraints = field.constraints
    special = _special_type(field)
    if special:
        return {"type": special}
    longest = constraints.max_length
    if longest is not None and longest > TEXT_LIMIT:
        spec: Spec = {"type": "textarea", "max_length": min(longest, TEXTAREA_LIMIT)}
        if longest > TEXTAREA_LIMIT:
            _capped(ctx, field, longest, TEXTAREA_LIMIT)
        if constraints.pattern:
            _pattern_dropped(ctx, field, constraints.pattern)
    else:
        spec = {"type": "text", "max_length": max(longest or DEFAULT_TEXT, 1)}
        pattern = _pattern(ctx, field)
        if pattern:
            spec["pattern"] = pattern
    if constraints.min_length:
        spec["min_length"] = min(constraints.min_length, spec["max_length"])
    return spec


def _special_type(field: DataField) -> str | None:
    """E-mail, phone and IBAN fields are ordinary text in FIM; the engine checks them."""
    longest = field.constraints.max_length
    if longest is not None and longest > 254:
        return None
    key = identifier(f"{field.name or ''} {field.label or ''}")
    if _EMAIL.search(key):
        return "email"
    if _PHONE.search(key):
        return "phone"
    if "iban" in key.split("_"):
        return "iban"
    return None


def _pattern(ctx: Context, field: DataField) -> str | None:
    pattern = field.constraints.pattern
    if not pattern:
        return None
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):
        _pattern_dropped(ctx, field, pattern)
        return None
    return pattern


def _pattern_dropped(ctx: Context, field: DataField, pattern: str) -> None:
    ctx.report.decision(
        field.fim_id,
        None,
        _(
            "Das Eingabemuster von „%(label)s“ (%(pattern)s) wurde nicht übernommen. Bitte "
            "prüfen Sie, ob eine andere Prüfung nötig ist."
        )
        % {"label": field.title, "pattern": pattern},
    )


def _capped(ctx: Context, field: DataField, value: int, limit: int) -> None:
    ctx.report.note(
        field.fim_id,
        None,
        _("Die Höchstlänge von „%(label)s“ (%(n)s Zeichen) wurde auf %(max)s begrenzt.")
        % {"label": field.title, "n": value, "max": limit},
    )


def number_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec:
    return {"type": "number", "integer": False, **_bounds(ctx, field, _number)}


def integer_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec:
    return {"type": "number", "integer": True, **_bounds(ctx, field, _number)}


def money_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec:
    return {"type": "money", **_bounds(ctx, field, _number)}


def date_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec:
    return {"type": "date", **_bounds(ctx, field, _iso_date)}


def _bounds(ctx: Context, field: DataField, read: Callable[[str], Any]) -> Spec:
    found: Spec = {}
    for key, raw in (("min", field.constraints.min_value), ("max", field.constraints.max_value)):
        if raw is None:
            continue
        value = read(raw)
        if value is None:
            ctx.report.note(
                field.fim_id,
                None,
                _(
                    "Die Grenze „%(value)s“ von „%(label)s“ ist nicht lesbar und wurde nicht "
                    "übernommen."
                )
                % {"value": raw, "label": field.title},
            )
        else:
            found[key] = value
    if "min" in found and "max" in found and _sort_key(found["min"]) > _sort_key(found["max"]):
        ctx.report.note(
            field.fim_id,
            None,
            _(
                "Die Grenzen von „%(label)s“ widersprechen sich (%(min)s > %(max)s) und wurden "
                "nicht übernommen."
            )
            % {"label": field.title, **found},
        )
        return {}
    return found


def _sort_key(value: int | str) -> tuple[int, Decimal, str]:
    """Bounds are ints, decimal strings or ISO dates (which sort as text)."""
    try:
        return (0, Decimal(value), "")
    except InvalidOperation:
        return (1, Decimal(0), str(value))


def _number(raw: str) -> int | str | None:
    """A bound as JSON: an int when whole, else a decimal string."""
    try:
        number = Decimal(raw.strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        return None
    return int(number) if number == number.to_integral_value() else format(number, "f")


def _iso_date(raw: str) -> str | None:
    try:
        return date.fromisoformat(raw.strip()[:10]).isoformat()
    except ValueError:
        return None


def yesno_spec(_ctx: Context, _field: DataField, _multiplicity: Multiplicity) -> Spec:
    return {"type": "yesno"}


def file_spec(ctx: Context, field: DataField, multiplicity: Multiplicity) -> Spec:
    spec: Spec = {"type": "file"}
    if multiplicity.repeats:
        spec["max_files"] = min(multiplicity.upper or MAX_FILES, MAX_FILES)
    if field.media_types:
        accepted = [t for t in field.media_types if t in UPLOAD_TYPES]
        if accepted:
            spec["accept"] = accepted
        else:
            ctx.report.note(
                field.fim_id,
                None,
                _(
                    "Die Dateitypen von „%(label)s“ (%(types)s) werden nicht unterstützt; "
                    "erlaubt sind PDF, JPEG und PNG."
                )
                % {"label": field.title, "types": ", ".join(field.media_types)},
            )
    return spec


def time_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec:
    ctx.report.note(
        field.fim_id,
        None,
        _("„%(label)s“ ist eine Uhrzeit und wurde als Textfeld im Format HH:MM übernommen.")
        % {"label": field.title},
    )
    return {
        "type": "text",
        "max_length": 5,
        "pattern": TIME_PATTERN,
        "pattern_message": _("Bitte geben Sie die Uhrzeit im Format HH:MM an, z. B. 14:30."),
    }


def datetime_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec:
    ctx.report.decision(
        field.fim_id,
        None,
        _(
            "„%(label)s“ ist ein Zeitpunkt mit Datum und Uhrzeit; übernommen wurde nur das "
            "Datum. Bitte entscheiden Sie, ob die Uhrzeit zusätzlich erfragt werden soll."
        )
        % {"label": field.title},
    )
    return {"type": "date"}


def object_spec(ctx: Context, field: DataField, _multiplicity: Multiplicity) -> Spec | None:
    ctx.report.decision(
        field.fim_id,
        None,
        _(
            "„%(label)s“ hat den Datentyp „obj“ (ein Binärobjekt, z. B. eine Unterschrift) und "
            "wurde nicht übernommen. Bitte entscheiden Sie, ob stattdessen ein Datei-Upload "
            "nötig ist."
        )
        % {"label": field.title},
    )
    return None


BUILDERS: dict[str, Callable[[Context, DataField, Multiplicity], Spec | None]] = {
    "text": text_spec,
    "text_latin": text_spec,
    "string": text_spec,
    "num": number_spec,
    "num_int": integer_spec,
    "num_currency": money_spec,
    "date": date_spec,
    "bool": yesno_spec,
    "file": file_spec,
    "time": time_spec,
    "datetime": datetime_spec,
    "obj": object_spec,
}

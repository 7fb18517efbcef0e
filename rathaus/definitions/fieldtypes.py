"""One class per field type: read what was typed, check it, store it, show it.

A field's value is stored JSON-safe in a draft's answers (numbers and money as decimal
strings, dates as ISO strings, yes/no as booleans, an address as a dict, checkboxes as a
list, files as a list of attachment ids). ``typed()`` turns a stored value into what rules
compute with (Decimal, date, ...). Messages are German msgids, translated by gettext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import formats
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from rathaus.core.registry import Registry
from rathaus.definitions import schema
from rathaus.definitions.schema import localize

ADDRESS_PARTS = ("street", "house_number", "postal_code", "city", "municipality")
PHONE = re.compile(r"^\+?[0-9 ()/.-]{5,30}$")
POSTAL_CODE = re.compile(r"^\d{5}$")
MAX_INPUT = 20_000
# C0 controls (but tab, line feed, carriage return) and DEL: never typed, never stored
# (PostgreSQL refuses NUL in text and JSON).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RawData(Protocol):
    """What a request's POST looks like (a QueryDict or a dict of lists)."""

    def get(self, key: str, default: Any = ...) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


@dataclass
class Parsed:
    value: Any = None
    error: str | None = None
    errors: dict[str, str] | None = None  # per sub-input (address parts)


def typed_text(data: RawData, name: str) -> str:
    """One input exactly as it was typed (what a browser can send), bounded in length."""
    value = data.get(name, "")
    return CONTROL_CHARACTERS.sub("", value)[:MAX_INPUT] if isinstance(value, str) else ""


def text_of(data: RawData, name: str) -> str:
    """One input as the engine reads it: typed text without surrounding white space."""
    return typed_text(data, name).strip()


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class FieldType:
    """Plain text; the base the other types refine."""

    def parse(self, field: Any, data: RawData, name: str) -> Parsed:
        return self.check(field, text_of(data, name))

    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        if len(text) < getattr(field, "min_length", 0):
            return Parsed(
                text, _("Bitte geben Sie mindestens %(n)d Zeichen ein.") % {"n": field.min_length}
            )
        if len(text) > getattr(field, "max_length", 200):
            return Parsed(
                text, _("Bitte geben Sie höchstens %(n)d Zeichen ein.") % {"n": field.max_length}
            )
        return Parsed(text)

    def raw(self, field: Any, value: Any, name: str) -> dict[str, Any]:
        """The form inputs that show a stored value again."""
        return {name: "" if value is None else str(value)}

    def echo(self, field: Any, data: RawData, name: str) -> dict[str, Any]:
        """The form inputs exactly as they were sent, to show them again after an error."""
        return {name: typed_text(data, name)}

    def typed(self, field: Any, value: Any) -> Any:
        return value

    def display(self, field: Any, value: Any, language: str) -> str:
        return "" if is_empty(value) else str(value)


class TextType(FieldType):
    def check(self, field: Any, text: str) -> Parsed:
        parsed = super().check(field, text)
        if parsed.error or not text or not field.pattern:
            return parsed
        if not re.fullmatch(field.pattern, text):
            message = localize(field.pattern_message, _lang()) or _("Das Format stimmt nicht.")
            return Parsed(text, message)
        return parsed


class NumberType(FieldType):
    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        number = parse_decimal(text)
        if number is None:
            return Parsed(text, _("Bitte geben Sie eine Zahl ein."))
        if getattr(field, "integer", False) and number != number.to_integral_value():
            return Parsed(text, _("Bitte geben Sie eine ganze Zahl ein."))
        return self.in_range(field, number, text)

    def in_range(self, field: Any, number: Decimal, text: str) -> Parsed:
        if field.min is not None and number < field.min:
            return Parsed(text, _("Der Wert muss mindestens %(n)s sein.") % {"n": _num(field.min)})
        if field.max is not None and number > field.max:
            return Parsed(text, _("Der Wert darf höchstens %(n)s sein.") % {"n": _num(field.max)})
        # plain digits, never an exponent: "10" stays "10" (not "1E+1"), so the stored
        # answer reads back as the same number
        whole = number == number.to_integral()
        return Parsed(format(number.normalize() if whole else number, "f"))

    def typed(self, field: Any, value: Any) -> Any:
        return parse_decimal(value) if isinstance(value, str) else None

    def display(self, field: Any, value: Any, language: str) -> str:
        number = self.typed(field, value)
        unit = localize(getattr(field, "unit", None), language)
        return f"{_num(number)} {unit}".strip() if number is not None else ""


class MoneyType(NumberType):
    def check(self, field: Any, text: str) -> Parsed:
        text = text.replace("€", "").replace("EUR", "").strip()
        if not text:
            return Parsed()
        amount = parse_decimal(text)
        if amount is None or amount.as_tuple().exponent < -2:  # type: ignore[operator]
            return Parsed(text, _("Bitte geben Sie einen Betrag in Euro ein, z. B. 1.250,00."))
        parsed = self.in_range(field, amount, text)
        if not parsed.error:
            parsed.value = str(amount.quantize(Decimal("0.01"), ROUND_HALF_UP))
        return parsed

    def display(self, field: Any, value: Any, language: str) -> str:
        amount = self.typed(field, value)
        return (
            ""
            if amount is None
            else f"{formats.number_format(amount, 2, use_l10n=True, force_grouping=True)} €"
        )


DATE_PARTS = ("day", "month", "year")


class DateType(FieldType):
    """Three inputs (Tag, Monat, Jahr) as the GOV.UK and KERN patterns recommend."""

    def parse(self, field: Any, data: RawData, name: str) -> Parsed:
        parts = {part: text_of(data, f"{name}__{part}")[:4] for part in DATE_PARTS}
        if not any(parts.values()):
            return Parsed()
        iso = f"{parts['year']:0>4}-{parts['month']:0>2}-{parts['day']:0>2}"
        parsed = self.check(field, iso if all(p.isdigit() for p in parts.values()) else "?")
        if parsed.error:
            parsed.value = parts
        return parsed

    def echo(self, field: Any, data: RawData, name: str) -> dict[str, Any]:
        return {f"{name}__{p}": typed_text(data, f"{name}__{p}") for p in DATE_PARTS}

    def raw(self, field: Any, value: Any, name: str) -> dict[str, Any]:
        if isinstance(value, dict):
            parts = {p: str(value.get(p, "")) for p in DATE_PARTS}
        else:
            day = parse_date(value)
            parts = (
                dict(zip(DATE_PARTS, (str(day.day), str(day.month), str(day.year)), strict=True))
                if day
                else {}
            )
        return {f"{name}__{p}": parts.get(p, "") for p in DATE_PARTS}

    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        day = parse_date(text)
        if day is None:
            return Parsed(text, _("Bitte geben Sie ein gültiges Datum ein, z. B. 31 12 1990."))
        today = date.today()
        if field.not_future and day > today:
            return Parsed(text, _("Das Datum darf nicht in der Zukunft liegen."))
        if field.not_past and day < today:
            return Parsed(text, _("Das Datum darf nicht in der Vergangenheit liegen."))
        lowest, highest = _bound(field.min), _bound(field.max)
        if lowest and day < lowest:
            return Parsed(
                text, _("Das Datum darf nicht vor dem %(d)s liegen.") % {"d": _day(lowest)}
            )
        if highest and day > highest:
            return Parsed(
                text, _("Das Datum darf nicht nach dem %(d)s liegen.") % {"d": _day(highest)}
            )
        return Parsed(day.isoformat())

    def typed(self, field: Any, value: Any) -> Any:
        return parse_date(value) if isinstance(value, str) else None

    def display(self, field: Any, value: Any, language: str) -> str:
        day = self.typed(field, value)
        return _day(day) if day else ""


class EmailType(FieldType):
    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        try:
            validate_email(text)
        except ValidationError:
            return Parsed(
                text, _("Bitte geben Sie eine E-Mail-Adresse ein, z. B. name@beispiel.de.")
            )
        return Parsed(text if len(text) <= 254 else text[:254])


class PhoneType(FieldType):
    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        if not PHONE.fullmatch(text) or sum(c.isdigit() for c in text) < 5:
            return Parsed(text, _("Bitte geben Sie eine Telefonnummer ein, z. B. 06151 12345."))
        return Parsed(text)


class IbanType(FieldType):
    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        try:
            iban = IBAN(text)
        except (SchwiftyException, ValueError):
            return Parsed(text, _("Diese IBAN ist nicht gültig. Bitte prüfen Sie Ihre Eingabe."))
        return Parsed(iban.formatted)


class ChoiceType(FieldType):
    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        if text not in {option.value for option in field.options}:
            return Parsed(None, _("Bitte wählen Sie eine der angebotenen Möglichkeiten."))
        return Parsed(text)

    def display(self, field: Any, value: Any, language: str) -> str:
        labels = {option.value: localize(option.label, language) for option in field.options}
        return labels.get(value, "") if isinstance(value, str) else ""


class CheckboxesType(ChoiceType):
    def echo(self, field: Any, data: RawData, name: str) -> dict[str, Any]:
        return {name: [v for v in data.getlist(name) if isinstance(v, str)]}

    def parse(self, field: Any, data: RawData, name: str) -> Parsed:
        chosen = self.echo(field, data, name)[name]
        allowed = [option.value for option in field.options]
        if any(v not in allowed for v in chosen):
            return Parsed(None, _("Bitte wählen Sie nur angebotene Möglichkeiten."))
        chosen = [v for v in allowed if v in chosen]
        if chosen and len(chosen) < field.min_selected:
            return Parsed(
                chosen, _("Bitte wählen Sie mindestens %(n)d aus.") % {"n": field.min_selected}
            )
        if field.max_selected and len(chosen) > field.max_selected:
            return Parsed(
                chosen, _("Bitte wählen Sie höchstens %(n)d aus.") % {"n": field.max_selected}
            )
        return Parsed(chosen or None)

    def raw(self, field: Any, value: Any, name: str) -> dict[str, Any]:
        return {name: list(value) if isinstance(value, list) else []}

    def display(self, field: Any, value: Any, language: str) -> str:
        if not isinstance(value, list):
            return ""
        return ", ".join(super(CheckboxesType, self).display(field, v, language) for v in value)


class YesNoType(FieldType):
    def check(self, field: Any, text: str) -> Parsed:
        if not text:
            return Parsed()
        if text not in ("yes", "no"):
            return Parsed(None, _("Bitte wählen Sie „Ja“ oder „Nein“."))
        return Parsed(text == "yes")

    def raw(self, field: Any, value: Any, name: str) -> dict[str, Any]:
        return {name: {True: "yes", False: "no"}.get(value, "") if isinstance(value, bool) else ""}

    def display(self, field: Any, value: Any, language: str) -> str:
        return {True: _("Ja"), False: _("Nein")}.get(value, "") if isinstance(value, bool) else ""


class InfoType(FieldType):
    def parse(self, field: Any, data: RawData, name: str) -> Parsed:
        return Parsed()

    def echo(self, field: Any, data: RawData, name: str) -> dict[str, Any]:
        return {}


def parse_decimal(text: Any) -> Decimal | None:
    """'1.234,50', '1234.5', '1 234' -> Decimal; anything else -> None."""
    if not isinstance(text, str):
        return None
    text = text.replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"-?\d{1,15}(\.\d{1,6})?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_date(text: Any) -> date | None:
    """ISO ('1990-12-31') or German ('31.12.1990') -> date; anything else -> None."""
    if not isinstance(text, str):
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
        return day if day.year >= 1800 else None
    return None


def _bound(value: str | None) -> date | None:
    return date.today() if value == "today" else parse_date(value)


def _num(number: Decimal | None) -> str:
    return "" if number is None else formats.number_format(number, use_l10n=True)


def _day(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _lang() -> str:
    from django.utils.translation import get_language

    return (get_language() or "de")[:2]


def postal_code_ok(text: str) -> bool:
    return bool(POSTAL_CODE.fullmatch(text))


# The field types by the name a definition gives (``type: date``); ``compound.py`` adds
# ``address`` and ``file``. A look-up is one dict access (this is on every field of
# every form page).
TYPES: Registry[FieldType] = Registry("field type")


def register(type_name: str, field_type: FieldType) -> None:
    TYPES.register(type_name, field_type)


register("text", TextType())
register("textarea", FieldType())
register("number", NumberType())
register("money", MoneyType())
register("date", DateType())
register("email", EmailType())
register("phone", PhoneType())
register("iban", IbanType())
register("select", ChoiceType())
register("radio", ChoiceType())
register("checkboxes", CheckboxesType())
register("yesno", YesNoType())
register("info", InfoType())


def type_of(field: schema.BaseField) -> FieldType:
    return TYPES.get(field.type)  # type: ignore[attr-defined]

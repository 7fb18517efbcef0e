"""What pydantic finds wrong with the shape of a definition document, in plain German.

``message_for`` turns one pydantic error (its ``type``, ``ctx`` and location) into a
sentence a clerk understands; the texts of the schema's own validators are recognised by
their English wording (``from_english``) and unknown ones kept inside a German sentence.
Every text is a gettext msgid translated when the message is made, never at import.
``documents`` reports these messages; ``problems`` lists them for the designer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from pydantic_core import ErrorDetails

from rathaus.definitions.schema import IDENTIFIER
from rathaus.definitions.vocabulary import attribute_label, field_type_label

__all__ = [
    "ERROR_TYPES",
    "FIELD_TYPES",
    "MEMBER_TAG",
    "EnglishTexts",
    "from_english",
    "message_for",
]

FIELD_TYPES = frozenset(
    {"text", "textarea", "number", "money", "date", "email", "phone", "iban", "select",
     "radio", "checkboxes", "yesno", "address", "file", "info", "group"}
)  # fmt: skip
# The tags pydantic adds for the members of a union without a discriminator: LocalText
# (str | dict[str, str]) and a definition's workflow (Literal["default"] | WorkflowSpec).
MEMBER_TAG = re.compile(r"str|dict\[.*\]|literal\[.*\]|WorkflowSpec")
EnglishTexts = list[tuple[re.Pattern[str], Promise]]

_AT_LEAST: dict[str, Promise] = {
    "steps": ngettext_lazy(
        "Der Dienst braucht mindestens %(count)s Schritt.",
        "Der Dienst braucht mindestens %(count)s Schritte.",
        "count",
    ),
    "fields": ngettext_lazy(
        "Mindestens %(count)s Feld ist nötig.", "Mindestens %(count)s Felder sind nötig.", "count"
    ),
    "options": ngettext_lazy(
        "Eine Auswahl braucht mindestens %(count)s Auswahlmöglichkeit.",
        "Eine Auswahl braucht mindestens %(count)s Auswahlmöglichkeiten.",
        "count",
    ),
    "states": ngettext_lazy(
        "Ein eigener Bearbeitungsablauf braucht mindestens %(count)s Status.",
        "Ein eigener Bearbeitungsablauf braucht mindestens %(count)s Status.",
        "count",
    ),
    "transitions": ngettext_lazy(
        "Ein eigener Bearbeitungsablauf braucht mindestens %(count)s Übergang.",
        "Ein eigener Bearbeitungsablauf braucht mindestens %(count)s Übergänge.",
        "count",
    ),
    "from": ngettext_lazy(
        "Ein Übergang braucht mindestens %(count)s Status, von dem er ausgeht.",
        "Ein Übergang braucht mindestens %(count)s Status, von denen er ausgeht.",
        "count",
    ),
    "roles": ngettext_lazy(
        "Ein Übergang braucht mindestens %(count)s berechtigte Rolle.",
        "Ein Übergang braucht mindestens %(count)s berechtigte Rollen.",
        "count",
    ),
}
# By the pattern in schema.py; a pattern not listed gets a general sentence.
_PATTERNS: dict[str, Promise] = {
    IDENTIFIER: gettext_lazy(
        "„%(value)s“ ist als Kennung nicht möglich: nur Kleinbuchstaben, Ziffern und _; "
        "beginnt mit einem Buchstaben; höchstens 63 Zeichen."
    ),
    r"^[a-z0-9][a-z0-9-]{1,62}$": gettext_lazy(
        "„%(value)s“ ist als Kurzname nicht möglich: nur Kleinbuchstaben, Ziffern und "
        "Bindestriche; beginnt mit einem Kleinbuchstaben oder einer Ziffer; 2 bis 63 Zeichen."
    ),
    r"^[A-Za-z0-9_.-]{1,64}$": gettext_lazy(
        "„%(value)s“ ist als Wert einer Auswahlmöglichkeit nicht möglich: nur Buchstaben "
        "ohne Umlaute, Ziffern und die Zeichen _ . -; höchstens 64 Zeichen."
    ),
    r"^\d{14}$": gettext_lazy("„%(value)s“ ist kein LeiKa-Schlüssel: genau 14 Ziffern."),
    r"^[A-Z][0-9A-Za-z]{1,40}$": gettext_lazy(
        "„%(value)s“ ist keine FIM-Kennung: ein Großbuchstabe, dann Buchstaben und Ziffern, "
        "z. B. F60000227."
    ),
    r"^[a-z -]{1,40}$": gettext_lazy(
        "„%(value)s“ ist als Hinweis zur Autovervollständigung nicht möglich: nur "
        "Kleinbuchstaben, Leerzeichen und Bindestriche; höchstens 40 Zeichen."
    ),
}
# The messages of the validators in schema.py, by their English wording.
_VALIDATOR_TEXTS: EnglishTexts = [
    (re.compile(r"must not be empty"), gettext_lazy("Der Text darf nicht leer sein.")),
    (
        re.compile(r"a German text \('de'\) is required"),
        gettext_lazy("Ein deutscher Text („de“) ist nötig."),
    ),
    (
        re.compile(r"unknown language\(s\) \[(?P<languages>.*)\]; use 'de' and 'en'"),
        gettext_lazy(
            "Unbekannte Sprache %(languages)s: möglich sind nur „de“ (Deutsch) und „en“ (Englisch)."
        ),
    ),
    (
        re.compile(r"invalid regular expression: (?P<detail>.*)"),
        gettext_lazy("Das Muster ist kein gültiger regulärer Ausdruck (%(detail)s)."),
    ),
    (
        re.compile(r"duplicate option values: (?P<values>.*)"),
        gettext_lazy("Diese Werte haben mehrere Auswahlmöglichkeiten: %(values)s."),
    ),
    (
        re.compile(r"file fields cannot repeat inside a group; put them in a step"),
        gettext_lazy(
            "Datei-Uploads können sich in einer Gruppe nicht wiederholen; legen Sie sie direkt "
            "in einen Schritt."
        ),
    ),
    (
        re.compile(r"min_items is larger than max_items"),
        gettext_lazy("Die Mindestzahl an Einträgen ist größer als die Höchstzahl."),
    ),
]


def message_for(error: ErrorDetails) -> str:
    """A German message for one pydantic error, in words a clerk understands."""
    describe = _MESSAGES.get(error["type"])
    if describe is None:
        return _("Diese Angabe ist ungültig (%(detail)s).") % {"detail": error["msg"]}
    return describe(error)


def from_english(text: str, table: EnglishTexts) -> str | None:
    """The German message for a known English ``text`` (its quotes become German ones)."""
    for pattern, message in table:
        match = pattern.fullmatch(text)
        if match:
            values = {k: re.sub(r"'([^']*)'", r"„\1“", v) for k, v in match.groupdict().items()}
            return str(message) % values
    return None


def _names(error: ErrorDetails) -> list[str]:
    """The named parts of the error's location, without pydantic's union tags."""
    location = error["loc"]
    return [
        part
        for index, part in enumerate(location)
        if isinstance(part, str)
        and not (part in FIELD_TYPES and index and isinstance(location[index - 1], int))
        and not MEMBER_TAG.fullmatch(part)
    ]


def _attribute(error: ErrorDetails) -> str:
    names = _names(error)
    return names[-1] if names else ""


def _ctx(error: ErrorDetails, key: str) -> Any:
    return (error.get("ctx") or {}).get(key)


def _shown(value: Any) -> str | None:
    """The input as text for a message, when it is a single value."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        return None
    try:
        text = str(value)
    except ValueError:  # an int with more digits than Python converts
        return None
    return text if len(text) <= 40 else text[:39] + "…"


def _quoted(values: list[str]) -> str:
    return ", ".join(f"„{value}“" for value in values)


def _missing(error: ErrorDetails) -> str:
    label = attribute_label(_attribute(error))
    return _("„%(attribute)s“ fehlt; diese Angabe ist Pflicht.") % {"attribute": label}


def _list_too_short(error: ErrorDetails) -> str:
    count = _ctx(error, "min_length")
    message = _AT_LEAST.get(_attribute(error))
    if message is not None:
        return str(message % {"count": count})
    return ngettext(
        "Hier wird mindestens %(count)s Eintrag gebraucht.",
        "Hier werden mindestens %(count)s Einträge gebraucht.",
        count,
    ) % {"count": count}


def _list_too_long(error: ErrorDetails) -> str:
    count, actual = _ctx(error, "max_length"), _ctx(error, "actual_length")
    return ngettext(
        "Hier ist höchstens %(count)s Eintrag möglich, es sind %(actual)s.",
        "Hier sind höchstens %(count)s Einträge möglich, es sind %(actual)s.",
        count,
    ) % {"count": count, "actual": actual}


def _text_too_short(error: ErrorDetails) -> str:
    count = _ctx(error, "min_length")
    if count == 1:
        return _("Der Text darf nicht leer sein.")
    return ngettext(
        "Der Text muss mindestens %(count)s Zeichen lang sein.",
        "Der Text muss mindestens %(count)s Zeichen lang sein.",
        count,
    ) % {"count": count}


def _text_too_long(error: ErrorDetails) -> str:
    count = _ctx(error, "max_length")
    actual = len(error["input"]) if isinstance(error["input"], str) else "?"
    return ngettext(
        "Der Text darf höchstens %(count)s Zeichen lang sein, er hat %(actual)s.",
        "Der Text darf höchstens %(count)s Zeichen lang sein, er hat %(actual)s.",
        count,
    ) % {"count": count, "actual": actual}


def _pattern(error: ErrorDetails) -> str:
    message = _PATTERNS.get(str(_ctx(error, "pattern")))
    value = _shown(error["input"]) or ""
    if message is None:
        return _("„%(value)s“ hat nicht die erwartete Form.") % {"value": value}
    return str(message) % {"value": value}


def _literal(error: ErrorDetails) -> str:
    if error["loc"][-1:] == ("literal['default']",) and isinstance(error["input"], dict):
        return _(
            "Der eigene Bearbeitungsablauf hat Fehler (siehe die übrigen Meldungen); ohne "
            "eigenen Ablauf gilt der Standardablauf „default“."
        )
    expected = str(_ctx(error, "expected") or "")
    allowed = _quoted([a or b for a, b in re.findall(r"'([^']*)'|(\d+)", expected)])
    value = _shown(error["input"])
    if value is None:
        return _("Hier ist nur einer dieser Werte möglich: %(allowed)s.") % {"allowed": allowed}
    message = _("„%(value)s“ ist hier nicht möglich. Möglich: %(allowed)s.")
    return message % {"value": value, "allowed": allowed}


def _unknown_type(error: ErrorDetails) -> str:
    tag = str(_ctx(error, "tag"))
    if tag in FIELD_TYPES:
        message = _("Ein Feld vom Typ „%(type)s“ ist an dieser Stelle nicht möglich.")
        return message % {"type": field_type_label(tag)}
    allowed = re.findall(r"'([^']*)'", str(_ctx(error, "expected_tags") or ""))
    message = _("Den Feldtyp „%(type)s“ gibt es nicht. Möglich: %(allowed)s.")
    return message % {"type": _shown(tag), "allowed": _quoted(allowed)}


def _object(error: ErrorDetails) -> str:
    if not error["loc"]:
        return _(
            "Die Datei muss eine Definition enthalten: Angaben der Form „Name: Wert“ (ein "
            "YAML- oder JSON-Objekt)."
        )
    if error["loc"][-1] == "WorkflowSpec":
        return _(
            "Hier wird ein eigener Bearbeitungsablauf (mit Status und Übergängen) erwartet, "
            "oder „default“ für den Standardablauf."
        )
    if MEMBER_TAG.fullmatch(str(error["loc"][-1])):
        return _("Hier wird ein Text erwartet, oder je ein Text für „de“ und „en“.")
    return _("Hier werden Angaben der Form „Name: Wert“ erwartet.")


def _validator(error: ErrorDetails) -> str:
    problem = _ctx(error, "error")
    text = str(problem) if problem is not None else error["msg"].removeprefix("Value error, ")
    found = from_english(text, _VALIDATOR_TEXTS)
    return found or _("Ungültige Angabe: %(detail)s") % {"detail": text}


def _extra(error: ErrorDetails) -> str:
    message = _("Unbekannte Angabe „%(name)s“; bitte entfernen oder richtig schreiben.")
    return message % {"name": _attribute(error)}


def _limit(message: Promise, key: str) -> Callable[[ErrorDetails], str]:
    def describe(error: ErrorDetails) -> str:
        value = _shown(error["input"])
        return str(message) % {"limit": _ctx(error, key), "value": value or "?"}

    return describe


def _with_value(message: Promise, without: Promise) -> Callable[[ErrorDetails], str]:
    def describe(error: ErrorDetails) -> str:
        value = _shown(error["input"])
        return str(without) if value is None else str(message) % {"value": value}

    return describe


def _counted(message: Promise, key: str) -> Callable[[ErrorDetails], str]:
    def describe(error: ErrorDetails) -> str:
        return str(message % {"count": _ctx(error, key)})

    return describe


def _fixed(message: Promise) -> Callable[[ErrorDetails], str]:
    return lambda error: str(message)


_A_WHOLE_NUMBER = gettext_lazy("Hier wird eine ganze Zahl erwartet.")
_A_NUMBER = gettext_lazy("Hier wird eine Zahl erwartet.")
_YES_OR_NO = gettext_lazy("Hier ist nur ja oder nein möglich (true oder false).")
_YES_OR_NO_NOT = gettext_lazy(
    "Hier ist nur ja oder nein möglich (true oder false), nicht „%(value)s“."
)
_MESSAGES: Mapping[str, Callable[[ErrorDetails], str]] = {
    "missing": _missing,
    "too_short": _list_too_short,
    "too_long": _list_too_long,
    "string_too_short": _text_too_short,
    "string_too_long": _text_too_long,
    "string_pattern_mismatch": _pattern,
    "literal_error": _literal,
    "union_tag_invalid": _unknown_type,
    "union_tag_not_found": _fixed(gettext_lazy("Der Feldtyp fehlt.")),
    "extra_forbidden": _extra,
    "value_error": _validator,
    "model_type": _object,
    "model_attributes_type": _object,
    "dict_type": _object,
    "string_type": _fixed(gettext_lazy("Hier wird ein Text erwartet.")),
    "list_type": _fixed(gettext_lazy("Hier wird eine Liste erwartet.")),
    "int_type": _fixed(_A_WHOLE_NUMBER),
    "decimal_type": _fixed(_A_NUMBER),
    "bool_type": _with_value(_YES_OR_NO_NOT, _YES_OR_NO),
    "bool_parsing": _with_value(_YES_OR_NO_NOT, _YES_OR_NO),
    "int_parsing": _with_value(gettext_lazy("„%(value)s“ ist keine ganze Zahl."), _A_WHOLE_NUMBER),
    "int_from_float": _with_value(
        gettext_lazy("Hier ist nur eine ganze Zahl möglich, nicht %(value)s."), _A_WHOLE_NUMBER
    ),
    "decimal_parsing": _with_value(gettext_lazy("„%(value)s“ ist keine Zahl."), _A_NUMBER),
    "finite_number": _with_value(gettext_lazy("„%(value)s“ ist keine gültige Zahl."), _A_NUMBER),
    "greater_than_equal": _limit(
        gettext_lazy("Der Wert muss mindestens %(limit)s sein, nicht %(value)s."), "ge"
    ),
    "less_than_equal": _limit(
        gettext_lazy("Der Wert darf höchstens %(limit)s sein, nicht %(value)s."), "le"
    ),
    "decimal_max_digits": _counted(
        ngettext_lazy(
            "Höchstens %(count)s Ziffer ist möglich.",
            "Höchstens %(count)s Ziffern sind möglich.",
            "count",
        ),
        "max_digits",
    ),
    "decimal_max_places": _counted(
        ngettext_lazy(
            "Höchstens %(count)s Nachkommastelle ist möglich.",
            "Höchstens %(count)s Nachkommastellen sind möglich.",
            "count",
        ),
        "decimal_places",
    ),
}
# The pydantic error types with a message of their own; others get a general sentence.
ERROR_TYPES = frozenset(_MESSAGES)

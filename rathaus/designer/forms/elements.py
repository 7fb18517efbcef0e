"""One form for every element of a definition, built from the document's JSON Schema.

The definition's pydantic models are the single source of truth: a field type added to
the engine gets its editing form here without a line of designer code. Each attribute
becomes a form field by its schema: texts shown to people (``x-localized``) a German and
an English input, booleans a checkbox, integers and decimals number inputs with their
limits, enums a select, lists of enums checkboxes, rules a text input the guided editor
enhances, options a text area with one option per line. What a form cannot hold (nested
steps, fields, FIM references) is edited elsewhere or shown read-only.

``values_of`` turns the cleaned form back into attribute values (``None`` removes an
attribute, so defaults are left out as in a stored document); ``check_element`` runs the
model's own validation and puts each error on the input it concerns.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from pydantic import TypeAdapter, ValidationError

from rathaus.definitions.expressions import guided
from rathaus.definitions.problems import message_for
from rathaus.definitions.vocabulary import (
    APPLICANTS,
    ASSURANCE_LEVELS,
    ATTRIBUTES,
    LOGIN_LEVELS,
    OUTCOMES,
    PREFILL,
    Term,
)
from rathaus.designer.editing import UMLAUTS
from rathaus.designer.forms.rules import RuleInputs

__all__ = ["ElementForm", "element_form", "EXPRESSIONS", "LONG_TEXTS"]

EXPRESSIONS = frozenset({"visible_if", "required_if", "when", "quantity"})
CONDITIONS = frozenset({"visible_if", "required_if", "when"})  # yes/no rules: guided rows
LONG_TEXTS = frozenset({"help", "text", "intro", "declaration", "summary", "pattern_message"})
SKIPPED = frozenset(
    {"type", "fields", "fim", "code_list", "steps", "fees", "workflow", "decision_texts",
     "schema_version", "slug", "states", "transitions", "initial"}
)  # fmt: skip


def _resolve(prop: dict[str, Any]) -> tuple[dict[str, Any], bool, bool]:
    """(the non-null schema, nullable, localized) of one property."""
    variants = prop.get("anyOf", [prop])
    nullable = any(v.get("type") == "null" for v in variants)
    localized = bool(prop.get("x-localized") or any(v.get("x-localized") for v in variants))
    concrete = [v for v in variants if v.get("type") != "null"]
    types = {v.get("type") for v in concrete}
    if types == {"number", "string"}:
        return {**concrete[0], "type": "decimal"}, nullable, localized
    return (concrete[0] if concrete else prop), nullable, localized


def _options_initial(options: Any) -> str:
    lines = []
    for option in options if isinstance(options, list) else []:
        if not isinstance(option, dict):
            continue
        label = option.get("label")
        de = label.get("de", "") if isinstance(label, dict) else str(label or "")
        en = label.get("en", "") if isinstance(label, dict) else ""
        lines.append(" | ".join(filter(None, [str(option.get("value", "")), de, en])))
    return "\n".join(lines)


def _options_value(text: str) -> list[dict[str, Any]]:
    """``wert | Beschriftung | English`` per line; without ``|`` the value comes from the
    label (kept as written where it fits the pattern)."""
    options = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if not any(parts):
            continue
        if len(parts) == 1:
            parts = [_option_value(parts[0]), parts[0]]
        value, de, en = (parts + ["", ""])[:3]
        options.append({"value": value, "label": {"de": de, "en": en} if en else de})
    return options


def _option_value(label: str) -> str:
    """A value from a label: "Ärztin" -> "Aerztin" (the engine's option pattern)."""
    plain = unicodedata.normalize("NFKD", label.translate(UMLAUTS)).encode("ascii", "ignore")
    cleaned = "".join(c if c.isalnum() or c in "_.-" else "_" for c in plain.decode())
    return re.sub("_+", "_", cleaned).strip("_")[:64] or "option"


class ElementForm(forms.Form):
    """A form for one element; ``spec`` maps each attribute to how it is edited."""

    spec: dict[str, tuple[str, dict[str, Any]]] = {}
    model: Any = None

    def __init__(
        self,
        *args: Any,
        element: dict[str, Any] | None = None,
        rule_fields: dict[str, tuple[str, str]] | None = None,
        code_lists: dict[str, Any] | None = None,
        **kwargs: Any,
    ):
        self.element = element or {}
        kwargs.setdefault("initial", self.initial_of(self.element))
        super().__init__(*args, **kwargs)
        self.rule_fields = rule_fields or {}
        self.rules = [
            RuleInputs(name, self.rule_fields)
            for name, (kind, _schema) in self.spec.items()
            if kind == "expression" and name in CONDITIONS
        ]
        for rule in self.rules:
            rule.add_to(self, str(self.element.get(rule.attribute) or ""))
        self.code_lists = code_lists or {}
        if "options" in self.spec and self.code_lists:
            self.fields["options__code_list"] = forms.ChoiceField(
                label=gettext_lazy("Optionen aus einer Codeliste übernehmen"),
                help_text=gettext_lazy("Ersetzt die Optionen oben durch die Einträge der Liste."),
                choices=[("", gettext_lazy("– keine –"))]
                + [(key, str(code_list)) for key, code_list in self.code_lists.items()],
                required=False,
            )
        self._order_rule_inputs()

    def _order_rule_inputs(self) -> None:
        """Each rule's guided inputs right after its text input."""
        ordered: dict[str, Any] = {}
        for name, field in self.fields.items():
            if "__" in name:
                continue
            ordered[name] = field
            prefix = f"{name}__"
            ordered.update((k, f) for k, f in self.fields.items() if k.startswith(prefix))
        self.fields = ordered

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for rule in self.rules:
            text = rule.read(self, data, str(self.element.get(rule.attribute) or ""))
            if text is None:
                continue
            data[rule.attribute] = text
            if text:
                for message in guided.problems(text, self.rule_fields):
                    self.add_error(rule.error_target(), message)
        return data

    @classmethod
    def initial_of(cls, element: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for name, (kind, _schema) in cls.spec.items():
            value = element.get(name)
            if kind == "local":
                initial[f"{name}_de"] = value.get("de", "") if isinstance(value, dict) else value
                initial[f"{name}_en"] = value.get("en", "") if isinstance(value, dict) else ""
            elif kind == "options":
                initial[name] = _options_initial(value)
            elif kind == "notes":
                initial[name] = "\n\n".join(value) if isinstance(value, list) else ""
            elif value is not None:
                initial[name] = value
            elif "default" in _schema:
                initial[name] = _schema["default"]
        return initial

    def values_of(self) -> dict[str, Any]:
        """The attributes as the document stores them (``None``: leave out, the default)."""
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for name, (kind, schema) in self.spec.items():
            if kind == "local":
                value = _local_value(data.get(f"{name}_de", ""), data.get(f"{name}_en", ""))
            else:
                value = _stored(kind, data.get(name))
            if value is not None and "default" in schema and _same(value, schema["default"]):
                value = None
            values[name] = value
        chosen = self.code_lists.get(data.get("options__code_list") or "")
        if chosen is not None:
            values["options"] = chosen.options
            values["code_list"] = {
                "urn": chosen.urn, "name": chosen.name, "version": chosen.version or None,
            }  # fmt: skip
        return values

    def check_element(self) -> dict[str, Any] | None:
        """The element with the form's values if the model accepts them, else ``None``
        with every error added to its input."""
        element = dict(self.element)
        for name, value in self.values_of().items():
            if value is None:
                element.pop(name, None)
            else:
                element[name] = value
        try:
            TypeAdapter(self.model).validate_python(element)
        except ValidationError as invalid:
            for error in invalid.errors():
                target = self._input_for(error["loc"])
                if target:
                    self.add_error(target, message_for(error))
            if self.errors:
                return None
        return element

    def _input_for(self, location: tuple[Any, ...]) -> str | None:
        for part in location:
            if part in self.spec:
                return f"{part}_de" if self.spec[part][0] == "local" else str(part)
        return None


def _local_value(de: str, en: str) -> str | dict[str, str] | None:
    """A text as the document stores it: German alone as a string, both as a dict."""
    de, en = de.strip(), en.strip()
    if not (de or en):
        return None
    return {"de": de, "en": en} if en else de


def _stored(kind: str, value: Any) -> Any:
    """A cleaned form value as the document stores it (``None``: leave it out)."""
    if kind == "options":
        return _options_value(value or "")
    if kind == "notes":
        return [note.strip() for note in (value or "").split("\n\n") if note.strip()] or None
    if kind == "decimal":
        return None if value is None else str(value)
    if kind in ("text", "choice", "expression") and value == "":
        return None
    return value


def _same(value: Any, default: Any) -> bool:
    if isinstance(value, str) and isinstance(default, (int, float)):
        try:
            return Decimal(value) == Decimal(str(default))
        except ArithmeticError:
            return False
    return bool(value == default)


def _choices(name: str, values: list[str], empty: bool) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [(v, _choice_label(name, v)) for v in values]
    return [("", gettext_lazy("– keine Angabe –")), *choices] if empty else choices


def _form_field(name: str, kind: str, schema: dict[str, Any], required: bool) -> forms.Field:
    term = ATTRIBUTES.get(name)
    common: dict[str, Any] = {
        "label": _label(name), "help_text": term.help if term and term.help else "",
        "required": required and kind in ("int", "decimal", "text", "expression"),
    }  # fmt: skip
    builders: dict[str, Any] = {
        "bool": lambda: forms.BooleanField(**common),
        "int": lambda: forms.IntegerField(
            min_value=schema.get("minimum"), max_value=schema.get("maximum"), **common
        ),
        "decimal": lambda: forms.DecimalField(min_value=schema.get("minimum"), **common),
        "choice": lambda: forms.ChoiceField(
            choices=_choices(name, schema.get("enum", []), not required), **common
        ),
        "multi": lambda: forms.MultipleChoiceField(
            choices=_choices(name, schema.get("items", {}).get("enum", []), False),
            widget=forms.CheckboxSelectMultiple, **common,
        ),
        "options": lambda: forms.CharField(
            widget=forms.Textarea({"rows": 5}), strip=False, **common
        ),
        "expression": lambda: forms.CharField(
            max_length=500, widget=forms.TextInput({"class": "expression", "spellcheck": "false"}),
            **common,
        ),
    }  # fmt: skip
    builders["notes"] = builders["options"]
    builder = builders.get(kind)
    if builder is not None:
        return builder()  # type: ignore[no-any-return]
    return forms.CharField(max_length=schema.get("maxLength"), **common)


def _label(name: str) -> Any:
    term = ATTRIBUTES.get(name)
    return term.label if term else name


_CHOICES: dict[str, dict[str, Term]] = {
    "login": LOGIN_LEVELS, "outcome": OUTCOMES, "prefill": PREFILL, "applicants": APPLICANTS,
    "assurance": ASSURANCE_LEVELS,
}  # fmt: skip


def _choice_label(name: str, value: str) -> Any:
    term = _CHOICES.get(name, {}).get(value)
    return term.label if term else value


_TYPES = {"boolean": "bool", "integer": "int", "decimal": "decimal", "number": "decimal"}
_BY_NAME = {"options": "options", "notes": "notes", **dict.fromkeys(EXPRESSIONS, "expression")}


def _kind(name: str, concrete: dict[str, Any], localized: bool) -> str | None:
    """How an attribute is edited; ``None`` when a form cannot hold it."""
    if localized:
        return "local"
    if name in _BY_NAME:
        return _BY_NAME[name]
    if "enum" in concrete:
        return "choice"
    if concrete.get("type") == "array" and "enum" in concrete.get("items", {}):
        return "multi"
    if concrete.get("type") in ("array", "object") or "$ref" in concrete:
        return None
    return _TYPES.get(concrete.get("type", ""), "text")


def _spec(model: Any) -> dict[str, tuple[str, dict[str, Any]]]:
    schema = TypeAdapter(model).json_schema()
    required = set(schema.get("required", []))
    spec: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, prop in schema.get("properties", {}).items():
        concrete, _nullable, localized = _resolve(prop)
        kind = None if name in SKIPPED else _kind(name, concrete, localized)
        if kind is not None:
            default = {"default": prop["default"]} if "default" in prop else {}
            spec[name] = (kind, {**concrete, **default, "required": name in required})
    return spec


@cache
def element_form(model: Any) -> type[ElementForm]:
    """The form class for a model (a field type, ``Step``, ``Fee``, ...), built once."""
    spec = _spec(model)
    attrs: dict[str, Any] = {"spec": spec, "model": model}
    for name, (kind, schema) in spec.items():
        if kind == "local":
            long = name in LONG_TEXTS
            widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput()
            label = _label(name)
            attrs[f"{name}_de"] = forms.CharField(
                label=format_lazy(gettext_lazy("{label} (deutsch)"), label=label), widget=widget,
                required=schema["required"], max_length=20000,
            )  # fmt: skip
            attrs[f"{name}_en"] = forms.CharField(
                label=format_lazy(gettext_lazy("{label} (englisch)"), label=label),
                widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput(),
                required=False, max_length=20000,
            )  # fmt: skip
        else:
            attrs[name] = _form_field(name, kind, schema, schema["required"] and kind != "bool")
    return type(f"{getattr(model, '__name__', 'Element')}Form", (ElementForm,), attrs)

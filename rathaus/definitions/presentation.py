"""What the step templates need: each field with its label, inputs, values and errors.

Input names follow the engine (``field``, ``field__street``, ``group__0__member``); HTML
ids are the names prefixed with ``f-`` so they never clash with ids of the layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.utils.translation import gettext as _

from rathaus.core.municipalities import datalist_options, municipality_suggestions
from rathaus.definitions import browser, conditions
from rathaus.definitions.compound import part_name
from rathaus.definitions.engine import build_scope, compiled, holds, item_name
from rathaus.definitions.schema import (
    UPLOAD_TYPES,
    BaseField,
    GroupField,
    ServiceDefinition,
    Step,
    localize,
)

ADDRESS_LABELS = {
    "street": ("Straße", "address-line1"),
    "house_number": ("Hausnummer", ""),
    "postal_code": ("Postleitzahl", "postal-code"),
    "city": ("Ort", "address-level2"),
    "municipality": ("Gemeinde", ""),
}
DATALIST_ID = "gemeinden"
TEMPLATES = {
    "textarea": "textarea", "select": "select", "radio": "radios", "yesno": "radios",
    "checkboxes": "checkboxes", "address": "address", "file": "file", "info": "info",
    "group": "group", "date": "date",
}  # fmt: skip
INPUT_TYPES = {"email": "email", "phone": "tel"}


@dataclass
class Input:
    name: str
    label: str
    value: Any
    error: str | None = None
    autocomplete: str = ""
    readonly: bool = False  # confirmed by an identity provider (see FieldView.confirmed)

    @property
    def html_id(self) -> str:
        return f"f-{self.name}"


@dataclass
class FieldView:
    field: BaseField
    name: str
    label: str
    help: str
    required: bool
    value: Any
    error: str | None
    parts: list[Input] = dataclass_field(default_factory=list)
    items: list[list[FieldView]] = dataclass_field(default_factory=list)
    conditional: bool = False
    rule: str = ""  # the visible_if as a JSON syntax tree for the browser (rules.js)
    condition: str = ""  # the visible_if in words
    item_prefix: str = ""  # inputs of the same group item: "<group>__<index>__"
    confirmed: str = ""  # the identity provider that confirmed the value ("BundID"): read-only

    @property
    def type(self) -> str:
        return self.field.type  # type: ignore[attr-defined]

    @property
    def html_id(self) -> str:
        return f"f-{self.name}"

    @property
    def anchor(self) -> str:
        """Where the error summary links: the first input of the field."""
        if self.parts:
            return self.parts[0].html_id
        if self.type in ("radio", "checkboxes", "yesno"):
            return f"{self.html_id}-0"
        if self.type == "date":
            return f"{self.html_id}__day"
        return self.html_id

    @property
    def has_error(self) -> bool:
        return bool(self.error or any(part.error for part in self.parts))

    @property
    def template(self) -> str:
        return f"submissions/fields/{TEMPLATES.get(self.type, 'input')}.html"

    @property
    def input_type(self) -> str:
        return INPUT_TYPES.get(self.type, "text")

    @property
    def described_by(self) -> str:
        ids = [
            f"{self.html_id}-{kind}"
            for kind, present in (("hint", self.help), ("confirmed", self.confirmed),
                                  ("condition", self.conditional), ("error", self.error))
            if present
        ]  # fmt: skip
        return " ".join(ids)

    def date_parts(self, raw: Mapping[str, Any]) -> list[Input]:
        return [
            Input(f"{self.name}__{part}", str(label), raw.get(f"{self.name}__{part}", ""))
            for part, label in (("day", _("Tag")), ("month", _("Monat")), ("year", _("Jahr")))
        ]

    def options(self) -> list[dict[str, Any]]:
        if self.type == "yesno":
            pairs = [("yes", _("Ja")), ("no", _("Nein"))]
        else:
            pairs = [(o.value, localize(o.label, _language())) for o in self.field.options]  # type: ignore[attr-defined]
        chosen = self.value if isinstance(self.value, list) else [self.value]
        return [
            {"value": v, "label": label, "checked": v in chosen, "id": f"{self.html_id}-{i}"}
            for i, (v, label) in enumerate(pairs)
        ]

    def accept(self) -> str:
        return ",".join(self.field.accept)  # type: ignore[attr-defined]

    def accept_names(self) -> str:
        return ", ".join(UPLOAD_TYPES[t] for t in self.field.accept)  # type: ignore[attr-defined]


def _language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "de")[:2]


def step_fields(
    definition: ServiceDefinition,
    step: Step,
    answers: Mapping[str, Any],
    raw: Mapping[str, Any],
    errors: Mapping[str, str],
    fixed: set[str] | None = None,
    confirmed_by: str = "",
) -> list[FieldView]:
    """The fields to show: hidden ones are left out unless their rule looks at this step
    (then they are shown, with their condition in words and as a rule for the browser).
    ``fixed`` names the inputs an identity provider (``confirmed_by``) confirmed
    (``engine.lock_raw``): they are shown read-only and marked."""
    scope = build_scope(definition, dict(answers))
    this_step = {f.id for f in step.fields}
    labelled = _fields_by_id(definition)
    views = []
    for field in step.fields:
        depends_here = _depends_on(field.visible_if, this_step)
        if not depends_here and not holds(field.visible_if, scope):
            continue
        view = _view(field, field.id, raw, errors, labelled)
        if depends_here:
            _make_conditional(view, field, labelled)
        _mark_confirmed(view, fixed or set(), confirmed_by)
        views.append(view)
    return views


def _mark_confirmed(view: FieldView, fixed: set[str], confirmed_by: str) -> None:
    parts = [part for part in view.parts if part.name in fixed]
    for part in parts:
        part.readonly = True
    if view.name in fixed or parts:
        view.confirmed = confirmed_by or "BundID"


def _fields_by_id(definition: ServiceDefinition) -> dict[str, BaseField]:
    return {field.id: field for _path, field in definition.all_fields()}


def _depends_on(rule: str | None, ids: set[str]) -> bool:
    return rule is not None and bool(compiled(rule).roots() & ids)


def _make_conditional(view: FieldView, field: BaseField, fields: Mapping[str, BaseField]) -> None:
    expression = compiled(field.visible_if or "true")
    view.conditional = True
    view.rule = browser.rule_json(expression)
    view.condition = conditions.describe(expression, fields, _language())


def _view(
    field: BaseField, name: str, raw: Mapping, errors: Mapping, fields: Mapping[str, BaseField]
) -> FieldView:
    language = _language()
    view = FieldView(
        field=field,
        name=name,
        label=localize(field.label, language),
        help=localize(field.help, language),
        required=field.required or field.required_if is not None,
        value=raw.get(name, [] if field.type in ("checkboxes", "file") else ""),  # type: ignore[attr-defined]
        error=errors.get(name),
    )
    if field.type == "address":  # type: ignore[attr-defined]
        view.parts = [
            Input(part_name(name, part), _(label), raw.get(part_name(name, part), ""),
                  errors.get(part_name(name, part)), autocomplete)
            for part, (label, autocomplete) in ADDRESS_LABELS.items()
        ]  # fmt: skip
    if field.type == "date":  # type: ignore[attr-defined]
        view.parts = view.date_parts(raw)
    if isinstance(field, GroupField):
        view.error = errors.get(f"{name}__count")
        view.items = _items(field, raw, errors, fields)
    return view


def _items(
    group: GroupField, raw: Mapping, errors: Mapping, fields: Mapping[str, BaseField]
) -> list[list[FieldView]]:
    try:
        count = int(str(raw.get(f"{group.id}__count") or 0))
    except ValueError:
        count = 0
    count = max(count, group.min_items, 1)
    return [
        [
            _member_view(group, member, i, raw, errors, fields)
            for member in group.fields
        ]
        for i in range(min(count, group.max_items))
    ]  # fmt: skip


def _member_view(
    group: GroupField, member: BaseField, index: int, raw: Mapping, errors: Mapping,
    fields: Mapping[str, BaseField],
) -> FieldView:  # fmt: skip
    view = _view(member, item_name(group.id, index, member.id), raw, errors, fields)
    if member.visible_if is not None:
        _make_conditional(view, member, {**fields, **{m.id: m for m in group.fields}})
        view.item_prefix = item_name(group.id, index, "")
    return view


def summary_items(views: list[FieldView], errors: Mapping[str, str]) -> list[dict[str, str]]:
    """Error summary entries in page order, each linking to its input."""
    items, shown = [], set()
    for view in _flatten(views):
        shown.update({view.name, f"{view.name}__count", *(p.name for p in view.parts)})
        if view.error:
            items.append({"anchor": view.anchor, "label": view.label, "message": view.error})
        for part in view.parts:
            if part.error:
                label = f"{view.label}: {part.label}"
                items.append({"anchor": part.html_id, "label": label, "message": part.error})
    items += [
        {"anchor": "", "label": "", "message": m} for k, m in errors.items() if k not in shown
    ]
    return items


def _flatten(views: list[FieldView]) -> list[FieldView]:
    flat = []
    for view in views:
        flat.append(view)
        for item in view.items:
            flat.extend(item)
    return flat


def has_conditions(views: list[FieldView]) -> bool:
    return any(view.conditional for view in _flatten(views))


def has_address(views: list[FieldView]) -> bool:
    return any(view.type == "address" for view in _flatten(views))


def municipality_datalist() -> list[dict[str, str]]:
    return datalist_options(municipality_suggestions(""))

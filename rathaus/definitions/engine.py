"""The form engine: reads one step of a definition, applies its rules, computes fees.

Everything here is pure (no database writes, no HTTP): the submissions app calls
``read_step`` with the request's POST data and the draft's answers, stores
``StepResult.values`` and shows ``StepResult.errors`` next to the inputs.

Rules are evaluated in order: a field is shown when its ``visible_if`` holds for the
answers given so far (earlier steps plus this step as typed); a hidden field is never
required and its value is dropped; a shown field is required when ``required`` or its
``required_if`` holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions import compound, expressions
from rathaus.definitions.fieldtypes import Parsed, is_empty, parse_decimal, type_of
from rathaus.definitions.schema import BaseField, GroupField, ServiceDefinition, Step, localize

__all__ = [
    "DictData",
    "StepResult",
    "FeeLine",
    "FeeSummary",
    "read_step",
    "visible_steps",
    "build_scope",
    "raw_of_step",
    "check_all",
    "compute_fees",
    "prefill_answers",
    "locked_answers",
    "lock_raw",
    "answer_rows",
    "item_name",
]

MAX_GROUP_ITEMS = 50


class DictData:
    """Form data from a plain dict (values are strings or lists), shaped like a QueryDict."""

    def __init__(self, values: Mapping[str, Any] | None = None):
        self.values = dict(values or {})

    def get(self, key: str, default: Any = "") -> Any:
        value = self.values.get(key, default)
        return value[-1] if isinstance(value, list) and value else value

    def getlist(self, key: str) -> list[Any]:
        value = self.values.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]


@dataclass
class StepResult:
    values: dict[str, Any] = dataclass_field(default_factory=dict)
    errors: dict[str, str] = dataclass_field(default_factory=dict)
    raw: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


@lru_cache(maxsize=8192)
def compiled(source: str) -> expressions.Expression:
    return expressions.parse(source)


def holds(rule: str | None, scope: Mapping[str, Any], default: bool = True) -> bool:
    return default if rule is None else compiled(rule).truthy(scope)


def item_name(group_id: str, index: int, member_id: str) -> str:
    return f"{group_id}__{index}__{member_id}"


def build_scope(definition: ServiceDefinition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as rules see them: numbers as Decimal, dates as date, ..."""
    scope: dict[str, Any] = {}
    for step in definition.steps:
        for field in step.fields:
            if field.has_value:
                scope[field.id] = _typed(field, answers.get(field.id))
    return scope


def _typed(field: BaseField, value: Any) -> Any:
    if isinstance(field, GroupField):
        items = value if isinstance(value, list) else []
        return [
            {m.id: _typed(m, item.get(m.id)) for m in field.fields if m.has_value}
            for item in items
            if isinstance(item, dict)
        ]
    return type_of(field).typed(field, value)


def visible_steps(definition: ServiceDefinition, answers: Mapping[str, Any]) -> list[Step]:
    scope = build_scope(definition, answers)
    return [step for step in definition.steps if holds(step.visible_if, scope)]


def read_step(
    definition: ServiceDefinition,
    step: Step,
    data: Any,
    answers: Mapping[str, Any],
    scope: Mapping[str, Any] | None = None,
) -> StepResult:
    """Parse and check one step's inputs against the rules; never raises on input.

    ``raw`` holds every input of the step exactly as it was sent, hidden fields included,
    so that a page shown again after an error keeps what the person typed. ``scope``:
    ``build_scope(definition, answers)`` when the caller has it already.
    """
    scope = dict(scope) if scope is not None else build_scope(definition, answers)
    parsed: dict[str, Any] = {}
    outcome = StepResult()
    for field in step.fields:
        if field.has_value:
            parsed[field.id] = _parse(field, data, field.id)
            scope[field.id] = _scope_value(field, parsed[field.id])
            outcome.raw.update(_echo(field, data, parsed[field.id]))
    for field in step.fields:
        if field.has_value and holds(field.visible_if, scope):
            _settle(field, parsed[field.id], scope, outcome)
    return outcome


def _echo(field: BaseField, data: Any, parsed: Any) -> dict[str, Any]:
    if not isinstance(field, GroupField):
        return type_of(field).echo(field, data, field.id)
    raw: dict[str, Any] = {f"{field.id}__count": str(len(parsed))}
    for index in range(len(parsed)):
        for member in field.fields:
            raw.update(type_of(member).echo(member, data, item_name(field.id, index, member.id)))
    return raw


def _parse(field: BaseField, data: Any, name: str) -> Any:
    if isinstance(field, GroupField):
        return _parse_group(field, data)
    return type_of(field).parse(field, data, name)


def _parse_group(group: GroupField, data: Any) -> list[dict[str, Parsed]]:
    try:
        count = int(str(data.get(f"{group.id}__count", "0")).strip() or 0)
    except ValueError:
        count = 0
    count = max(0, min(count, group.max_items, MAX_GROUP_ITEMS))
    return [
        {
            member.id: type_of(member).parse(member, data, item_name(group.id, i, member.id))
            for member in group.fields
            if member.has_value
        }
        for i in range(count)
    ]


def _scope_value(field: BaseField, result: Any) -> Any:
    if isinstance(field, GroupField):
        return [
            {m.id: _ok_typed(m, item.get(m.id)) for m in field.fields if m.has_value}
            for item in result
        ]
    return _ok_typed(field, result)


def _ok_typed(field: BaseField, result: Parsed | None) -> Any:
    if result is None or result.error or result.errors:
        return None
    return type_of(field).typed(field, result.value)


def _settle(field: BaseField, result: Any, scope: dict[str, Any], outcome: StepResult) -> None:
    if isinstance(field, GroupField):
        _settle_group(field, result, scope, outcome)
        return
    _record(field, field.id, result, scope, outcome)
    if not (result.error or result.errors) and not is_empty(result.value):
        outcome.values[field.id] = result.value


def _record(
    field: BaseField, name: str, result: Parsed, scope: Mapping, outcome: StepResult
) -> None:
    if result.error:
        outcome.errors[name] = result.error
    elif result.errors:
        outcome.errors.update(result.errors)
    elif is_empty(result.value) and _required(field, scope):
        outcome.errors[_anchor_name(field, name)] = _required_message(field)


def _anchor_name(field: BaseField, name: str) -> str:
    return compound.part_name(name, "street") if field.type == "address" else name  # type: ignore[attr-defined]


def _required(field: BaseField, scope: Mapping[str, Any]) -> bool:
    return field.required or holds(field.required_if, scope, default=False)


def _required_message(field: BaseField) -> str:
    kind = field.type  # type: ignore[attr-defined]
    if kind in ("select", "radio", "checkboxes", "yesno"):
        return _("Bitte wählen Sie eine Antwort aus.")
    if kind == "file":
        return _("Bitte laden Sie eine Datei hoch.")
    return _("Bitte füllen Sie dieses Feld aus.")


def _settle_group(
    group: GroupField, items: list[dict[str, Parsed]], scope: dict, outcome: StepResult
) -> None:
    kept = [
        values
        for index, item in enumerate(items)
        if (values := _settle_item(group, index, item, scope, outcome))
    ]
    _check_group_size(group, kept, scope, outcome)
    if kept:
        outcome.values[group.id] = kept


def _settle_item(
    group: GroupField, index: int, item: dict[str, Parsed], scope: dict, outcome: StepResult
) -> dict[str, Any]:
    """One item of a group; an item left completely empty is dropped, not an error."""
    local = {**scope, **{k: _ok_typed(_member(group, k), p) for k, p in item.items()}}
    empty = all(is_empty(p.value) for p in item.values())
    values: dict[str, Any] = {}
    for member in (m for m in group.fields if m.has_value):
        result, name = item[member.id], item_name(group.id, index, member.id)
        if empty or not holds(member.visible_if, local):
            continue
        _record(member, name, result, local, outcome)
        if not (result.error or result.errors) and not is_empty(result.value):
            values[member.id] = result.value
    return values


def _member(group: GroupField, member_id: str) -> BaseField:
    return next(m for m in group.fields if m.id == member_id)


def _check_group_size(group: GroupField, kept: list, scope: Mapping, outcome: StepResult) -> None:
    needed = max(group.min_items, 1 if _required(group, scope) else 0)
    if len(kept) < needed:
        outcome.errors[f"{group.id}__count"] = _(
            "Bitte geben Sie mindestens %(n)d Einträge an."
        ) % {"n": needed}


def raw_of_step(step: Step, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The form inputs that show stored answers again (for GET and for re-checking)."""
    return _raw_of_fields(step.fields, answers)


def _raw_of_fields(fields: Iterable[BaseField], answers: Mapping[str, Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for field in fields:
        if not field.has_value:
            continue
        value = answers.get(field.id)
        if isinstance(field, GroupField):
            items = [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
            raw[f"{field.id}__count"] = str(len(items))
            for index, item in enumerate(items[:MAX_GROUP_ITEMS]):
                for member in field.fields:
                    name = item_name(field.id, index, member.id)
                    raw.update(type_of(member).raw(member, item.get(member.id), name))
        else:
            raw.update(type_of(field).raw(field, value, field.id))
    return raw


def check_all(
    definition: ServiceDefinition, answers: Mapping[str, Any]
) -> tuple[dict[str, Any], Step | None]:
    """Re-read every visible step from stored answers, in order.

    Returns the answers that count — values of fields and steps whose condition is false
    are left out, so a stale answer is never shown, charged or submitted — and the first
    step that is not complete, or None when the whole application is ready to submit.
    """
    clean: dict[str, Any] = {}
    first_open: Step | None = None
    scope = build_scope(definition, clean)  # kept up to date step by step below
    for step in definition.steps:
        if not holds(step.visible_if, scope):
            continue
        result = read_step(definition, step, DictData(raw_of_step(step, answers)), clean, scope)
        if not result.valid and first_open is None:
            first_open = step
        clean.update(result.values)
        scope.update((f.id, _typed(f, clean.get(f.id))) for f in step.fields if f.has_value)
    return clean, first_open


@dataclass(frozen=True)
class FeeLine:
    label: str
    amount: Decimal
    quantity: Decimal
    total: Decimal


@dataclass(frozen=True)
class FeeSummary:
    lines: list[FeeLine]

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))


def compute_fees(
    definition: ServiceDefinition,
    answers: Mapping[str, Any],
    language: str = "de",
    overrides: Mapping[str, Decimal] | None = None,
) -> FeeSummary:
    """The fee lines that apply; ``overrides`` are an offer's local amounts by fee id."""
    scope = build_scope(definition, answers)
    overrides = overrides or {}
    lines = []
    for fee in definition.fees:
        if not holds(fee.when, scope):
            continue
        quantity = Decimal(1)
        if fee.quantity is not None:
            quantity = _quantity(compiled(fee.quantity).evaluate(scope))
        if quantity > 0:
            amount = overrides.get(fee.id, fee.amount)
            total = (amount * quantity).quantize(Decimal("0.01"))
            lines.append(FeeLine(localize(fee.label, language), amount, quantity, total))
    return FeeSummary(lines)


def _quantity(value: Any) -> Decimal:
    if isinstance(value, bool) or value is None:
        return Decimal(0)
    number = value if isinstance(value, Decimal) else parse_decimal(str(value))
    if number is None or number < 0:
        return Decimal(0)
    return min(number, Decimal(1000))


def prefill_answers(
    definition: ServiceDefinition, sources: Mapping[str, Any], answers: Mapping[str, Any]
) -> dict[str, Any]:
    """Answers with every empty prefill field taken from the citizen's profile."""
    filled = dict(answers)
    for _path, field in definition.all_fields():
        if field.prefill and is_empty(filled.get(field.id)):
            value = sources.get(field.prefill)
            if not is_empty(value):
                filled[field.id] = value
    return filled


def locked_answers(step: Step, sources: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of this step that a confirmed source fixes: every prefill field of the
    step whose source (``profile.given_names`` ...) an identity provider confirmed."""
    return {
        field.id: sources[field.prefill]
        for field in step.fields
        if field.has_value and field.prefill and not is_empty(sources.get(field.prefill))
    }


def lock_raw(step: Step, raw: dict[str, Any], locked: Mapping[str, Any]) -> set[str]:
    """Put the confirmed values into a step's inputs (posted or shown), whatever was sent:
    a forged POST cannot change them. An input the confirmed value leaves empty (the
    Gemeinde of an address) stays as sent. Returns the names of the fixed inputs."""
    fixed: set[str] = set()
    fields = [field for field in step.fields if field.id in locked]
    for name, value in _raw_of_fields(fields, locked).items():
        if value not in ("", None) and name != "":
            raw[name] = value
            fixed.add(name)
    return fixed


@dataclass(frozen=True)
class AnswerRow:
    label: str
    text: str
    anchor: str


def answer_rows(step: Step, answers: Mapping[str, Any], language: str) -> list[AnswerRow]:
    """What was answered on one step, as label/text rows for check-answers and receipts."""
    rows: list[AnswerRow] = []
    for field in _answered(step.fields, answers):
        value = answers[field.id]
        if isinstance(field, GroupField):
            rows.extend(_group_rows(field, value, language))
        else:
            text = type_of(field).display(field, value, language)
            rows.append(AnswerRow(localize(field.label, language), text, field.id))
    return rows


def _answered(fields: Iterable[BaseField], answers: Mapping[str, Any]) -> Iterable[BaseField]:
    return (f for f in fields if f.has_value and not is_empty(answers.get(f.id)))


def _group_rows(group: GroupField, items: Any, language: str) -> list[AnswerRow]:
    rows = []
    for index, item in enumerate(items if isinstance(items, list) else [], start=1):
        if not isinstance(item, dict):
            continue
        title = f"{localize(group.item_label, language)} {index}"
        for member in _answered(group.fields, item):
            text = type_of(member).display(member, item[member.id], language)
            label = f"{title}: {localize(member.label, language)}"
            rows.append(AnswerRow(label, text, item_name(group.id, index - 1, member.id)))
    return rows

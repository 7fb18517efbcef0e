"""What changed between two versions of a definition document, said for people.

``diff_documents(old, new)`` compares two stored documents (JSON dicts as
``ServiceDefinition.to_document`` writes them: attributes at their default may be left
out). A designer's draft may be invalid, so nothing about the shape is assumed: whatever
is not where the schema puts it is compared as a plain value, and nothing raises.

Steps, fees, workflow states and transitions are matched by ``id``, options by ``value``,
decision texts by ``outcome``, and fields by ``id`` across the whole document (group
members included), so a field that went to another step is *moved*, not removed and
added. Texts (a string or ``{"de": ..., "en": ...}``) are compared per language. Rules
(``visible_if``, ``required_if``, a fee's ``when`` and ``quantity``) are listed apart, in
``DocumentDiff.rules``. ``sentences()`` says every change in German, one sentence each.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, get_args

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from rathaus.definitions import vocabulary
from rathaus.definitions.schema import (
    LANGUAGES,
    BaseField,
    DecisionText,
    Fee,
    Option,
    ServiceDefinition,
    Step,
    WorkflowSpec,
    WorkflowState,
    WorkflowTransition,
)

__all__ = [
    "Change",
    "DocumentDiff",
    "FieldDiff",
    "ItemDiff",
    "OptionChange",
    "Place",
    "RuleChange",
    "WorkflowDiff",
    "diff_documents",
]

Kind = Literal["added", "removed", "changed", "moved"]
_MAX_DEPTH = 32
_SHORT = 80  # longer values are not repeated in a sentence
_NUMERIC = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_RULES: dict[str, frozenset[str]] = {
    "step": frozenset({"visible_if"}),
    "field": frozenset({"visible_if", "required_if"}),
    "fee": frozenset({"when", "quantity"}),
    **dict.fromkeys(("state", "transition", "decision_text"), frozenset()),
}
_VALUE_TERMS: dict[str, dict[str, vocabulary.Term]] = {
    "type": vocabulary.FIELD_TYPES,
    "login": vocabulary.LOGIN_LEVELS,
    "assurance": vocabulary.ASSURANCE_LEVELS,
    "prefill": vocabulary.PREFILL,
    "outcome": vocabulary.OUTCOMES,
    "roles": vocabulary.ROLES,
    "needs": vocabulary.NEEDS,
    "workflow": vocabulary.WORKFLOWS,
}
_SUBJECTS = {
    "step": gettext_lazy("Schritt „%(name)s“"),
    "field": gettext_lazy("Feld „%(name)s“"),
    "fee": gettext_lazy("Gebühr „%(name)s“"),
    "state": gettext_lazy("Status „%(name)s“"),
    "transition": gettext_lazy("Übergang „%(name)s“"),
    "decision_text": gettext_lazy("Bescheidtext „%(name)s“"),
}
_OPTION_SENTENCES = {
    "added": gettext_lazy("%(subject)s: Auswahlmöglichkeit „%(option)s“ hinzugefügt"),
    "removed": gettext_lazy("%(subject)s: Auswahlmöglichkeit „%(option)s“ entfernt"),
    "relabelled": gettext_lazy(
        "%(subject)s: Beschriftung der Auswahlmöglichkeit „%(option)s“ geändert"
    ),
    "moved": gettext_lazy(
        "%(subject)s: Auswahlmöglichkeit „%(option)s“ an eine andere Stelle verschoben"
    ),
}
_DEFINITION = gettext_lazy("Leistung")
_WORKFLOW = gettext_lazy("Bearbeitungsablauf")


# --- the schema's defaults ---------------------------------------------------------------


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Each optional attribute's default as a stored document would write it."""
    return {
        info.alias or name: to_jsonable_python(info.get_default(call_default_factory=True))
        for name, info in model.model_fields.items()
        if not info.is_required()
    }


def _field_models() -> dict[str, type[BaseField]]:
    found: dict[str, type[BaseField]] = {}
    stack = list(BaseField.__subclasses__())
    while stack:
        model = stack.pop()
        stack.extend(model.__subclasses__())
        found.update(dict.fromkeys(get_args(model.model_fields["type"].annotation), model))
    return found


_MODELS: dict[str, type[BaseModel]] = {
    "definition": ServiceDefinition,
    "step": Step,
    "fee": Fee,
    "option": Option,
    "workflow": WorkflowSpec,
    "state": WorkflowState,
    "transition": WorkflowTransition,
    "decision_text": DecisionText,
    "field": BaseField,
}
_DEFAULTS = {section: _defaults(model) for section, model in _MODELS.items()}
_FIELD_DEFAULTS = {kind: _defaults(model) for kind, model in _field_models().items()}
_ORDER = {name: index for index, name in enumerate(vocabulary.ATTRIBUTES)}


# --- the result --------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """An attribute's old and new value; ``language`` when a text changed in one language."""

    attribute: str
    old: Any
    new: Any
    language: str | None = None

    @property
    def label(self) -> str:
        label = vocabulary.attribute_label(self.attribute)
        if self.language is None:
            return label
        language = vocabulary.label_of(vocabulary.LANGUAGES, self.language)
        return _("%(attribute)s (%(language)s)") % {"attribute": label, "language": language}

    def sentence(self, subject: str) -> str:
        values = {"subject": subject, "attribute": self.label}
        old, new = _shown(self.attribute, self.old), _shown(self.attribute, self.new)
        if self.new is None:
            return _("%(subject)s: %(attribute)s entfernt") % values
        if self.old is None and new:
            return _("%(subject)s: %(attribute)s auf %(new)s gesetzt") % {**values, "new": new}
        if self.old is None:
            return _("%(subject)s: %(attribute)s ergänzt") % values
        if old and new:
            return _("%(subject)s: %(attribute)s von %(old)s auf %(new)s geändert") % {
                **values,
                "old": old,
                "new": new,
            }
        return _("%(subject)s: %(attribute)s geändert") % values


@dataclass(frozen=True)
class OptionChange:
    """An option of a choice, by its value; labels as written (a string or per language)."""

    value: str
    kind: Literal["added", "removed", "relabelled", "moved"]
    old_label: Any = None
    new_label: Any = None

    def sentence(self, subject: str) -> str:
        label = _german(self.new_label if self.kind != "removed" else self.old_label)
        values = {"subject": subject, "option": label or self.value}
        return str(_OPTION_SENTENCES[self.kind]) % values


@dataclass(frozen=True)
class ItemDiff:
    """A step, fee, workflow state or transition, or decision text; ``moved``: its
    position among the others changed."""

    section: str  # step, fee, state, transition, decision_text
    key: str
    kind: Kind
    name: str
    changes: tuple[Change, ...] = ()
    moved: bool = False

    def sentences(self) -> list[str]:
        subject = _subject(self.section, self.name)
        if self.kind in ("added", "removed"):
            return [_added_or_removed(subject, self.kind)]
        lines = [_("%(subject)s an eine andere Stelle verschoben") % {"subject": subject}]
        return lines[: int(self.moved)] + [change.sentence(subject) for change in self.changes]


@dataclass(frozen=True)
class Place:
    """Where a field is: its step and, for a member of a group, the group."""

    step: str
    step_name: str
    group: str | None = None
    group_name: str | None = None

    @property
    def container(self) -> tuple[str, str | None]:
        return self.step, self.group

    def __str__(self) -> str:
        step = str(_SUBJECTS["step"]) % {"name": self.step_name}
        if self.group is None:
            return step
        return _("Gruppe „%(group)s“ in %(step)s") % {"group": self.group_name, "step": step}


@dataclass(frozen=True)
class FieldDiff:
    """A field, matched by id in the whole document. ``moved``: it is in another step or
    group now; ``reordered``: its position among the fields of its step changed."""

    key: str
    kind: Kind
    name: str
    old_place: Place | None
    new_place: Place | None
    changes: tuple[Change, ...] = ()
    options: tuple[OptionChange, ...] = ()
    reordered: bool = False

    def sentences(self) -> list[str]:
        subject = _subject("field", self.name)
        values = {"subject": subject, "old": self.old_place, "new": self.new_place}
        lines = {
            "added": [_("%(subject)s hinzugefügt in %(new)s") % values],
            "removed": [_("%(subject)s entfernt aus %(old)s") % values],
            "moved": [_("%(subject)s verschoben von %(old)s nach %(new)s") % values],
            "changed": [],
        }[self.kind]
        if self.reordered:
            lines.append(_("%(subject)s an eine andere Stelle verschoben") % values)
        lines.extend(change.sentence(subject) for change in self.changes)
        return lines + [option.sentence(subject) for option in self.options]


@dataclass(frozen=True)
class RuleChange:
    """A rule whose text changed, with the step, field or fee it belongs to."""

    section: str  # step, field or fee
    key: str
    name: str
    attribute: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return vocabulary.attribute_label(self.attribute)

    def sentence(self) -> str:
        values = {
            "subject": _subject(self.section, self.name),
            "attribute": self.label,
            "old": _rule_text(self.old),
            "new": _rule_text(self.new),
        }
        if self.new is None:
            return _("%(subject)s: Regel „%(attribute)s“ entfernt") % values
        if self.old is None:
            return _("%(subject)s: Regel „%(attribute)s“ ergänzt: %(new)s") % values
        return _("%(subject)s: Regel „%(attribute)s“ geändert von %(old)s auf %(new)s") % values


@dataclass(frozen=True)
class WorkflowDiff:
    """The workflow as a whole (``old``, ``new``) and, for declared workflows, what changed
    in them. ``replaced``: not both sides are a declared workflow (e.g. "default")."""

    old: Any
    new: Any
    changes: tuple[Change, ...] = ()
    states: tuple[ItemDiff, ...] = ()
    transitions: tuple[ItemDiff, ...] = ()

    @property
    def replaced(self) -> bool:
        return not (isinstance(self.old, dict) and isinstance(self.new, dict))

    def sentences(self) -> list[str]:
        lines = [change.sentence(str(_WORKFLOW)) for change in self.changes]
        if self.replaced:
            values = {"old": _workflow_name(self.old), "new": _workflow_name(self.new)}
            lines.insert(0, _("Bearbeitungsablauf von %(old)s auf %(new)s geändert") % values)
        items = (*self.states, *self.transitions)
        return lines + [line for item in items for line in item.sentences()]


@dataclass(frozen=True)
class DocumentDiff:
    attributes: tuple[Change, ...] = ()
    workflow: WorkflowDiff | None = None
    steps: tuple[ItemDiff, ...] = ()
    fields: tuple[FieldDiff, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    fees: tuple[ItemDiff, ...] = ()
    decision_texts: tuple[ItemDiff, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.attributes or self.workflow or self.steps or self.fields or self.rules
            or self.fees or self.decision_texts
        )  # fmt: skip

    @property
    def count(self) -> int:
        """The number of changes: one per sentence."""
        return len(self.sentences())

    def sentences(self) -> list[str]:
        lines = [change.sentence(str(_DEFINITION)) for change in self.attributes]
        lines += self.workflow.sentences() if self.workflow else []
        for items in (self.steps, self.fields):
            lines += [line for item in items for line in item.sentences()]
        lines += [rule.sentence() for rule in self.rules]
        for more in (self.fees, self.decision_texts):
            lines += [line for item in more for line in item.sentences()]
        return lines


# --- comparing ---------------------------------------------------------------------------


def diff_documents(old: Any, new: Any) -> DocumentDiff:
    """Everything that changed from ``old`` to ``new``; never raises on their shape."""
    before, after = _mapping(old), _mapping(new)
    lists = _lists(before, after, "steps", "fees", "decision_texts")
    steps, step_rules = _items("step", "steps", before, after, lists=("fields",))
    fields, field_rules = _fields(before, after)
    fees, fee_rules = _items("fee", "fees", before, after)
    decisions, _none = _items("decision_text", "decision_texts", before, after, "outcome", False)
    defaults = _DEFAULTS["definition"]
    return DocumentDiff(
        attributes=tuple(_changes(before, after, defaults, defaults, {"workflow", *lists})),
        workflow=_workflow(
            before.get("workflow", defaults["workflow"]),
            after.get("workflow", defaults["workflow"]),
        ),
        steps=tuple(steps),
        fields=tuple(fields),
        rules=(*step_rules, *field_rules, *fee_rules),
        fees=tuple(fees),
        decision_texts=tuple(decisions),
    )


def _items(
    section: str,
    attribute: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    key: str = "id",
    ordered: bool = True,
    lists: tuple[str, ...] = (),
) -> tuple[list[ItemDiff], list[RuleChange]]:
    """The items listed under ``attribute`` of ``old`` and ``new``, matched by ``key``."""
    before, after = (
        _keyed(old.get(attribute), key, attribute),
        _keyed(new.get(attribute), key, attribute),
    )
    moved = _reordered(list(before), list(after)) if ordered else set()
    defaults = _DEFAULTS[section]
    items: list[ItemDiff] = []
    rule_changes: list[RuleChange] = []
    for name in _ordered_keys(before, after):
        if name not in before or name not in after:
            kind: Kind = "added" if name in after else "removed"
            items.append(
                ItemDiff(
                    section, name, kind, _name(section, after.get(name, before.get(name)), name)
                )
            )
            continue
        label = _name(section, after[name], name)
        skip = _lists(_mapping(before[name]), _mapping(after[name]), *lists)
        changes = _changes(before[name], after[name], defaults, defaults, skip, _RULES[section])
        others, rules = _split(section, name, label, changes)
        rule_changes += rules
        if others or name in moved:
            items.append(ItemDiff(section, name, "changed", label, others, name in moved))
    return items, rule_changes


def _workflow(old: Any, new: Any) -> WorkflowDiff | None:
    if _same(old, new):
        return None
    before, after = _mapping(old), _mapping(new)
    defaults = _DEFAULTS["workflow"]
    skip = _lists(before, after, "states", "transitions")
    both = isinstance(old, dict) and isinstance(new, dict)
    changes = _changes(before, after, defaults, defaults, skip) if both else []
    states, _none = _items("state", "states", before, after, ordered=False)
    transitions, _none = _items("transition", "transitions", before, after, ordered=False)
    if both and not (changes or states or transitions):
        return None
    return WorkflowDiff(old, new, tuple(changes), tuple(states), tuple(transitions))


@dataclass(frozen=True)
class _Slot:
    data: Any
    place: Place


def _field_slots(document: Mapping[str, Any]) -> dict[str, _Slot]:
    """Every field by its key (its id, or its position when it has no usable id)."""
    slots: dict[str, _Slot] = {}
    for step_key, step in _keyed(document.get("steps"), "id", "steps").items():
        step_name = _name("step", step, step_key)
        for index, field in enumerate(_list(_mapping(step).get("fields"))):
            key = _key(field, f"{step_key}.fields[{index}]", slots)
            slots[key] = _Slot(field, Place(step_key, step_name))
            group = Place(step_key, step_name, key, _name("field", field, key))
            for number, member in enumerate(_list(_mapping(field).get("fields"))):
                slots[_key(member, f"{key}.fields[{number}]", slots)] = _Slot(member, group)
    return slots


def _fields(
    old: Mapping[str, Any], new: Mapping[str, Any]
) -> tuple[list[FieldDiff], list[RuleChange]]:
    before, after = _field_slots(old), _field_slots(new)
    reordered = _reordered_fields(before, after)
    diffs: list[FieldDiff] = []
    rule_changes: list[RuleChange] = []
    for key in _ordered_keys(before, after):
        first, last = before.get(key), after.get(key)
        if first is None or last is None:
            kind: Kind = "added" if last else "removed"
            slot = last or first
            name = _name("field", slot.data if slot else None, key)
            places = (first.place if first else None, last.place if last else None)
            diffs.append(FieldDiff(key, kind, name, *places))
            continue
        diff, rules = _field_change(key, first, last, key in reordered)
        diffs += [diff] if diff else []
        rule_changes += rules
    return diffs, rule_changes


def _field_change(
    key: str, first: _Slot, last: _Slot, reordered: bool
) -> tuple[FieldDiff | None, list[RuleChange]]:
    old, new = _mapping(first.data), _mapping(last.data)
    walked = first.place.group is None and last.place.group is None  # members of groups
    skip = _lists(old, new, "options") | (_lists(old, new, "fields") if walked else set())
    defaults = (_field_defaults(old), _field_defaults(new))
    changes = _changes(first.data, last.data, *defaults, skip, _RULES["field"])
    name = _name("field", last.data, key)
    others, rule_changes = _split("field", key, name, changes)
    options = tuple(_options(old.get("options"), new.get("options"))) if "options" in skip else ()
    moved = first.place.container != last.place.container
    if not (moved or others or options or reordered):
        return None, rule_changes
    kind: Kind = "moved" if moved else "changed"
    return FieldDiff(
        key, kind, name, first.place, last.place, others, options, reordered
    ), rule_changes


def _split(
    section: str, key: str, name: str, changes: list[Change]
) -> tuple[tuple[Change, ...], list[RuleChange]]:
    """The changes apart from rules, and the rules' changes."""
    rules = _RULES[section]
    found = [
        RuleChange(section, key, name, c.attribute, c.old, c.new)
        for c in changes
        if c.attribute in rules
    ]
    return tuple(c for c in changes if c.attribute not in rules), found


def _reordered_fields(before: Mapping[str, _Slot], after: Mapping[str, _Slot]) -> set[str]:
    """Fields that stayed in their step or group but not in their order there."""
    orders: dict[tuple[str, str | None], tuple[list[str], list[str]]] = {}
    for index, slots in enumerate((before, after)):
        for key, slot in slots.items():
            other = (after, before)[index].get(key)
            if other is not None and other.place.container == slot.place.container:
                orders.setdefault(slot.place.container, ([], []))[index].append(key)
    return {key for old, new in orders.values() for key in _reordered(old, new)}


def _options(old: Any, new: Any) -> list[OptionChange]:
    before, after = _keyed(old, "value", "options"), _keyed(new, "value", "options")
    moved = _reordered(list(before), list(after))
    defaults = _DEFAULTS["option"]
    found: list[OptionChange] = []
    for value in _ordered_keys(before, after):
        first, last = _mapping(before.get(value)), _mapping(after.get(value))
        if value not in before or value not in after:
            kind: Literal["added", "removed"] = "added" if value in after else "removed"
            found.append(OptionChange(value, kind, first.get("label"), last.get("label")))
        elif _changes(before[value], after[value], defaults, defaults):
            found.append(OptionChange(value, "relabelled", first.get("label"), last.get("label")))
        elif value in moved:
            found.append(OptionChange(value, "moved", first.get("label"), last.get("label")))
    return found


def _changes(
    old: Any,
    new: Any,
    old_defaults: Mapping[str, Any],
    new_defaults: Mapping[str, Any],
    skip: Iterable[str] = (),
    whole: Iterable[str] = (),
) -> list[Change]:
    """The attributes that differ, defaults filled in; texts per language except ``whole``."""
    before, after = _attributes(old), _attributes(new)
    every = {*before, *after, *old_defaults, *new_defaults} - set(skip)
    names = sorted(every, key=lambda n: (_ORDER.get(n, len(_ORDER)), str(n)))
    whole = set(whole)
    found: list[Change] = []
    for name in names:
        first = before[name] if name in before else old_defaults.get(name)
        last = after[name] if name in after else new_defaults.get(name)
        if not _same(first, last):
            found += _compared(str(name), first, last, name in whole)
    return found


def _compared(name: str, old: Any, new: Any, whole: bool) -> list[Change]:
    if whole or not (_text(old) and _text(new) and (_localized(old) or _localized(new))):
        return [Change(name, old, new)]
    return [
        Change(name, _in(old, language), _in(new, language), language)
        for language in LANGUAGES
        if not _same(_in(old, language), _in(new, language))
    ]


# --- values ------------------------------------------------------------------------------


def _same(a: Any, b: Any, depth: int = 0) -> bool:
    """Equal as document values: numbers by value (37.5 == "37.50" is not, both are text),
    true is not 1, and nothing raises."""
    if a is b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return (
            depth < _MAX_DEPTH
            and a.keys() == b.keys()
            and all(_same(a[k], b[k], depth + 1) for k in a)
        )
    if isinstance(a, list) and isinstance(b, list):
        return (
            depth < _MAX_DEPTH
            and len(a) == len(b)
            and all(_same(x, y, depth + 1) for x, y in zip(a, b, strict=True))
        )
    x, y = _decimal(a), _decimal(b)
    if x is not None and y is not None and not (isinstance(a, str) and isinstance(b, str)):
        return x == y or (x.is_nan() and y.is_nan())
    return type(a) is type(b) and isinstance(a, str | int | float | type(None)) and a == b


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str) and _NUMERIC.fullmatch(value):
        return Decimal(value)
    return None


def _text(value: Any) -> bool:
    return value is None or isinstance(value, str) or _localized(value)


def _localized(value: Any) -> bool:
    """A non-empty ``{"de": ..., "en": ...}`` text."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(k in LANGUAGES and isinstance(v, str) for k, v in value.items())
    )


def _in(text: Any, language: str) -> str | None:
    if isinstance(text, str):
        return text if language == "de" else None
    return text.get(language) if isinstance(text, dict) else None


def _german(text: Any) -> str:
    found = _in(text, "de")
    return found if isinstance(found, str) else ""


def _shown(attribute: str, value: Any) -> str | None:
    """A short value as said in a sentence, or None when it is too long to repeat."""
    if isinstance(value, list):
        parts = [_scalar(attribute, item) for item in value]
        text = ", ".join(part or "" for part in parts)
        return text if value and None not in parts and len(text) <= _SHORT else None
    return _scalar(attribute, value)


def _scalar(attribute: str, value: Any) -> str | None:
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, int | float | Decimal):
        return str(value)
    if not isinstance(value, str) or len(value) > _SHORT or "\n" in value:
        return None
    terms = _VALUE_TERMS.get(attribute)
    return _("„%(text)s“") % {"text": vocabulary.label_of(terms, value) if terms else value}


def _rule_text(value: Any) -> str:
    return _("„%(text)s“") % {"text": value if isinstance(value, str) else repr(value)}


def _workflow_name(value: Any) -> str:
    if isinstance(value, dict):
        return _("einen eigenen Ablauf")
    shown = _scalar("workflow", value)
    return shown if shown is not None else repr(value)[:_SHORT]


def _subject(section: str, name: str) -> str:
    return str(_SUBJECTS[section]) % {"name": name}


def _added_or_removed(subject: str, kind: str) -> str:
    if kind == "added":
        return _("%(subject)s hinzugefügt") % {"subject": subject}
    return _("%(subject)s entfernt") % {"subject": subject}


def _name(section: str, item: Any, key: str) -> str:
    """What people call an item: its German label or title, else its key."""
    data = _mapping(item)
    if section == "decision_text" and isinstance(data.get("outcome"), str):
        return vocabulary.label_of(vocabulary.OUTCOMES, data["outcome"])
    return _german(data.get("title" if section == "step" else "label")) or key


# --- shapes ------------------------------------------------------------------------------


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _attributes(item: Any) -> Mapping[str, Any]:
    """An item's attributes; something that is not a mapping counts as one "value"."""
    return item if isinstance(item, dict) else {"value": item}


def _lists(old: Mapping[str, Any], new: Mapping[str, Any], *names: str) -> set[str]:
    """Of ``names``, those that are a list (or absent) on both sides: they are compared item
    by item, not as values. A list is compared item by item wherever it is one."""
    return {n for n in names if all(isinstance(side.get(n, []), list) for side in (old, new))}


def _field_defaults(field: Mapping[str, Any]) -> Mapping[str, Any]:
    kind = field.get("type")
    return (
        _FIELD_DEFAULTS.get(kind, _DEFAULTS["field"])
        if isinstance(kind, str)
        else _DEFAULTS["field"]
    )


def _key(item: Any, position: str, taken: Mapping[str, Any]) -> str:
    """The item's id when it is text and still free, else its position in the document."""
    key = _mapping(item).get("id")
    if isinstance(key, str) and key not in taken:
        return key
    while position in taken:
        position += "'"
    return position


def _keyed(items: Any, key: str, attribute: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for index, item in enumerate(_list(items)):
        name = _mapping(item).get(key)
        if not isinstance(name, str) or name in found:
            name = _key(None, f"{attribute}[{index}]", found)
        found[name] = item
    return found


def _ordered_keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Keys in the new order, then those only in the old one."""
    return [*after, *(key for key in before if key not in after)]


def _reordered(old: list[str], new: list[str]) -> set[str]:
    """Keys in both lists outside a longest run that kept its relative order."""
    common = set(old) & set(new)
    position = {key: index for index, key in enumerate(k for k in new if k in common)}
    sequence = [position[key] for key in old if key in common]
    kept = _longest_increasing(sequence)
    return {key for key in common if position[key] not in kept}


def _longest_increasing(sequence: list[int]) -> set[int]:
    tails: list[int] = []  # for each length, the index of the smallest last value
    values: list[int] = []
    previous = [-1] * len(sequence)
    for index, value in enumerate(sequence):
        at = bisect.bisect_left(values, value)
        previous[index] = tails[at - 1] if at else -1
        tails[at : at + 1], values[at : at + 1] = [index], [value]
    kept: set[int] = set()
    index = tails[-1] if tails else -1
    while index >= 0:
        kept.add(sequence[index])
        index = previous[index]
    return kept

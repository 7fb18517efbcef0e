"""Changes to a definition document, one per function, on plain dicts.

The designer never edits a parsed model: a draft may still have problems (a step without
fields, a rule naming a field that is gone) and must be storable anyway. Each function
takes the document, returns a changed deep copy and raises ``EditRefused`` when the
element it addresses does not exist (a stale page). Elements are addressed by their ids,
which stay stable while the designer reorders things; fees by id, decision texts by index.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from django.utils.translation import gettext as _

from rathaus.core.errors import DomainError

__all__ = [
    "EditRefused",
    "UMLAUTS",
    "FIELD_DEFAULTS",
    "new_document",
    "identifier",
    "set_attributes",
    "add_step",
    "update_step",
    "move_step",
    "delete_step",
    "add_field",
    "update_field",
    "move_field",
    "delete_field",
    "find_field",
    "find_step",
    "find_fee",
    "find_decision",
    "update_document",
    "add_fee",
    "update_fee",
    "delete_fee",
    "add_decision",
    "update_decision",
    "delete_decision",
    "field_ids",
]

Document = dict[str, Any]
UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


class EditRefused(DomainError):
    """The change addresses something that is not (or no longer) in the document."""


def identifier(text: str, taken: set[str], fallback: str = "feld") -> str:
    """An id for the engine (``^[a-z][a-z0-9_]{0,62}$``) from a label, unique in ``taken``."""
    plain = unicodedata.normalize("NFKD", text.lower().translate(UMLAUTS))
    plain = plain.encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:56] or fallback
    if not base[0].isalpha():
        base = f"{fallback}_{base}"[:56]
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def new_document(slug: str, title: str, title_en: str = "") -> Document:
    """An empty service: one step without fields (the problem list says what to add)."""
    return {
        "schema_version": 1,
        "slug": slug,
        "title": {"de": title, "en": title_en} if title_en else title,
        "retention_days": 365,
        "steps": [{"id": "angaben", "title": "Ihre Angaben", "fields": []}],
    }


# A new field of each type starts valid: what the type cannot do without is filled in.
FIELD_DEFAULTS: dict[str, dict[str, Any]] = {
    "select": {"options": [{"value": "option_1", "label": "Option 1"}]},
    "radio": {"options": [{"value": "ja", "label": "Ja"}, {"value": "nein", "label": "Nein"}]},
    "checkboxes": {"options": [{"value": "option_1", "label": "Option 1"}]},
    "info": {"text": "Hinweistext"},
    "group": {"item_label": "Eintrag", "fields": [{"id": "", "type": "text", "label": "Name"}]},
}


def set_attributes(element: dict[str, Any], values: dict[str, Any]) -> None:
    """Write ``values`` into ``element``; ``None`` removes the attribute (its default)."""
    for name, value in values.items():
        if value is None:
            element.pop(name, None)
        else:
            element[name] = value


def update_document(document: Document, values: dict[str, Any]) -> Document:
    """Change the definition's own attributes (title, login, retention ...)."""
    changed = copy.deepcopy(document)
    set_attributes(changed, values)
    return changed


def _steps(document: Document) -> list[dict[str, Any]]:
    steps = document.get("steps")
    if not isinstance(steps, list):
        steps = document["steps"] = []
    return steps


def _containers(document: Document) -> list[list[dict[str, Any]]]:
    """Every field list: each step's, and each group's members."""
    found: list[list[dict[str, Any]]] = []
    for step in _steps(document):
        fields = step.get("fields") if isinstance(step, dict) else None
        if isinstance(fields, list):
            found.append(fields)
            found.extend(
                f["fields"]
                for f in fields
                if isinstance(f, dict) and isinstance(f.get("fields"), list)
            )
    return found


def _ids(items: list[Any]) -> set[str]:
    return {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}


def field_ids(document: Document) -> set[str]:
    return {i for fields in _containers(document) for i in _ids(fields)}


def find_step(document: Document, step_id: str) -> dict[str, Any]:
    for step in _steps(document):
        if isinstance(step, dict) and step.get("id") == step_id:
            return step
    raise EditRefused(_("Den Schritt „%(id)s“ gibt es nicht (mehr).") % {"id": step_id})


def find_field(document: Document, field_id: str) -> tuple[list[dict[str, Any]], int]:
    """The list holding the field and its index there."""
    for fields in _containers(document):
        for index, field in enumerate(fields):
            if isinstance(field, dict) and field.get("id") == field_id:
                return fields, index
    raise EditRefused(_("Das Feld „%(id)s“ gibt es nicht (mehr).") % {"id": field_id})


def _move(items: list[Any], index: int, delta: int) -> None:
    target = max(0, min(len(items) - 1, index + delta))
    items.insert(target, items.pop(index))


def add_step(document: Document, title: str) -> tuple[Document, str]:
    changed = copy.deepcopy(document)
    taken = _ids(_steps(changed))
    step_id = identifier(title, taken, fallback="schritt")
    _steps(changed).append({"id": step_id, "title": title, "fields": []})
    return changed, step_id


def update_step(document: Document, step_id: str, values: dict[str, Any]) -> Document:
    changed = copy.deepcopy(document)
    set_attributes(find_step(changed, step_id), values)
    return changed


def move_step(document: Document, step_id: str, delta: int) -> Document:
    changed = copy.deepcopy(document)
    steps = _steps(changed)
    _move(steps, steps.index(find_step(changed, step_id)), delta)
    return changed


def delete_step(document: Document, step_id: str) -> Document:
    changed = copy.deepcopy(document)
    _steps(changed).remove(find_step(changed, step_id))
    return changed


def add_field(
    document: Document, step_id: str, field_type: str, label: str, *, group_id: str = ""
) -> tuple[Document, str]:
    """A new field at the end of a step (or of a repeating group in it)."""
    changed = copy.deepcopy(document)
    step = find_step(changed, step_id)
    owner = step
    if group_id:
        container, index = find_field(changed, group_id)
        owner = container[index]
    target = owner.get("fields")
    if not isinstance(target, list):
        target = owner["fields"] = []
    taken = field_ids(changed)
    field_id = identifier(label, taken)
    field: dict[str, Any] = {"id": field_id, "type": field_type, "label": label}
    field.update(copy.deepcopy(FIELD_DEFAULTS.get(field_type, {})))
    if field_type == "group":
        field["fields"][0]["id"] = identifier(f"{field_id}_name", taken | {field_id})
    target.append(field)
    return changed, field_id


def update_field(document: Document, field_id: str, values: dict[str, Any]) -> Document:
    changed = copy.deepcopy(document)
    fields, index = find_field(changed, field_id)
    set_attributes(fields[index], values)
    return changed


def move_field(document: Document, field_id: str, delta: int) -> Document:
    changed = copy.deepcopy(document)
    fields, index = find_field(changed, field_id)
    _move(fields, index, delta)
    return changed


def delete_field(document: Document, field_id: str) -> Document:
    changed = copy.deepcopy(document)
    fields, index = find_field(changed, field_id)
    del fields[index]
    return changed


def _list(document: Document, key: str) -> list[Any]:
    items = document.get(key)
    if not isinstance(items, list):
        items = document[key] = []
    return items


def find_fee(document: Document, fee_id: str) -> dict[str, Any]:
    for fee in _list(document, "fees"):
        if isinstance(fee, dict) and fee.get("id") == fee_id:
            return fee
    raise EditRefused(_("Die Gebühr „%(id)s“ gibt es nicht (mehr).") % {"id": fee_id})


def add_fee(document: Document, label: str) -> tuple[Document, str]:
    changed = copy.deepcopy(document)
    fees = _list(changed, "fees")
    fee_id = identifier(label, _ids(fees), "gebuehr")
    fees.append({"id": fee_id, "label": label, "amount": "0.00"})
    return changed, fee_id


def update_fee(document: Document, fee_id: str, values: dict[str, Any]) -> Document:
    changed = copy.deepcopy(document)
    set_attributes(find_fee(changed, fee_id), values)
    return changed


def delete_fee(document: Document, fee_id: str) -> Document:
    changed = copy.deepcopy(document)
    _list(changed, "fees").remove(find_fee(changed, fee_id))
    return changed


def find_decision(document: Document, index: int) -> dict[str, Any]:
    texts = _list(document, "decision_texts")
    if not 0 <= index < len(texts) or not isinstance(texts[index], dict):
        raise EditRefused(_("Den Bescheidtext Nr. %(n)d gibt es nicht (mehr).") % {"n": index + 1})
    return texts[index]


def add_decision(document: Document, outcome: str) -> tuple[Document, int]:
    changed = copy.deepcopy(document)
    texts = _list(changed, "decision_texts")
    texts.append({"outcome": outcome, "text": "Ihr Antrag {reference} vom {date}."})
    return changed, len(texts) - 1


def update_decision(document: Document, index: int, values: dict[str, Any]) -> Document:
    changed = copy.deepcopy(document)
    set_attributes(find_decision(changed, index), values)
    return changed


def delete_decision(document: Document, index: int) -> Document:
    changed = copy.deepcopy(document)
    find_decision(changed, index)
    del changed["decision_texts"][index]
    return changed

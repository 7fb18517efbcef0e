"""The structural changes a designer posts (add, move, delete), each read from the form
data into one document change with a summary for the version list and the anchor of
the overview to return to."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rathaus.designer import editing

__all__ = ["Change", "read_change", "ACTIONS"]

Document = dict[str, Any]


@dataclass(frozen=True)
class Change:
    apply: Callable[[Document], Document]
    summary: str
    anchor: str


def _value(data: Mapping[str, Any], name: str) -> str:
    value = str(data.get(name, "")).strip()
    if not value:
        raise ValueError(name)
    return value


def _delta(data: Mapping[str, Any]) -> int:
    """How many places to move (negative: up); a drag may move several at once."""
    return max(-1000, min(1000, int(_value(data, "delta"))))


def _add_step(data: Mapping[str, Any]) -> Change:
    title = _value(data, "title")
    return Change(lambda doc: editing.add_step(doc, title)[0],
                  _("Schritt „%(t)s“ hinzugefügt") % {"t": title}, "#schritte")  # fmt: skip


def _move_step(data: Mapping[str, Any]) -> Change:
    step_id, delta = _value(data, "id"), _delta(data)
    return Change(lambda doc: editing.move_step(doc, step_id, delta),
                  _("Schritt verschoben"), f"#schritt-{step_id}")  # fmt: skip


def _delete_step(data: Mapping[str, Any]) -> Change:
    step_id = _value(data, "id")
    return Change(lambda doc: editing.delete_step(doc, step_id),
                  _("Schritt gelöscht"), "#schritte")  # fmt: skip


def _add_field(data: Mapping[str, Any]) -> Change:
    step_id, kind, label = _value(data, "step"), _value(data, "type"), _value(data, "label")
    group = str(data.get("group", ""))

    def apply(doc: Document) -> Document:
        return editing.add_field(doc, step_id, kind, label, group_id=group)[0]

    return Change(apply, _("Feld „%(t)s“ hinzugefügt") % {"t": label}, f"#schritt-{step_id}")


def _move_field(data: Mapping[str, Any]) -> Change:
    field_id, delta = _value(data, "id"), _delta(data)
    return Change(lambda doc: editing.move_field(doc, field_id, delta),
                  _("Feld verschoben"), f"#feld-{field_id}")  # fmt: skip


def _delete_field(data: Mapping[str, Any]) -> Change:
    field_id = _value(data, "id")
    return Change(lambda doc: editing.delete_field(doc, field_id),
                  _("Feld gelöscht"), "#schritte")  # fmt: skip


def _add_fee(data: Mapping[str, Any]) -> Change:
    label = _value(data, "label")
    return Change(lambda doc: editing.add_fee(doc, label)[0],
                  _("Gebühr „%(t)s“ hinzugefügt") % {"t": label}, "#gebuehren")  # fmt: skip


def _delete_fee(data: Mapping[str, Any]) -> Change:
    fee_id = _value(data, "id")
    return Change(lambda doc: editing.delete_fee(doc, fee_id),
                  _("Gebühr gelöscht"), "#gebuehren")  # fmt: skip


def _add_decision(data: Mapping[str, Any]) -> Change:
    outcome = _value(data, "outcome")
    return Change(lambda doc: editing.add_decision(doc, outcome)[0],
                  _("Bescheidtext hinzugefügt"), "#bescheide")  # fmt: skip


def _delete_decision(data: Mapping[str, Any]) -> Change:
    index = int(_value(data, "index"))
    return Change(lambda doc: editing.delete_decision(doc, index),
                  _("Bescheidtext gelöscht"), "#bescheide")  # fmt: skip


ACTIONS: dict[str, Callable[[Mapping[str, Any]], Change]] = {
    "add_step": _add_step, "move_step": _move_step, "delete_step": _delete_step,
    "add_field": _add_field, "move_field": _move_field, "delete_field": _delete_field,
    "add_fee": _add_fee, "delete_fee": _delete_fee,
    "add_decision": _add_decision, "delete_decision": _delete_decision,
}  # fmt: skip


def read_change(data: Mapping[str, Any]) -> Change | None:
    """The change a posted form asks for; ``None`` for an unknown or incomplete one.

    A button of a list may name it in one value, ``op=action|id|delta`` (one form for a
    step's fields instead of one form per button)."""
    if data.get("op"):
        action, _sep, rest = str(data["op"]).partition("|")
        element, _sep, delta = rest.partition("|")
        data = {**{k: data.get(k) for k in data}, "action": action, "id": element, "delta": delta}
    reader = ACTIONS.get(str(data.get("action", "")))
    if reader is None:
        return None
    try:
        return reader(data)
    except ValueError:
        return None

"""Every citizen-facing text of a definition, with the element it belongs to, for the
plain-language check (``rathaus.plainlanguage``): titles, labels, hints, options,
declarations, fee names and decision texts — the German version, which is what the
Wiener Sachtextformel measures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rathaus.definitions.schema import text_of

__all__ = ["Text", "citizen_texts", "TEXT_ATTRIBUTES"]

TEXT_ATTRIBUTES = ("title", "summary", "declaration", "intro", "label", "help", "text",
                   "item_label", "pattern_message", "unit")  # fmt: skip


@dataclass(frozen=True)
class Text:
    area: str  # definition, step, field, fee, decision_text
    key: str  # the element's id (the decision text's index)
    name: str  # the element's name in German, for people
    attribute: str
    text: str


def _of(area: str, key: str, element: dict[str, Any], name: str) -> Iterator[Text]:
    for attribute in TEXT_ATTRIBUTES:
        text = text_of(element.get(attribute))
        if text.strip():
            yield Text(area, key, name, attribute, text)
    for option in element.get("options") or []:
        if isinstance(option, dict) and text_of(option.get("label")).strip():
            yield Text(area, key, name, "options", text_of(option.get("label")))


def _fields(fields: Any) -> Iterator[Text]:
    for field in fields or []:
        if isinstance(field, dict):
            field_id = str(field.get("id", ""))
            yield from _of("field", field_id, field, text_of(field.get("label")) or field_id)
            yield from _fields(field.get("fields"))


def citizen_texts(document: dict[str, Any]) -> list[Text]:
    if not isinstance(document, dict):
        return []
    found = list(_of("definition", "", document, text_of(document.get("title"))))
    for step in document.get("steps") or []:
        if isinstance(step, dict):
            step_id = str(step.get("id", ""))
            found += _of("step", step_id, {k: step.get(k) for k in ("title", "intro")},
                         text_of(step.get("title")) or step_id)  # fmt: skip
            found += _fields(step.get("fields"))
    for fee in document.get("fees") or []:
        if isinstance(fee, dict):
            found += _of("fee", str(fee.get("id", "")), fee, text_of(fee.get("label")))
    for index, decision in enumerate(document.get("decision_texts") or []):
        if isinstance(decision, dict):
            found += _of("decision_text", str(index), {"text": decision.get("text")},
                         str(decision.get("outcome", "")))  # fmt: skip
    return found

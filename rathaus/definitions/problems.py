"""What is wrong with a definition document and where, for the designer in the browser.

``problems_of`` lists every problem of a document as ``validate_document`` reports it
(the shape first; the meaning only once the shape is valid), in German, and never raises.
``locate`` turns a problem's path (``steps[1].fields[2].fields[0].label``) into a
``Place``: the area of the designer it concerns, the ids to link to, and
``Place.describe()``, the place in words ("Schritt „Halterin oder Halter“ › Feld
„Vornamen“ › Bezeichnung"). Both read the document defensively: it may be invalid in any
way. ``message_for`` (pydantic's errors in German) is the one ``validate_document`` uses.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rathaus.definitions.documents import DefinitionInvalid, Problem, validate_document
from rathaus.definitions.schema import IDENTIFIER
from rathaus.definitions.shape_messages import MEMBER_TAG, message_for
from rathaus.definitions.vocabulary import LANGUAGES, OUTCOMES, attribute_label, label_of

__all__ = ["AREAS", "Place", "locate", "message_for", "problems_of"]

logger = logging.getLogger(__name__)
AREAS = ("definition", "step", "field", "fee", "decision_text", "workflow")
# What an item of a list in the document is, and the keys of its name (text, else id).
_ITEMS = {
    "steps": "step",
    "fields": "field",
    "options": "option",
    "fees": "fee",
    "decision_texts": "decision",
    "states": "state",
    "transitions": "transition",
}
_NAMED_BY = {"step": ("title", "id"), "option": ("label", "value")}
# How an element is named in ``Place.describe``: by its text, or by its number.
_CRUMBS: dict[str, tuple[Promise, Promise]] = {
    "step": (gettext_lazy("Schritt „%(name)s“"), gettext_lazy("Schritt %(number)s")),
    "field": (gettext_lazy("Feld „%(name)s“"), gettext_lazy("Feld %(number)s")),
    "group": (gettext_lazy("Gruppe „%(name)s“"), gettext_lazy("Gruppe %(number)s")),
    "option": (
        gettext_lazy("Auswahlmöglichkeit „%(name)s“"),
        gettext_lazy("Auswahlmöglichkeit %(number)s"),
    ),
    "fee": (gettext_lazy("Gebühr „%(name)s“"), gettext_lazy("Gebühr %(number)s")),
    "decision": (gettext_lazy("Bescheidtext „%(name)s“"), gettext_lazy("Bescheidtext %(number)s")),
    "state": (gettext_lazy("Status „%(name)s“"), gettext_lazy("Status %(number)s")),
    "transition": (gettext_lazy("Übergang „%(name)s“"), gettext_lazy("Übergang %(number)s")),
}
_ITEM = gettext_lazy("Nr. %(number)s")
_SEGMENT = re.compile(r"([^\[\]]*)((?:\[\d{1,9}\])*)")
_LONGEST_NAME = 60
_IDENTIFIER = re.compile(IDENTIFIER)

Crumb = tuple[str, str | None, int | None]  # (kind, name, number from 1)


def problems_of(data: Any) -> list[Problem]:
    """Every problem of a document, as ``validate_document`` reports them; never raises."""
    try:
        validate_document(data)
    except DefinitionInvalid as invalid:
        return list(invalid.problems)
    except Exception:  # a checker bug must not break the designer's page
        logger.exception("Checking a definition document failed")
        return [Problem("", _("Die Definition konnte nicht vollständig geprüft werden."))]
    return []


@dataclass(frozen=True)
class Place:
    """Where a problem is. ``area`` is one of ``AREAS``; the ids are those of the step and
    field (for a member of a repeating group also ``group_id``) when the document has valid
    ones, else ``None`` (the indexes still say where); ``attribute`` is the first name in
    the path after the element (``label``, ``options``), ``None`` for the element itself.
    ``trail`` holds what ``describe`` names, with the texts read from the document."""

    step_index: int | None
    step_id: str | None
    field_id: str | None
    attribute: str | None
    area: str
    fee_index: int | None = None
    decision_index: int | None = None
    group_id: str | None = None
    trail: tuple[Crumb, ...] = ()

    def describe(self) -> str:
        """The place in German words, from the document's own (German) texts."""
        if not self.trail:
            return _("Gesamte Definition")
        return " › ".join(_words(crumb) for crumb in self.trail)


def locate(document: Any, path: str) -> Place:
    """The place of ``path`` in ``document``, which may be invalid in any way."""
    parts = _parts(path)
    crumbs: list[Crumb] = []
    found: dict[str, Any] = {"area": "definition"}
    node, element_at = document, 0
    for position, part in enumerate(parts):
        if isinstance(part, str):
            crumbs.append(("attribute", part, None))
            node = node.get(part) if isinstance(node, dict) else None
            if part == "workflow" and position == 0:
                found["area"], element_at = "workflow", 1
            continue
        previous = parts[position - 1] if position else None
        node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        kind = _kind(str(previous), node, parts[position + 1 : position + 2])
        if kind != "item" and crumbs and crumbs[-1] == ("attribute", previous, None):
            crumbs.pop()  # "Schritt „Antrag“" rather than "Schritte › Schritt „Antrag“"
        crumbs.append((kind, _name(kind, node), part + 1))
        if _enter(found, kind, part, node, top=position == 1):
            element_at = position + 1
    following = parts[element_at : element_at + 1]
    attribute = following[0] if following and isinstance(following[0], str) else None
    if found["area"] == "definition" and parts and parts[0] not in _ITEMS:
        crumbs.insert(0, ("overview", None, None))
    return Place(
        step_index=found.get("step_index"),
        step_id=found.get("step_id"),
        field_id=found.get("field_id"),
        attribute=attribute,
        area=found["area"],
        fee_index=found.get("fee_index"),
        decision_index=found.get("decision_index"),
        group_id=found.get("group_id"),
        trail=tuple(crumbs),
    )


def _parts(path: str) -> list[str | int]:
    """'steps[1].fields[0].label' -> ['steps', 1, 'fields', 0, 'label'], without the tags
    pydantic adds for union members (``title.str``, ``workflow.WorkflowSpec``)."""
    parts: list[str | int] = []
    for segment in path.split(".") if isinstance(path, str) and path else []:
        if MEMBER_TAG.fullmatch(segment):
            continue
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            parts.append(segment)
            continue
        if match.group(1):
            parts.append(match.group(1))
        parts.extend(int(index) for index in re.findall(r"\d+", match.group(2)))
    return parts


def _kind(listed_as: str, node: Any, following: list[str | int]) -> str:
    kind = _ITEMS.get(listed_as, "item")
    if kind == "field" and (following == ["fields"] or _text_of(node, "type") == "group"):
        return "group"
    return kind


def _enter(found: dict[str, Any], kind: str, index: int, node: Any, top: bool) -> bool:
    """Record the element an index enters; True when it is one a problem belongs to."""
    if kind == "step" and top:
        found.update(area="step", step_index=index, step_id=_id_of(node))
    elif kind in ("field", "group") and found["area"] in ("step", "field"):
        if found["area"] == "field":
            found["group_id"] = found.get("field_id")
        found.update(area="field", field_id=_id_of(node))
    elif kind == "fee" and top:
        found.update(area="fee", fee_index=index)
    elif kind == "decision" and top:
        found.update(area="decision_text", decision_index=index)
    else:
        return False
    return True


def _text_of(node: Any, key: str) -> str | None:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, str) and value else None


def _id_of(node: Any) -> str | None:
    """The element's id when it is one (an invalid id cannot be linked to)."""
    value = _text_of(node, "id")
    return value if value is not None and _IDENTIFIER.fullmatch(value) else None


def _german(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("de")
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    return text if len(text) <= _LONGEST_NAME else text[: _LONGEST_NAME - 1] + "…"


def _name(kind: str, node: Any) -> str | None:
    """The name of an element as people know it: its German text, else its id."""
    if kind == "decision":
        outcome = _text_of(node, "outcome")
        return label_of(OUTCOMES, outcome) if outcome else None
    if kind == "item" or not isinstance(node, dict):
        return None
    text, fallback = _NAMED_BY.get(kind, ("label", "id"))
    return _german(node.get(text)) or _text_of(node, fallback)


def _words(crumb: Crumb) -> str:
    kind, name, number = crumb
    if kind == "overview":
        return _("Allgemeine Angaben")
    if kind == "attribute":
        return label_of(LANGUAGES, name) if name in LANGUAGES else attribute_label(str(name))
    named, numbered = _CRUMBS.get(kind, (None, _ITEM))
    message = named if name and named is not None else numbered
    return str(message) % {"name": name, "number": number}

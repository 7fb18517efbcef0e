"""The organiser's extra questions, read and shown by the service-definition engine.

``Event.questions`` is a list of fields in the format of service definitions (text,
textarea, number, date, email, phone, select, radio, checkboxes, yesno, info), with the
same rules (``required``, ``visible_if``, ...). This adapter wraps the list as the one
step of a small definition, so :func:`rathaus.definitions.engine.read_step` checks the
answers and the templates of the step pages render the inputs: no second form engine.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.browser import step_context
from rathaus.definitions.documents import DefinitionInvalid, validate_document
from rathaus.definitions.engine import StepResult, answer_rows, read_step
from rathaus.definitions.presentation import (
    FieldView,
    has_conditions,
    step_fields,
    summary_items,
)
from rathaus.definitions.schema import ServiceDefinition, Step

__all__ = ["ALLOWED_TYPES", "RESERVED_IDS", "problems", "definition", "read", "views",
           "summary", "rows"]  # fmt: skip

logger = logging.getLogger(__name__)
ALLOWED_TYPES = frozenset(
    {"text", "textarea", "number", "money", "date", "email", "phone", "iban", "select",
     "radio", "checkboxes", "yesno", "address", "info"}
)  # fmt: skip
RESERVED_IDS = frozenset(
    {"given_name", "family_name", "organisation", "municipality", "role", "email",
     "accessibility_needs", "dietary_needs", "workshops", "csrfmiddlewaretoken"}
)  # fmt: skip
MAX_QUESTIONS = 30


def _document(questions: Any) -> dict[str, Any]:
    return {
        "slug": "veranstaltung",
        "title": "Anmeldung",
        "retention_days": 30,
        "steps": [{"id": "fragen", "title": "Weitere Fragen", "fields": questions}],
    }


def _own_problems(questions: list[Any]) -> list[str]:
    found = []
    if len(questions) > MAX_QUESTIONS:
        found.append(_("Höchstens %(max)s Fragen.") % {"max": MAX_QUESTIONS})
    for index, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        kind, ident = question.get("type"), question.get("id")
        if kind not in ALLOWED_TYPES:
            found.append(_("fragen[%(i)s].type: „%(kind)s“ gibt es bei Veranstaltungen nicht.")
                         % {"i": index, "kind": kind})  # fmt: skip
        if ident in RESERVED_IDS:
            found.append(_("fragen[%(i)s].id: „%(id)s“ ist schon ein Feld des Formulars.")
                         % {"i": index, "id": ident})  # fmt: skip
        if question.get("prefill"):
            found.append(_("fragen[%(i)s].prefill: bei Veranstaltungen nicht möglich.")
                         % {"i": index})  # fmt: skip
    return found


def problems(questions: Any) -> list[str]:
    """Every problem of a question list, with its path (empty: fine)."""
    if questions in (None, []):
        return []
    if not isinstance(questions, list):
        return [_("Die Fragen müssen eine Liste von Feldern sein.")]
    found = _own_problems(questions)
    try:
        validate_document(_document(questions))
    except DefinitionInvalid as invalid:
        found += [str(p).replace("steps[0].fields", "fragen") for p in invalid.problems]
    return found


def _usable(questions: list[Any]) -> list[dict[str, Any]]:
    """Questions the public form can show: no uploads, no repeating groups (they need
    actions of the step pages), no ids of the standard fields."""
    return [
        q for q in questions[:MAX_QUESTIONS]
        if isinstance(q, dict) and q.get("type") in ALLOWED_TYPES
        and q.get("id") not in RESERVED_IDS
    ]  # fmt: skip


def definition(questions: Any) -> ServiceDefinition | None:
    """The questions as a definition with one step; None when there are none. Questions
    the form cannot show are left out, and broken lists are ignored (the form then works
    without them); both are logged."""
    if not questions or not isinstance(questions, list):
        return None
    usable = _usable(questions)
    if len(usable) != len(questions):
        logger.warning("Leaving out %d event questions", len(questions) - len(usable))
    if not usable:
        return None
    try:
        return validate_document(_document(usable))
    except DefinitionInvalid as invalid:
        logger.warning("Ignoring broken event questions: %s", invalid)
        return None


def _step(wrapped: ServiceDefinition) -> Step:
    return wrapped.steps[0]


def read(questions: Any, data: Any) -> StepResult:
    """Parse and check the answers in a POST (or any dict shaped like one)."""
    wrapped = definition(questions)
    if wrapped is None:
        return StepResult()
    return read_step(wrapped, _step(wrapped), data, {})


def views(questions: Any, raw: Mapping[str, Any], errors: Mapping[str, str]) -> list[FieldView]:
    """The inputs to render with the step templates (``submissions/fields/*.html``)."""
    wrapped = definition(questions)
    if wrapped is None:
        return []
    return step_fields(wrapped, _step(wrapped), {}, raw, errors)


def rules(questions: Any, field_views: list[FieldView]) -> dict[str, Any] | None:
    """What the browser needs to show and hide conditional questions live, if any."""
    wrapped = definition(questions)
    if wrapped is None or not has_conditions(field_views):
        return None
    return step_context(wrapped, _step(wrapped), {})


def summary(field_views: list[FieldView], errors: Mapping[str, str]) -> list[dict[str, str]]:
    return summary_items(field_views, errors)


def rows(questions: Any, answers: Mapping[str, Any], language: str = "de") -> list[Any]:
    """The stored answers as label/text rows (registration page, exports)."""
    wrapped = definition(questions)
    if wrapped is None or not answers:
        return []
    return answer_rows(_step(wrapped), answers, language)

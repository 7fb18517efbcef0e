"""The live preview: a step of a draft rendered with the citizen's own field views.

A draft may have problems; the preview shows every field the engine can already read
and lists the ones it cannot (their problems are in the problem list).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from rathaus.definitions.presentation import FieldView, step_fields
from rathaus.definitions.schema import AnyField, ServiceDefinition, Step, text_of

__all__ = ["StepPreview", "step_preview"]

_FIELD = TypeAdapter(AnyField)


@dataclass
class StepPreview:
    step_id: str
    title: str
    intro: str
    fields: list[FieldView]
    skipped: list[str] = field(default_factory=list)


def step_preview(
    document: dict[str, Any], step_id: str, language: str = "de"
) -> StepPreview | None:
    steps = document.get("steps") if isinstance(document, dict) else None
    step = next((s for s in steps or [] if isinstance(s, dict) and s.get("id") == step_id), None)
    if step is None:
        return None
    readable, skipped = [], []
    for raw in step.get("fields") or []:
        try:
            readable.append(_FIELD.validate_python(raw))
        except ValidationError:
            skipped.append(str(raw.get("id", "?")) if isinstance(raw, dict) else "?")
    title = text_of(step.get("title"), language) or step_id
    views: list[FieldView] = []
    if readable:
        preview_step = Step.model_construct(
            id=step_id, title=title, fields=readable, visible_if=None, intro=None
        )
        definition = ServiceDefinition.model_construct(
            slug="vorschau", title=title, retention_days=30, steps=[preview_step], fees=[]
        )
        views = step_fields(definition, preview_step, {}, {}, {})
    return StepPreview(step_id, title, text_of(step.get("intro"), language), views, skipped)

"""Public API of the workflow kernel: declare state machines, fire transitions."""

from __future__ import annotations

from typing import Any

from django.db import models

from rathaus.workflow.kernel import (
    Binding,
    Conflict,
    Fired,
    Given,
    Note,
    actor_user,
    bump,
    fire,
    lock,
)
from rathaus.workflow.machine import State, Transition, TransitionRefused, Workflow, transition
from rathaus.workflow.models import AppendOnly, HistoryIsAppendOnly, StateChange

__all__ = [
    "AppendOnly",
    "Binding",
    "Conflict",
    "Fired",
    "Given",
    "HistoryIsAppendOnly",
    "Note",
    "State",
    "StateChange",
    "Transition",
    "TransitionRefused",
    "Workflow",
    "actor_user",
    "bump",
    "fire",
    "forget_history",
    "history_of",
    "lock",
    "transition",
]


def history_of(obj: models.Model) -> list[StateChange]:
    """The kernel-kept transitions of ``obj``, oldest first."""
    return list(
        StateChange.objects.filter(
            target_type=obj._meta.label_lower, target_id=str(obj.pk)
        ).select_related("actor")
    )


def forget_history(model: type[models.Model], pks: list[Any]) -> int:
    """Remove the kernel-kept history of deleted objects (retention); returns the count."""
    rows = StateChange.objects.filter(
        target_type=model._meta.label_lower, target_id__in=[str(pk) for pk in pks]
    )
    return rows.delete()[0]

"""The one transition function, and the one way to lock an object for a change.

``fire(binding, obj, transition_id, actor=…, role=…)`` does, in one transaction:

1. lock the object's row (``select_for_update``) and, when the caller says which version
   it saw, compare it: a stale version raises ``Conflict`` and changes nothing;
2. ask the declared workflow whether this role may fire this transition from the current
   state with what was given (``Workflow.check``), then the binding's own rules (``guard``);
3. set the new state (and its start and deadline), bump the version, apply the binding's
   extra fields, save;
4. append the history row (``record``; by default the kernel's ``StateChange``);
5. append the audit entry (hash-chained, same transaction);
6. let the binding notify (``notify`` runs in the transaction; it writes postbox rows
   there and queues mail with ``send_mail_after_commit``, so nothing leaves before commit).

A ``Binding`` says how one model is moved: its workflow, field names, history and
notifications. Apps declare a binding next to their workflow; nothing else sets a state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import Actor, User, user_of
from rathaus.audit.services import log_action
from rathaus.core.errors import DomainError
from rathaus.workflow.machine import Transition, Workflow
from rathaus.workflow.models import StateChange

__all__ = ["Binding", "Conflict", "Given", "Note", "Fired", "fire", "lock", "bump", "actor_user"]


class Conflict(DomainError):
    """Someone else changed the object first; ``current`` is the object as it is now."""

    def __init__(self, current: Any):
        super().__init__(
            _(
                "Das wurde inzwischen von jemand anderem geändert. "
                "Bitte sehen Sie sich den aktuellen Stand an."
            )
        )
        self.current = current


class Given(Protocol):
    """What a person sends with a transition: ``given()`` names the parts not left empty."""

    def given(self) -> set[str]: ...


@dataclass(frozen=True)
class Note:
    """The plain change: at most a note (a comment, a reason)."""

    note: str = ""

    def given(self) -> set[str]:
        return {"note"} if self.note.strip() else set()


@dataclass(frozen=True)
class Fired:
    obj: Any
    transition: Transition
    previous: str
    event: Any


def actor_user(actor: Actor) -> User | None:
    """The user to name in a history row (``None`` for anonymous, system and API)."""
    return user_of(actor)


class Binding[M: models.Model]:
    """How the kernel moves one model. Subclasses set ``model`` and ``audit_prefix`` and
    override the hooks they need."""

    model: type[M]
    audit_prefix: str
    state_field = "state"
    version_field: str | None = None  # optimistic locking, when the model has one
    since_field: str | None = None  # when the current state began
    due_field: str | None = None  # the state's deadline (``State.deadline_days``)

    def workflow_of(self, obj: M) -> Workflow:
        raise NotImplementedError

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def guard(self, obj: M, step: Transition, actor: Actor, change: Any) -> None:
        """Rules beyond the workflow (raise a ``DomainError`` to refuse)."""

    def apply(self, obj: M, step: Transition, change: Any, now: datetime) -> None:
        """Set fields besides the state (an outcome, an appointment, a closing time)."""

    def record(self, obj: M, step: Transition, actor: Actor, change: Any, previous: str) -> Any:
        """Append the history row; by default the kernel's own ``StateChange``."""
        return StateChange.objects.create(
            target_type=obj._meta.label_lower,
            target_id=str(obj.pk),
            workflow=self.workflow_of(obj).name,
            transition=step.id,
            from_state=previous,
            to_state=step.target,
            actor=actor_user(actor),
            note=getattr(change, "note", ""),
        )

    def audit(self, obj: M, step: Transition, change: Any, previous: str) -> tuple[str, dict]:
        """The audit verb and data of a transition."""
        data = {"transition": step.id, "from": previous, "to": step.target}
        return f"{self.audit_prefix}.transition", data

    def notify(self, obj: M, step: Transition, actor: Actor, change: Any, event: Any) -> None:
        """Tell whoever must know (runs in the transaction; queue I/O after commit)."""


def lock[M: models.Model](binding: Binding[M], obj: M, expected_version: int | None = None) -> M:
    """The object's row, locked until the transaction ends; ``Conflict`` when the caller saw
    an older version. The one lock-and-check helper: call it inside ``transaction.atomic``."""
    current = binding.model._default_manager.select_for_update().get(pk=obj.pk)
    if (
        expected_version is not None
        and binding.version_field
        and getattr(current, binding.version_field) != expected_version
    ):
        raise Conflict(current)
    return current


def bump(binding: Binding[Any], obj: Any) -> None:
    """Count a change of a locked object (its version) and save it."""
    if binding.version_field:
        setattr(obj, binding.version_field, getattr(obj, binding.version_field) + 1)
    obj.save()


def fire[M: models.Model](
    binding: Binding[M],
    obj: M,
    transition_id: str,
    *,
    actor: Actor,
    role: str,
    change: Any = Note(),
    expected_version: int | None = None,
) -> Fired:
    """Fire a transition if the workflow allows it for ``role`` now; else refuse."""
    with transaction.atomic():
        current = lock(binding, obj, expected_version)
        workflow = binding.workflow_of(current)
        previous = binding.state_of(current)
        step = workflow.check(previous, transition_id, role, change.given())
        binding.guard(current, step, actor, change)
        _enter(binding, workflow, current, step, change)
        event = binding.record(current, step, actor, change, previous)
        verb, data = binding.audit(current, step, change, previous)
        log_action(actor_user(actor), verb, current, data)
        binding.notify(current, step, actor, change, event)
    return Fired(current, step, previous, event)


def _enter(
    binding: Binding[Any], workflow: Workflow, obj: Any, step: Transition, change: Any
) -> None:
    now = timezone.now()
    setattr(obj, binding.state_field, step.target)
    if binding.since_field:
        setattr(obj, binding.since_field, now)
    if binding.due_field:
        setattr(obj, binding.due_field, workflow.due(step.target, now))
    binding.apply(obj, step, change, now)
    bump(binding, obj)

"""The kernel binding of ``Case``: its fields, its history (``CaseEvent``), its notices."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rathaus.accounts.models import Actor
from rathaus.cases.models import Case, CaseEvent
from rathaus.cases.notify import tell_citizen
from rathaus.cases.workflow import workflow_of
from rathaus.workflow.services import Binding, Transition, Workflow, actor_user

__all__ = ["CASES"]


class CaseBinding(Binding[Case]):
    model = Case
    audit_prefix = "cases"
    version_field = "version"
    since_field = "state_since"
    due_field = "due_at"

    def workflow_of(self, obj: Case) -> Workflow:
        return workflow_of(obj)

    def apply(self, obj: Case, step: Transition, change: Any, now: datetime) -> None:
        if getattr(change, "outcome", ""):
            obj.outcome = change.outcome

    def record(self, obj: Case, step: Transition, actor: Actor, change: Any, previous: str) -> Any:
        outcome = getattr(change, "outcome", "")
        return CaseEvent.objects.create(
            case=obj, kind="transition", transition=step.id, state=step.target,
            actor=actor_user(actor), note=getattr(change, "note", ""),
            data={"outcome": outcome} if outcome else {},
        )  # fmt: skip

    def audit(self, obj: Case, step: Transition, change: Any, previous: str) -> tuple[str, dict]:
        return "cases.transition", {"transition": step.id, "to": step.target}

    def notify(self, obj: Case, step: Transition, actor: Actor, change: Any, event: Any) -> None:
        tell_citizen(obj, step, change.message, change.outcome, change.reasons)


CASES = CaseBinding()

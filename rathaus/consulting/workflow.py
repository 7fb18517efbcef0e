"""How a consulting request moves, declared for the workflow kernel.

    eingegangen → zugewiesen (by assigning a consultant) → termin_vereinbart → abgeschlossen
    zugewiesen → abgeschlossen; a new appointment may be set while one is agreed.

Nothing changes after abgeschlossen except the requester's one feedback. Staff (the Smart
Region office and the partner's consultants; which requests they may open is decided by
``consulting.access``) fire every transition.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import Actor, User
from rathaus.consulting import notify
from rathaus.consulting.models import ConsultingEvent, ConsultingRequest, Status
from rathaus.core.errors import DomainError
from rathaus.workflow.services import (
    Binding,
    State,
    Transition,
    TransitionRefused,
    Workflow,
    actor_user,
)
from rathaus.workflow.services import transition as _t

__all__ = [
    "WORKFLOW",
    "CONSULTING",
    "STAFF",
    "status_choices",
    "needs_appointment",
    "StatusChange",
    "Refused",
    "refusal",
    "is_closed",
]

STAFF = "staff"
WORKFLOW = Workflow.declare(
    "consulting",
    [
        State(Status.RECEIVED, Status.RECEIVED.label),
        State(Status.ASSIGNED, Status.ASSIGNED.label),
        State(Status.APPOINTMENT, Status.APPOINTMENT.label),
        State(Status.CLOSED, Status.CLOSED.label, final=True),
    ],
    [
        _t("zuweisen", _("Zuweisen"), [Status.RECEIVED], Status.ASSIGNED, [STAFF], ["assignee"]),
        _t("termin", _("Termin vereinbaren"), [Status.ASSIGNED, Status.APPOINTMENT],
           Status.APPOINTMENT, [STAFF], ["appointment"]),
        _t("abschliessen", _("Abschließen"), [Status.ASSIGNED, Status.APPOINTMENT], Status.CLOSED,
           [STAFF]),
    ],
    roles=[STAFF],
    needs=["assignee", "appointment"],
)  # fmt: skip


class Refused(DomainError):
    """The rules do not allow this change; ``message`` says why, for the person."""


@dataclass(frozen=True)
class StatusChange:
    assignee: User | None = None
    appointment_at: datetime | None = None
    message: str = ""

    def given(self) -> set[str]:
        parts = (("assignee", self.assignee), ("appointment", self.appointment_at))
        return {name for name, value in parts if value}


def status_choices() -> list[tuple[str, Any]]:
    """The statuses staff choose on the request page (assigning is its own form)."""
    targets = dict.fromkeys(t.target for t in WORKFLOW.transitions.values()
                            if "assignee" not in t.needs)  # fmt: skip
    return [(target, WORKFLOW.state(target).label) for target in targets]


def needs_appointment(target: str) -> bool:
    """Whether moving to ``target`` needs a date and time."""
    return any("appointment" in t.needs for t in WORKFLOW.transitions.values()
               if t.target == target)  # fmt: skip


def is_closed(request: ConsultingRequest) -> bool:
    return WORKFLOW.state(request.status).final


def refusal(current: str, target: str, refused: TransitionRefused) -> Any:
    """What to tell the person when the workflow refuses ``current`` → ``target``."""
    if WORKFLOW.state(current).final:
        return _("Die Anfrage ist abgeschlossen; ihr Status kann nicht mehr geändert werden.")
    if target == Status.ASSIGNED:
        return _("Den Status „Zugewiesen“ erhält die Anfrage, wenn Sie sie einer Person zuweisen.")
    if current == WORKFLOW.initial:
        return _("Bitte weisen Sie die Anfrage zuerst einer Person zu.")
    if refused.reason == "missing:appointment":
        return _("Bitte geben Sie Datum und Uhrzeit des Termins an.")
    return _("Dieser Statuswechsel ist nicht möglich.")


class ConsultingBinding(Binding[ConsultingRequest]):
    model = ConsultingRequest
    audit_prefix = "consulting"
    state_field = "status"

    def workflow_of(self, obj: ConsultingRequest) -> Workflow:
        return WORKFLOW

    def guard(self, obj: ConsultingRequest, step: Transition, actor: Actor,
              change: StatusChange) -> None:  # fmt: skip
        if "appointment" in step.needs and change.appointment_at <= timezone.now():  # type: ignore[operator]
            raise Refused(_("Der Termin muss in der Zukunft liegen."))

    def apply(self, obj: ConsultingRequest, step: Transition, change: StatusChange,
              now: datetime) -> None:  # fmt: skip
        if change.assignee is not None:
            obj.assignee = change.assignee
        if "appointment" in step.needs:
            obj.appointment_at = change.appointment_at
        if WORKFLOW.state(step.target).final:
            obj.closed_at = now

    def record(self, obj: ConsultingRequest, step: Transition, actor: Actor,
               change: StatusChange, previous: str) -> ConsultingEvent:  # fmt: skip
        kind = ConsultingEvent.Kind.ASSIGNED if change.assignee else ConsultingEvent.Kind.STATUS
        appointment = obj.appointment_at if "appointment" in step.needs else None
        return ConsultingEvent.objects.create(request=obj, kind=kind, status=obj.status,
                                              actor=actor_user(actor), message=change.message,
                                              appointment_at=appointment)  # fmt: skip

    def audit(self, obj: ConsultingRequest, step: Transition, change: StatusChange,
              previous: str) -> tuple[str, dict]:  # fmt: skip
        if change.assignee is not None:
            return "consulting.assigned", {"assignee": change.assignee.pk}
        return "consulting.status_changed", {"from": previous, "to": step.target}

    def notify(self, obj: ConsultingRequest, step: Transition, actor: Actor,
               change: StatusChange, event: Any) -> None:  # fmt: skip
        notify.tell_requester(obj, event)


CONSULTING = ConsultingBinding()

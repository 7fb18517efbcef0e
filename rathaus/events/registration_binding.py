"""The kernel binding of ``Registration``: its fields, its history, audit entries and mails.

``move`` fires a transition of ``registration_flow`` through the kernel's ``fire`` (which
locks the registration row); callers that count seats lock the event row first, inside
their own transaction, so the lock order is always event, then registration. ``locked``
is the lock for changes that are no transition (the workshop choice). Audit entries name
the registration by its number (``Registration.__str__`` holds no names) and carry the
event's id; their verbs are the ones the service wrote before the kernel existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rathaus.audit.services import log_action
from rathaus.events import notify
from rathaus.events.models import Registration, WorkshopSeat
from rathaus.events.registration_flow import (
    ACCEPT_OFFER,
    CANCEL,
    CHECK_IN,
    ENTRY_STATES,
    EXPIRE_OFFER,
    HOLDS_SEAT,
    MOVE_TO_WAITING,
    MOVE_UP,
    OFFER,
    REFUSALS,
    REGISTER,
    REGISTRATION,
    UNDO_CHECK_IN,
    Refused,
)
from rathaus.workflow.services import (
    Binding,
    StateChange,
    Transition,
    TransitionRefused,
    Workflow,
    actor_user,
    fire,
    lock,
)

__all__ = ["REGISTRATIONS", "RegistrationChange", "move", "locked", "created", "log"]

Status = Registration.Status
VERBS = {
    OFFER: "events.seat_offered", ACCEPT_OFFER: "events.offer_confirmed",
    EXPIRE_OFFER: "events.offer_expired", MOVE_UP: "events.moved_up",
    MOVE_TO_WAITING: "events.moved_to_waiting", CANCEL: "events.cancelled",
    CHECK_IN: "events.checked_in", UNDO_CHECK_IN: "events.check_in_undone",
}  # fmt: skip
MAILS = {
    OFFER: notify.offered, ACCEPT_OFFER: notify.registered, MOVE_UP: notify.registered,
    EXPIRE_OFFER: notify.offer_expired, CANCEL: notify.cancelled,
}  # fmt: skip


@dataclass(frozen=True)
class RegistrationChange:
    offer_until: datetime | None = None  # the deadline of an offered seat
    data: dict[str, Any] = field(default_factory=dict)  # more for the audit entry
    event_cancelled: bool = False  # the whole event was called off (its own mail)

    def given(self) -> set[str]:
        return {"deadline"} if self.offer_until else set()


def _data(registration: Registration, extra: dict[str, Any]) -> dict[str, Any]:
    return {"registration": registration.pk, "event": registration.event_id,
            "status": registration.status, **extra}  # fmt: skip


class RegistrationBinding(Binding[Registration]):
    model = Registration
    audit_prefix = "events"
    state_field = "status"

    def workflow_of(self, obj: Registration) -> Workflow:
        return REGISTRATION

    def apply(self, obj: Registration, step: Transition, change: RegistrationChange,
              now: datetime) -> None:  # fmt: skip
        obj.offer_expires_at = change.offer_until if step.target == Status.OFFERED else None
        if step.target not in HOLDS_SEAT:  # leaving the seat: workshop seats go too
            WorkshopSeat.objects.filter(registration=obj).delete()
        if step.id in (CHECK_IN, UNDO_CHECK_IN):
            obj.attended = step.id == CHECK_IN

    def audit(self, obj: Registration, step: Transition, change: RegistrationChange,
              previous: str) -> tuple[str, dict]:  # fmt: skip
        return VERBS[step.id], _data(obj, change.data)

    def notify(self, obj: Registration, step: Transition, actor: Any,
               change: RegistrationChange, event: Any) -> None:  # fmt: skip
        mail = notify.event_cancelled if change.event_cancelled else MAILS.get(step.id)
        if mail is not None:
            mail(obj)


REGISTRATIONS = RegistrationBinding()


def move(registration: Registration, step: str, *, role: str, actor: Any = None,
         change: RegistrationChange | None = None) -> Registration:  # fmt: skip
    """Fire ``step``; ``Refused`` (with the person's message) when the workflow says no."""
    try:
        fired = fire(REGISTRATIONS, registration, step, actor=actor, role=role,
                     change=change or RegistrationChange())  # fmt: skip
    except TransitionRefused as refused:
        raise Refused(REFUSALS.get(step, refused.message)) from None
    return fired.obj


def locked(registration: Registration) -> Registration:
    """The registration's row, locked until the transaction ends (inside ``atomic``)."""
    return lock(REGISTRATIONS, registration)


def log(actor: Any, verb: str, registration: Registration, **data: Any) -> None:
    """An audit entry about the registration that is no transition."""
    log_action(actor_user(actor), verb, registration, _data(registration, data))


def created(registration: Registration, actor: Any, **data: Any) -> None:
    """The first history row and the audit entry of a new registration."""
    if registration.status not in ENTRY_STATES:
        raise ValueError(f"a registration starts confirmed or waiting, not {registration.status}")
    StateChange.objects.create(
        target_type=registration._meta.label_lower, target_id=str(registration.pk),
        workflow=REGISTRATION.name, transition=REGISTER, from_state="",
        to_state=registration.status, actor=actor_user(actor),
    )  # fmt: skip
    log(actor, "events.registered", registration, **data)

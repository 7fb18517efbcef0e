"""How an event registration moves, declared for the workflow kernel.

    (register) → confirmed | waiting                    the seats decide, see below
    waiting   → offered     offer            system (a seat came free) or organiser
    offered   → confirmed   accept_offer     participant, before the offer expires
    offered   → cancelled   expire_offer     system (hourly job)
    waiting   → confirmed   move_up          organiser (a free seat, confirmed at once)
    confirmed, offered → waiting  move_to_waiting  organiser (takes the seat back)
    confirmed, waiting, offered → cancelled  cancel  participant or organiser
    confirmed → confirmed   check_in / undo_check_in  organiser, at the door

``cancelled`` is final: a cancelled person registers again (and queues at the end).

Registering is no transition: the row is created in the state the seats allow
(``confirmed`` while one is free, else ``waiting``) under the event's row lock, and its
first history row (``register``) is written with it. The kernel's ``fire`` then moves it.

Checked-in is not a state of its own but the ``attended`` flag of a confirmed registration,
set and cleared by the two check-in transitions (kept in the history like every other
step). A state ``checked_in`` would make every place that counts seats, confirmed people,
reminders, badges, exports and privacy treat two states as "confirmed", would change the
status the organisers and the person see ("bestätigt") and would need a data migration;
the flag keeps the data as it is and the figures as they are, while the workflow decides
who may check in and from which state. A checked-in person moved to the waiting list or
cancelled keeps the flag, as before; check-in and its undoing happen while confirmed.

Seats: ``HOLDS_SEAT`` (confirmed and offered) is what counts against the capacity and what
keeps workshop seats; leaving it gives up the workshop seats and any open offer.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rathaus.core.errors import DomainError
from rathaus.events.models import Registration
from rathaus.workflow.services import State, Workflow
from rathaus.workflow.services import transition as _t

__all__ = [
    "REGISTRATION",
    "HOLDS_SEAT",
    "ENTRY_STATES",
    "PARTICIPANT",
    "ORGANISER",
    "SYSTEM",
    "REGISTER",
    "OFFER",
    "ACCEPT_OFFER",
    "EXPIRE_OFFER",
    "MOVE_UP",
    "MOVE_TO_WAITING",
    "CANCEL",
    "CHECK_IN",
    "UNDO_CHECK_IN",
    "Refused",
    "REFUSALS",
    "NOT_OFFERED",
    "NOT_WAITING",
    "NO_SEAT",
    "NOT_CONFIRMED",
    "is_final",
    "holds_seat",
    "organiser_steps",
]

Status = Registration.Status
PARTICIPANT, ORGANISER, SYSTEM = "participant", "organiser", "system"
REGISTER = "register"  # the first history row (a creation, not a transition)
OFFER, ACCEPT_OFFER, EXPIRE_OFFER = "offer", "accept_offer", "expire_offer"
MOVE_UP, MOVE_TO_WAITING, CANCEL = "move_up", "move_to_waiting", "cancel"
CHECK_IN, UNDO_CHECK_IN = "check_in", "undo_check_in"
_ACTIVE = [Status.CONFIRMED, Status.WAITING, Status.OFFERED]

HOLDS_SEAT = frozenset({Status.CONFIRMED, Status.OFFERED})
ENTRY_STATES = (Status.CONFIRMED, Status.WAITING)

REGISTRATION = Workflow.declare(
    "event_registration",
    [
        State(Status.CONFIRMED, Status.CONFIRMED.label),
        State(Status.WAITING, Status.WAITING.label),
        State(Status.OFFERED, Status.OFFERED.label),
        State(Status.CANCELLED, Status.CANCELLED.label, final=True),
    ],
    [
        _t(OFFER, _("Platz anbieten"), [Status.WAITING], Status.OFFERED, [SYSTEM, ORGANISER],
           ["deadline"]),
        _t(ACCEPT_OFFER, _("Platz bestätigen"), [Status.OFFERED], Status.CONFIRMED,
           [PARTICIPANT]),
        _t(EXPIRE_OFFER, _("Angebot abgelaufen"), [Status.OFFERED], Status.CANCELLED, [SYSTEM]),
        _t(MOVE_UP, _("nachrücken lassen"), [Status.WAITING], Status.CONFIRMED, [ORGANISER]),
        _t(MOVE_TO_WAITING, _("auf Warteliste setzen"), [Status.CONFIRMED, Status.OFFERED],
           Status.WAITING, [ORGANISER]),
        _t(CANCEL, _("stornieren"), _ACTIVE, Status.CANCELLED, [PARTICIPANT, ORGANISER]),
        _t(CHECK_IN, _("Anwesenheit erfassen"), [Status.CONFIRMED], Status.CONFIRMED,
           [ORGANISER]),
        _t(UNDO_CHECK_IN, _("Anwesenheit zurücknehmen"), [Status.CONFIRMED], Status.CONFIRMED,
           [ORGANISER]),
    ],
    roles=[PARTICIPANT, ORGANISER, SYSTEM],
    needs=["deadline"],
    initial=Status.CONFIRMED,
)  # fmt: skip


class Refused(DomainError):
    """The rules do not allow this; ``message`` says why, for the person."""


NOT_OFFERED = _("Für diese Anmeldung ist kein Platz angeboten.")
NOT_WAITING = _("Nur Personen auf der Warteliste können nachrücken.")
NO_SEAT = _(
    "Nur bestätigte Anmeldungen oder offene Angebote können auf die Warteliste gesetzt werden."
)
NOT_CONFIRMED = _("Nur bestätigte Teilnehmende können anwesend sein.")
REFUSALS = {
    OFFER: NOT_WAITING, MOVE_UP: NOT_WAITING, ACCEPT_OFFER: NOT_OFFERED,
    MOVE_TO_WAITING: NO_SEAT, CHECK_IN: NOT_CONFIRMED, UNDO_CHECK_IN: NOT_CONFIRMED,
}  # fmt: skip


def is_final(registration: Registration) -> bool:
    """Whether the registration is over (nothing moves it any more)."""
    return REGISTRATION.state(registration.status).final


def holds_seat(registration: Registration) -> bool:
    return registration.status in HOLDS_SEAT


def organiser_steps(status: str) -> set[str]:
    """The transitions an organiser may fire from ``status`` (for the action buttons)."""
    return {step.id for step in REGISTRATION.available(status, ORGANISER)}

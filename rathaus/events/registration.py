"""Registration for events: seats, waiting list, offers, workshops (the public operations).

Every seat decision happens in one transaction that locks the event row first
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` runs write
transactions one at a time), then counts the seats held (confirmed + offered). So there
are never more confirmed and offered registrations than seats, however many people
register at once.

- A free seat gives ``confirmed``, else the person goes on the waiting list (``waiting``).
- Cancelling frees the seat and offers it to exactly one person: the first on the waiting
  list becomes ``offered`` until :func:`seats.offer_deadline` (48 hours, or the event's
  start if sooner) and gets a mail with the link to confirm.
- An offer not confirmed in time is cancelled by :func:`expire_offers` (hourly job), and
  the seat is offered to the next person. The person is told by mail; she may register
  again and then queues at the end.
- Workshop seats are held only by registrations with an event seat; two workshops at
  overlapping times are refused. Workshops have no waiting list.

Each status change is a transition of :mod:`~rathaus.events.registration_flow`, fired
through the workflow kernel (:mod:`~rathaus.events.registration_binding`) once the event
row is locked: the kernel locks the registration, checks the step, writes the history row
and the audit entry (no names) and queues the mail for after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Territory
from rathaus.events import notify, seats
from rathaus.events import registration_flow as flow
from rathaus.events.models import Event, Registration
from rathaus.events.registration_binding import RegistrationChange, created, locked, log, move
from rathaus.events.registration_flow import Refused, holds_seat, is_final

__all__ = [
    "Refused",
    "RegistrationInput",
    "register",
    "cancel",
    "confirm_offer",
    "choose_workshops",
    "expire_offers",
    "move_up",
    "move_to_waiting",
    "seats_left",
    "waiting_count",
    "closed_reason",
]

Status = Registration.Status
DOUBLE = _(
    "Mit dieser E-Mail-Adresse ist bereits jemand für diese Veranstaltung angemeldet. Den "
    "Link zu Ihrer Anmeldung finden Sie in der Bestätigungsmail."
)


@dataclass(frozen=True)
class RegistrationInput:
    given_name: str
    family_name: str
    email: str
    organisation: str = ""
    municipality: Territory | None = None
    role: str = ""
    accessibility_needs: str = ""
    dietary_needs: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    language: str = "de"  # the language of the page: mails follow it
    submit_token: UUID | None = None  # the form's token: the same token twice is one person


def _sent_before(token: UUID | None) -> Registration | None:
    return Registration.objects.filter(submit_token=token).first() if token else None


def seats_left(event: Event) -> int:
    return seats.free(event)


def waiting_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Status.WAITING).count()


def closed_reason(event: Event, now: datetime | None = None) -> Any:
    return seats.closed_reason(event, now or timezone.now())


def _create(event: Event, data: RegistrationInput, user: Any, status: str) -> Registration:
    return Registration.objects.create(
        event=event, status=status, user=user if getattr(user, "pk", None) else None,
        given_name=data.given_name, family_name=data.family_name, email=data.email.strip(),
        organisation=data.organisation, municipality=data.municipality, role=data.role,
        accessibility_needs=data.accessibility_needs, language=data.language,
        submit_token=data.submit_token,
        dietary_needs=data.dietary_needs if event.in_person else "", answers=data.answers,
    )  # fmt: skip


class _SeatCameFree(Exception):
    """A seat came free while joining the waiting list under the shared lock: start over."""


def register(
    event: Event,
    data: RegistrationInput,
    *,
    user: Any = None,
    workshops: Iterable[int] = (),
) -> Registration:
    """Register a person: a seat while there is one, else the waiting list.

    What needs no lock is asked first: the same form sent before (a double click gets the
    first result), then in one query the address already registered and whether the event
    looks full. The locked transaction then only counts the seats and writes (the
    registration, its mail in the outbox, its history, its audit entry last, in the chain
    of the registration); the unique constraints catch what changed in between. A full
    event is locked shared (people joining its waiting list do not wait for each other);
    should the count under that lock find a free seat, the registration starts over with
    the exclusive lock.
    """
    earlier = _sent_before(data.submit_token)
    if earlier is not None:
        return earlier
    outlook = seats.outlook(event, data.email)
    if outlook.registered:
        raise Refused(DOUBLE, "email")
    wanted = list(workshops)
    try:
        try:
            return _register(event, data, user, wanted, queue=outlook.free <= 0)
        except _SeatCameFree:
            return _register(event, data, user, wanted, queue=False)
    except IntegrityError as error:  # sent twice at once, or registered at the same moment
        earlier = _sent_before(data.submit_token)
        if earlier is not None:
            return earlier
        raise Refused(DOUBLE, "email") from error


def _register(event: Event, data: RegistrationInput, user: Any, wanted: list[int],
              *, queue: bool) -> Registration:  # fmt: skip
    """One locked transaction; ``queue``: only the waiting list, under the shared lock."""
    with transaction.atomic():
        locked_event = seats.lock_event(event.pk, shared=queue)
        seats.check_open(locked_event, timezone.now())
        free = seats.free(locked_event)
        if queue and free > 0:
            raise _SeatCameFree
        status = Status.CONFIRMED if free > 0 else Status.WAITING
        registration = _create(locked_event, data, user, status)
        chosen = []
        if status == Status.CONFIRMED and wanted:  # a new registration holds none yet
            chosen = seats.assign_workshops(registration, wanted)
        notify.registered(registration)
        created(registration, user, workshops=[s.pk for s in chosen])  # the audit: last
    return registration


def choose_workshops(registration: Registration, workshops: Iterable[int]) -> Registration:
    """Change the workshops of a registration that holds a seat (empty: none)."""
    with transaction.atomic():
        locked_event = seats.lock_event(registration.event_id)
        current = locked(registration)
        seats.check_open(locked_event, timezone.now())
        if current.status != Status.CONFIRMED:
            raise Refused(_("Workshops können Sie wählen, sobald Ihr Platz bestätigt ist."))
        chosen = seats.assign_workshops(current, workshops)
        log(None, "events.workshops_chosen", current, workshops=[s.pk for s in chosen])
    return current


def _offer(event: Event, registration: Registration, now: datetime,
           actor: Any = None, role: str = flow.SYSTEM) -> Registration:  # fmt: skip
    """Offer the seat until the usual deadline (the caller holds the event's lock)."""
    until = seats.offer_deadline(event, now)
    change = RegistrationChange(offer_until=until, data={"until": until})
    return move(registration, flow.OFFER, role=role, actor=actor, change=change)


def _offer_next(event: Event, now: datetime) -> Registration | None:
    """The first on the waiting list is offered the seat, if one is free."""
    if event.state != Event.State.PUBLISHED or now >= event.ends_at or seats.free(event) <= 0:
        return None
    waiting = seats.next_waiting(event)
    return _offer(event, waiting, now) if waiting else None


def cancel(registration: Registration, *, actor: Any = None) -> Registration:
    """Cancel (the person by her link, or an organiser): the seat goes to the next one."""
    now = timezone.now()
    with transaction.atomic():
        event = seats.lock_event(registration.event_id)
        current = locked(registration)
        if is_final(current):
            return current
        if actor is None and now >= event.ends_at:
            raise Refused(_("Die Veranstaltung ist vorbei."))
        freed = holds_seat(current)
        role = flow.PARTICIPANT if actor is None else flow.ORGANISER
        change = RegistrationChange(data={"by_organiser": actor is not None})
        current = move(current, flow.CANCEL, role=role, actor=actor, change=change)
        if freed:
            _offer_next(event, now)
    return current


def confirm_offer(registration: Registration) -> Registration:
    """The person accepts the seat offered to her, before the offer expires."""
    now = timezone.now()
    with transaction.atomic():
        event = seats.lock_event(registration.event_id)
        current = locked(registration)
        if current.status == Status.CONFIRMED:
            return current
        if current.status != Status.OFFERED or event.state != Event.State.PUBLISHED:
            raise Refused(flow.NOT_OFFERED)
        if current.offer_expires_at is None or current.offer_expires_at <= now:
            raise Refused(_("Das Angebot ist abgelaufen. Der Platz geht an die nächste Person "
                            "auf der Warteliste."))  # fmt: skip
        return move(current, flow.ACCEPT_OFFER, role=flow.PARTICIPANT)


def expire_offers(now: datetime | None = None) -> int:
    """Cancel offers not confirmed in time and offer each freed seat to the next person
    (for the events of the tenant in scope; registrations are not scoped themselves)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.OFFERED, offer_expires_at__lte=now, event__in=Event.objects.all()
    )
    count = 0
    for event_id in sorted(set(due.values_list("event_id", flat=True))):
        with transaction.atomic():
            event = seats.lock_event(event_id)
            expired = list(due.filter(event=event).select_for_update().order_by("pk"))
            for registration in expired:
                move(registration, flow.EXPIRE_OFFER, role=flow.SYSTEM)
            for _registration in expired:
                _offer_next(event, now)
            count += len(expired)
    return count


def move_up(actor: Any, registration: Registration, *, confirm: bool = False) -> Registration:
    """An organiser gives a free seat to a person on the waiting list: offered (with the
    usual deadline) or, with ``confirm``, confirmed at once. Refused when no seat is free."""
    now = timezone.now()
    with transaction.atomic():
        event = seats.lock_event(registration.event_id)
        current = locked(registration)
        if current.status != Status.WAITING:
            raise Refused(flow.NOT_WAITING)
        if event.state != Event.State.PUBLISHED:
            raise Refused(_("Die Veranstaltung ist nicht veröffentlicht."))
        if seats.free(event) <= 0:
            raise Refused(_("Es ist kein Platz frei. Erhöhen Sie die Zahl der Plätze oder "
                            "setzen Sie eine andere Person auf die Warteliste."))  # fmt: skip
        if not confirm:
            return _offer(event, current, now, actor, flow.ORGANISER)
        return move(current, flow.MOVE_UP, role=flow.ORGANISER, actor=actor)


def move_to_waiting(actor: Any, registration: Registration) -> Registration:
    """An organiser takes the seat back; the person keeps her place in the list (by the
    time she registered) and loses her workshop seats. No one moves up automatically."""
    with transaction.atomic():
        seats.lock_event(registration.event_id)
        current = locked(registration)
        if not holds_seat(current):
            raise Refused(flow.NO_SEAT)
        return move(current, flow.MOVE_TO_WAITING, role=flow.ORGANISER, actor=actor)

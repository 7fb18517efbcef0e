"""The seat rules, used inside the locked transactions of :mod:`rathaus.events.registration`.

Every function here expects the caller to hold the event row lock (``lock_event``): the
event's seats, its waiting list and its workshop seats then change one transaction at
a time, so counting and handing out cannot race. Which states hold a seat is declared
with the workflow (``registration_flow.HOLDS_SEAT``); statuses change only through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations
from typing import Any

from django.db import connection
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from rathaus.events.models import Event, Registration, Session, WorkshopSeat
from rathaus.events.registration_flow import HOLDS_SEAT, REGISTRATION, Refused

__all__ = [
    "Refused",
    "lock_event",
    "held",
    "free",
    "closed_reason",
    "check_open",
    "Outlook",
    "outlook",
    "offer_deadline",
    "sees_online_link",
    "next_waiting",
    "workshop_taken",
    "assign_workshops",
]

Status = Registration.Status
OFFER_VALID = timedelta(hours=48)
OFFER_MINIMUM = timedelta(hours=2)
WAITING_ORDER = ("created_at", "pk")
SHARE_SQL = f"SELECT * FROM {Event._meta.db_table} WHERE id = %s FOR SHARE"  # noqa: S608


def lock_event(event_id: int, *, shared: bool = False) -> Event:
    """The event's row, locked until the transaction ends. Exclusively to hand out or take
    back seats; ``shared`` only to join the waiting list of a full event: people queueing
    then do not wait for each other, and everyone who changes the seats still waits for
    them (and they for her). PostgreSQL only; SQLite runs write transactions one at a time.
    """
    if shared and connection.vendor == "postgresql":  # select_for_update has no FOR SHARE
        return next(iter(Event.objects.raw(SHARE_SQL, [event_id])))
    return Event.objects.select_for_update().get(pk=event_id)


def held(event: Event) -> int:
    """Seats held: confirmed participants and open offers."""
    return Registration.objects.filter(event=event, status__in=HOLDS_SEAT).count()


def free(event: Event) -> int:
    return max(0, event.capacity - held(event))


def closed_reason(event: Event, now: datetime) -> Any:
    """Why nobody can register now, or None while registration is open."""
    if event.state != Event.State.PUBLISHED:
        return _("Für diese Veranstaltung ist keine Anmeldung möglich.")
    if now >= event.ends_at:
        return _("Die Veranstaltung ist vorbei.")
    if event.registration_opens_at and now < event.registration_opens_at:
        when = formats.date_format(timezone.localtime(event.registration_opens_at), "j. F Y")
        return _("Die Anmeldung beginnt am %(date)s.") % {"date": when}
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _("Die Anmeldung ist geschlossen.")
    return None


def check_open(event: Event, now: datetime) -> None:
    reason = closed_reason(event, now)
    if reason is not None:
        raise Refused(reason)


@dataclass(frozen=True)
class Outlook:
    registered: bool  # the address has an active registration already
    free: int  # seats free (without a lock: may have changed by the time one is taken)


def outlook(event: Event, email: str) -> Outlook:
    """Whether the address is registered already, and the seats free: in one query, for
    the checks before the lock."""
    active = Q(email__iexact=email.strip()) & ~Q(status__in=REGISTRATION.final_states)
    counts = Registration.objects.filter(event=event).aggregate(
        held=Count("pk", filter=Q(status__in=HOLDS_SEAT)), mine=Count("pk", filter=active)
    )
    return Outlook(registered=counts["mine"] > 0, free=max(0, event.capacity - counts["held"]))


def offer_deadline(event: Event, now: datetime) -> datetime:
    """48 hours, or until the event starts if that is sooner, but never under 2 hours and
    never after the event's end."""
    return min(max(min(now + OFFER_VALID, event.starts_at), now + OFFER_MINIMUM), event.ends_at)


def sees_online_link(registration: Registration) -> bool:
    """Only a confirmed participant of a published online or hybrid event gets the link."""
    event = registration.event
    return (
        registration.status == Status.CONFIRMED
        and event.state == Event.State.PUBLISHED
        and event.format != Event.Format.IN_PERSON
        and bool(event.online_link)
    )


def next_waiting(event: Event) -> Registration | None:
    waiting = Registration.objects.select_for_update().filter(event=event, status=Status.WAITING)
    return waiting.order_by(*WAITING_ORDER).first()


def workshop_taken(session: Session) -> int:
    return WorkshopSeat.objects.filter(session=session, registration__status__in=HOLDS_SEAT).count()


def _chosen_sessions(event: Event, session_ids: Iterable[int]) -> list[Session]:
    wanted = {int(pk) for pk in session_ids}
    sessions = list(
        Session.objects.select_for_update().filter(event=event, pk__in=wanted).order_by("pk")
    )
    if len(sessions) != len(wanted) or not all(s.needs_registration for s in sessions):
        raise Refused(_("Bitte wählen Sie Workshops aus der Liste."), "workshops")
    for first, second in combinations(sessions, 2):
        if first.overlaps(second):
            raise Refused(
                _("Die Workshops „%(first)s“ und „%(second)s“ finden zur selben Zeit statt. "
                  "Bitte wählen Sie nur einen davon.")
                % {"first": first.title, "second": second.title},
                "workshops",
            )  # fmt: skip
    return sessions


def assign_workshops(registration: Registration, session_ids: Iterable[int]) -> list[Session]:
    """Give the registration exactly these workshop seats (it must hold an event seat)."""
    sessions = _chosen_sessions(registration.event, session_ids)
    keep = [s.pk for s in sessions]
    WorkshopSeat.objects.filter(registration=registration).exclude(session__in=keep).delete()
    existing = set(registration.workshops.values_list("session_id", flat=True))
    for session in sessions:
        if session.pk in existing:
            continue
        if session.capacity is not None and workshop_taken(session) >= session.capacity:
            raise Refused(
                _("Der Workshop „%(title)s“ ist ausgebucht. Bitte wählen Sie einen anderen.")
                % {"title": session.title},
                "workshops",
            )
        WorkshopSeat.objects.create(registration=registration, session=session)
    return sessions

"""The seat rules, used inside the locked transactions of :mod:`rathaus.events.registration`.

Every function here expects the caller to hold the event row lock (``lock_event``): the
event's seats, its waiting list and its workshop seats then change one transaction at
a time, so counting and handing out cannot race.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import combinations
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from rathaus.events.models import Event, Registration, Session, WorkshopSeat

Status = Registration.Status
OFFER_VALID = timedelta(hours=48)
OFFER_MINIMUM = timedelta(hours=2)
WAITING_ORDER = ("created_at", "pk")


class Refused(Exception):
    """The rules do not allow this; ``message`` says why, for the person."""

    def __init__(self, message: Any, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field  # the form field the message belongs to, if any


def lock_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def lock_registration(registration_id: int) -> Registration:
    return Registration.objects.select_for_update().select_related("event").get(pk=registration_id)


def held(event: Event) -> int:
    """Seats held: confirmed participants and open offers."""
    return Registration.objects.filter(event=event, status__in=Registration.HOLDS_SEAT).count()


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


def already_registered(event: Event, email: str) -> bool:
    active = Registration.objects.filter(event=event, email__iexact=email.strip())
    return active.exclude(status=Status.CANCELLED).exists()


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
    return WorkshopSeat.objects.filter(
        session=session, registration__status__in=Registration.HOLDS_SEAT
    ).count()


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


def release(registration: Registration, status: str) -> None:
    """Leave the seat (to the waiting list or cancelled): workshop seats go too."""
    registration.status = status
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    WorkshopSeat.objects.filter(registration=registration).delete()

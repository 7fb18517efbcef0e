"""What the public pages show: the calendar query, the seat state, the programme.

Drafts are never public. Published, done and cancelled events are; registration is
possible only for published ones (see :func:`rathaus.events.seats.closed_reason`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rathaus.events import seats
from rathaus.events.models import Event, Material, Registration, Session
from rathaus.events.registration_flow import HOLDS_SEAT

__all__ = ["PUBLIC_STATES", "SeatState", "public_events", "calendar_events", "feed_events",
           "seat_state", "programme_days", "workshop_rows", "presented_projects"]  # fmt: skip

Status = Registration.Status
PUBLIC_STATES = (Event.State.PUBLISHED, Event.State.DONE, Event.State.CANCELLED)
CALENDAR_LIMIT = 200


@dataclass(frozen=True)
class SeatState:
    open: bool
    seats_left: int
    waiting: int
    reason: str = ""

    @property
    def label(self) -> str:
        if not self.open:
            return self.reason or _("Anmeldung geschlossen")
        if self.seats_left:
            return ngettext("noch %(n)d Platz", "noch %(n)d Plätze", self.seats_left) % {
                "n": self.seats_left
            }
        return _("ausgebucht – Warteliste")

    @property
    def short(self) -> str:
        """For the calendar: the reason is too long there."""
        return self.label if self.open else _("Anmeldung geschlossen")


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(state__in=PUBLIC_STATES).select_related("region")


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        seats_held=Count("registrations", filter=Q(registrations__status__in=HOLDS_SEAT)),
        waiting_list=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
    )


def calendar_events(*, kind: str = "", region: str = "", format: str = "",
                    past: bool = False, now: datetime | None = None) -> list[Event]:  # fmt: skip
    now = now or timezone.now()
    events = public_events()
    events = events.filter(ends_at__lt=now) if past else events.filter(ends_at__gte=now)
    if kind:
        events = events.filter(kind=kind)
    if region:
        events = events.filter(region__slug=region)
    if format:
        events = events.filter(format=format)
    ordered = events.order_by("-starts_at" if past else "starts_at", "pk")
    found = list(_with_counts(ordered)[:CALENDAR_LIMIT])
    for event in found:
        event.seat_state = _state(event, event.seats_held, event.waiting_list, now)  # type: ignore[attr-defined]
    return found


def feed_events(now: datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return Event.objects.filter(state=Event.State.PUBLISHED, ends_at__gte=now).order_by(
        "starts_at", "pk"
    )


def _state(event: Event, held: int, waiting: int, now: datetime) -> SeatState:
    reason = seats.closed_reason(event, now)
    left = max(0, event.capacity - held)
    return SeatState(open=reason is None, seats_left=left, waiting=waiting,
                     reason=str(reason or ""))  # fmt: skip


def seat_state(event: Event, now: datetime | None = None) -> SeatState:
    counts = Registration.objects.filter(event=event).aggregate(
        held=Count("pk", filter=Q(status__in=HOLDS_SEAT)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    return _state(event, counts["held"], counts["waiting"], now or timezone.now())


def programme_days(event: Event, *, with_materials: bool) -> list[tuple[Any, list[Session]]]:
    """The sessions by day, each with speakers, moderators (and published materials)."""
    sessions = event.sessions.prefetch_related("speakers", "moderators").annotate(
        taken=Count("seats", filter=Q(seats__registration__status__in=HOLDS_SEAT))
    )
    if with_materials:
        published = Material.objects.filter(published=True)
        sessions = sessions.prefetch_related(Prefetch("materials", queryset=published,
                                                      to_attr="public_materials"))  # fmt: skip
    ordered = sessions.order_by("starts_at", "room", "title")
    return [
        (day, list(items))
        for day, items in groupby(ordered, key=lambda s: timezone.localtime(s.starts_at).date())
    ]


def workshop_rows(sessions: Iterable[Session]) -> list[dict[str, Any]]:
    """Workshops with their seats left, for the registration form's hint."""
    rows = []
    for session in sessions:
        if session.needs_registration:
            left = max(0, (session.capacity or 0) - seats.workshop_taken(session))
            rows.append({"session": session, "left": left})
    return rows


def presented_projects(event: Event) -> list[Any]:
    return list(event.projects.filter(published__isnull=False).select_related("published"))

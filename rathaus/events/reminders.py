"""The reminder the day before: one mail per confirmed participant, at most once.

``send_reminders`` picks confirmed registrations of published events that start on the
next calendar day (local time) and were not reminded yet; each is marked with a
conditional update (``reminded_at`` still empty) before its mail is queued, so running
the job twice, or twice at the same time, sends each reminder once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rathaus.audit.services import log_action
from rathaus.events import notify
from rathaus.events.models import Event, Registration

__all__ = ["due_reminders", "send_reminders"]


def _tomorrow_bounds(now: datetime) -> tuple[datetime, datetime]:
    local = timezone.localtime(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return start, start + timedelta(days=1)


def due_reminders(now: datetime | None = None) -> QuerySet[Registration]:
    """Confirmed registrations for tomorrow's events of the tenant in scope, not reminded
    yet (registrations are not scoped themselves: their events are)."""
    start, end = _tomorrow_bounds(now or timezone.now())
    return Registration.objects.filter(
        event__in=Event.objects.all(),
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        anonymised=False,
        event__state=Event.State.PUBLISHED,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
    ).select_related("event")


def send_reminders(now: datetime | None = None) -> int:
    """Remind everyone confirmed for tomorrow's events; return how many were reminded."""
    now = now or timezone.now()
    sent: dict[int, int] = {}
    for registration in due_reminders(now).order_by("event_id", "pk"):
        with transaction.atomic():
            marked = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True, status=Registration.Status.CONFIRMED
            ).update(reminded_at=now)
            if marked:
                notify.reminder(registration)
                sent[registration.event_id] = sent.get(registration.event_id, 0) + 1
    for event in Event.objects.filter(pk__in=sent):
        log_action(None, "events.reminders_sent", event, {"count": sent[event.pk]})
    return sum(sent.values())

"""Personal data in event registrations: export, erasure and the retention purge.

- Export (Art. 15/20 GDPR): the registrations made while signed in. Registrations without
  an account belong to whoever holds their token link; they are not looked up by e-mail.
- Erasure at account deletion: the registrations are detached from the account; those of
  events already over are anonymised at once. Registrations for coming events stay
  reachable through their link, so the person can still attend or cancel.
- Retention: once an event's ``retention_until`` has passed, its registrations are
  anonymised: names, organisation, role, e-mail, needs and answers go, ``anonymised``
  is set; status, attendance, workshop seats and the municipality stay for the figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.personal_data import ExportFile
from rathaus.events.models import Event, Registration

__all__ = ["export", "erase", "purge", "anonymise"]

ANONYMOUS_DOMAIN = "anonymisiert.invalid"


def _row(registration: Registration) -> dict[str, Any]:
    event = registration.event
    return {
        "event": {"title": event.title, "starts_at": event.starts_at, "slug": event.slug},
        "status": registration.status,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "organisation": registration.organisation,
        "municipality": registration.municipality.name if registration.municipality else None,
        "role": registration.role,
        "email": registration.email,
        "accessibility_needs": registration.accessibility_needs,
        "dietary_needs": registration.dietary_needs,
        "answers": registration.answers,
        "workshops": [seat.session.title for seat in registration.workshops.all()],
        "attended": registration.attended,
        "created_at": registration.created_at,
    }


def export(user: User) -> Iterator[ExportFile]:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event", "municipality")
        .prefetch_related("workshops__session")
        .order_by("pk")
    )
    yield ExportFile.json("veranstaltungen.json", [_row(r) for r in registrations])


def anonymise(registrations: QuerySet[Registration]) -> int:
    """Clear the personal data of these registrations (in the caller's transaction)."""
    placeholder = Concat(Value("anonym-"), Cast("pk", CharField()))
    return registrations.filter(anonymised=False).update(
        given_name="", family_name="", organisation="", role="", user=None,
        email=Concat(placeholder, Value(f"@{ANONYMOUS_DOMAIN}")), token=placeholder,
        accessibility_needs="", dietary_needs="", answers={}, offer_expires_at=None,
        anonymised=True, updated_at=timezone.now(),
    )  # fmt: skip


def erase(user: User) -> int:
    """Detach the person's registrations from her account; anonymise those of past events."""
    mine = Registration.objects.filter(user=user)
    over = mine.filter(event__ends_at__lt=timezone.now())
    ids = sorted(mine.values_list("pk", flat=True))
    if not ids:
        return 0
    anonymise(over)
    mine.update(user=None)
    log_action(None, "events.registrant_erased", None, {"registrations": ids})
    return len(ids)


def purge(now: datetime | None = None) -> int:
    """Anonymise the registrations of events whose retention date has come."""
    today = timezone.localdate(now or timezone.now())
    total = 0
    events = Event.objects.filter(retention_until__lte=today, registrations__anonymised=False)
    for event in events.distinct().order_by("pk"):
        with transaction.atomic():
            count = anonymise(Registration.objects.filter(event=event))
            if count:
                log_action(None, "events.registrations_anonymised", event, {"count": count})
            total += count
    return total

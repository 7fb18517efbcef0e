"""Test data for the registration and public-page tests of events."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from rathaus.core.models import Authority, Territory
from rathaus.events.models import Event, Registration, Session
from rathaus.events.registration import RegistrationInput, register


def office() -> Authority:
    land = Territory.objects.filter(key="06").first() or Territory.objects.create(
        key="06", name="Hessen", short_name="Hessen", level="land"
    )
    authority, _created = Authority.objects.get_or_create(
        slug="smart-region-test", defaults={"name": "Geschäftsstelle (Test)", "territory": land}
    )
    return authority


def soon(days: int = 30, hour: int = 9) -> datetime:
    start = timezone.localtime() + timedelta(days=days)
    return start.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_event(slug: str = "kongress", capacity: int = 3, **fields: Any) -> Event:
    starts = fields.pop("starts_at", soon())
    values: dict[str, Any] = {
        "title": slug.replace("-", " ").title(), "kind": Event.Kind.CONGRESS,
        "format": Event.Format.IN_PERSON, "state": Event.State.PUBLISHED, "summary": "Kurz.",
        "starts_at": starts, "ends_at": starts + timedelta(hours=8), "capacity": capacity,
        "organiser": office(), "retention_until": (starts + timedelta(days=90)).date(),
        "venue": "Kurhaus", **fields,
    }  # fmt: skip
    return Event.objects.create(slug=slug, **values)


def workshop(event: Event, title: str, start: int, end: int, capacity: int | None = 2) -> Session:
    day = timezone.localtime(event.starts_at)
    return Session.objects.create(
        event=event, kind=Session.Kind.WORKSHOP, title=title, capacity=capacity,
        starts_at=day.replace(hour=start), ends_at=day.replace(hour=end), room=f"Raum {title}",
    )  # fmt: skip


def person(number: int, **fields: Any) -> RegistrationInput:
    values = {"given_name": f"Person{number}", "family_name": "Test",
              "email": f"person{number}@example.org", **fields}  # fmt: skip
    return RegistrationInput(**values)


def sign_up(event: Event, number: int, **kwargs: Any) -> Registration:
    return register(event, person(number), **kwargs)


def statuses(event: Event) -> dict[str, int]:
    found: dict[str, int] = {}
    for status in Registration.objects.filter(event=event).values_list("status", flat=True):
        found[status] = found.get(status, 0) + 1
    return found

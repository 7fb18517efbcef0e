"""Who may organise which event.

The Smart Region office (role ``smart_region``) and platform admins see and manage every
event and create new ones. Any other staff member manages exactly the events whose team
(``Event.organisers``) lists them; the office grants that right on the event's team page.
Nobody else sees an event's participants: the back office answers 404 for someone
else's event, so its existence does not leak either.
"""

from __future__ import annotations

from django.db.models import QuerySet

from rathaus.accounts.models import Role, User
from rathaus.accounts.services import authorities_of, is_smart_region_office
from rathaus.core.models import Authority
from rathaus.events.models import Event

__all__ = [
    "is_office",
    "can_create",
    "can_manage",
    "can_manage_team",
    "managed_events",
    "organiser_authorities",
    "has_back_office",
]


def is_office(user: User) -> bool:
    return is_smart_region_office(user)


def can_create(user: User) -> bool:
    """Only the office creates events; it then adds the organisers."""
    return is_office(user)


def managed_events(user: User) -> QuerySet[Event]:
    """The events a user organises: all for the office, their team's events otherwise."""
    events = Event.objects.select_related("region", "organiser")
    if not user.is_authenticated:
        return events.none()
    if is_office(user):
        return events
    return events.filter(organisers=user)


def can_manage(user: User, event: Event) -> bool:
    return managed_events(user).filter(pk=event.pk).exists()


def can_manage_team(user: User, event: Event) -> bool:
    """Adding and removing organisers is the office's decision."""
    return is_office(user)


def organiser_authorities(user: User) -> QuerySet[Authority]:
    """The authorities a new event may name as its organiser."""
    if user.is_superuser:
        return Authority.objects.filter(is_active=True)
    return authorities_of(user, Role.SMART_REGION).filter(is_active=True)


def has_back_office(user: User) -> bool:
    """The events back office: the office creates events, an event's team organises it."""
    return can_create(user) or managed_events(user).exists()

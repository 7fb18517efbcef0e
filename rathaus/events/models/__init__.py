"""Events of the Smart Region office and the ministry: programme, people, registrations."""

from rathaus.events.models.event import Event, EventRegion, Exhibitor
from rathaus.events.models.message import EventMessage
from rathaus.events.models.programme import Material, Session, Speaker
from rathaus.events.models.registration import Registration, WorkshopSeat

__all__ = [
    "Event",
    "EventMessage",
    "EventRegion",
    "Exhibitor",
    "Material",
    "Registration",
    "Session",
    "Speaker",
    "WorkshopSeat",
]

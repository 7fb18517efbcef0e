"""The public API of events: what other apps, the management commands and the views use.

Other apps import from here (and ``rathaus.events.models`` for the model classes), never
from the app's inner modules, which may move. Registrations move only as
``registration_flow`` declares (``REGISTRATION``; ``HOLDS_SEAT`` and ``is_final`` answer
"does it hold a seat" and "is it over").
"""

from __future__ import annotations

from rathaus.events.access import can_manage, has_back_office, is_office, managed_events
from rathaus.events.listing import (
    PUBLIC_STATES,
    SeatState,
    calendar_events,
    feed_events,
    presented_projects,
    programme_days,
    public_events,
    seat_state,
)
from rathaus.events.organising import (
    EventError,
    add_organiser,
    cancel_event,
    change_state,
    copy_event,
    create_event,
    mark_done,
    publish,
    remove_organiser,
    update_event,
)
from rathaus.events.participants import (
    counts,
    export_header,
    export_rows,
    find,
    send_message,
    set_attended,
    waiting_list,
)
from rathaus.events.privacy import anonymise
from rathaus.events.privacy import erase as erase_personal_data
from rathaus.events.privacy import export as export_personal_data
from rathaus.events.privacy import purge as purge_registrations
from rathaus.events.programme_editing import (
    ProgrammeRefused,
    UploadRefused,
    add_material,
    delete_item,
    save_exhibitor,
    save_session,
    save_speaker,
    set_material_published,
)
from rathaus.events.registration import (
    RegistrationInput,
    cancel,
    choose_workshops,
    closed_reason,
    confirm_offer,
    expire_offers,
    move_to_waiting,
    move_up,
    register,
    seats_left,
    waiting_count,
)
from rathaus.events.registration_flow import HOLDS_SEAT, REGISTRATION, Refused, is_final
from rathaus.events.reminders import send_reminders
from rathaus.events.statistics import figures

__all__ = [
    # registrations (the registration workflow)
    "REGISTRATION",
    "HOLDS_SEAT",
    "Refused",
    "RegistrationInput",
    "is_final",
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
    "send_reminders",
    # participants, for the organisers
    "counts",
    "find",
    "waiting_list",
    "set_attended",
    "send_message",
    "export_header",
    "export_rows",
    "figures",
    # organising an event
    "EventError",
    "create_event",
    "update_event",
    "copy_event",
    "publish",
    "cancel_event",
    "mark_done",
    "change_state",
    "add_organiser",
    "remove_organiser",
    # the programme
    "ProgrammeRefused",
    "UploadRefused",
    "save_session",
    "save_speaker",
    "save_exhibitor",
    "add_material",
    "set_material_published",
    "delete_item",
    # listing queries
    "PUBLIC_STATES",
    "SeatState",
    "public_events",
    "calendar_events",
    "feed_events",
    "seat_state",
    "programme_days",
    "presented_projects",
    # who may do what
    "is_office",
    "can_manage",
    "managed_events",
    "has_back_office",
    # personal data
    "export_personal_data",
    "erase_personal_data",
    "purge_registrations",
    "anonymise",
]

"""The forms of events: the public pages (``registration``), and the back office's forms
of the event itself (``event``), of the people (``people``) and of the programme
(``programme``). Import them from here."""

from rathaus.events.forms.event import CopyForm, DoneForm, EventForm, OrganiserForm
from rathaus.events.forms.people import FilterForm, MessageForm, SearchForm
from rathaus.events.forms.programme import ExhibitorForm, MaterialForm, SessionForm, SpeakerForm
from rathaus.events.forms.registration import (
    DATALIST_ID,
    CalendarFilter,
    RegistrationForm,
    WorkshopChoiceForm,
)

__all__ = [
    "DATALIST_ID",
    "CalendarFilter",
    "CopyForm",
    "DoneForm",
    "EventForm",
    "ExhibitorForm",
    "FilterForm",
    "MaterialForm",
    "MessageForm",
    "OrganiserForm",
    "RegistrationForm",
    "SearchForm",
    "SessionForm",
    "SpeakerForm",
    "WorkshopChoiceForm",
]

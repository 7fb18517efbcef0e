"""iCalendar (RFC 5545) for events: one VEVENT per event, a VCALENDAR around them.

Written with the ``icalendar`` package (docs/decisions/0005): it escapes text values
(backslash, semicolon, comma, line breaks), folds content lines at 75 octets without
splitting a UTF-8 character and ends them with CRLF. All times are written in UTC
(``19991231T235959Z``), so no VTIMEZONE is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vDatetime, vText
from icalendar import Event as VEvent
from icalendar.enums import STATUS
from icalendar.parser import Contentline

from rathaus.core.mail import absolute_link
from rathaus.events.models import Event

__all__ = ["CalendarEntry", "escape_text", "fold", "format_utc", "event_entry", "calendar"]

PRODID = "-//Rathaus//Veranstaltungen//DE"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    stamp: datetime | None = None
    cancelled: bool = False


def escape_text(value: str) -> str:
    """A TEXT value: ``\\`` ``;`` ``,`` escaped, every line break as ``\\n``."""
    return vText(str(value)).to_ical().decode("utf-8")


def fold(line: str) -> str:
    """Fold one content line into pieces of at most 75 octets (continuations start with
    a space, which counts), never inside a multi-byte character."""
    return Contentline(line).to_ical().decode("utf-8")


def format_utc(moment: datetime) -> str:
    return vDatetime(moment.astimezone(UTC)).to_ical().decode("ascii")


def _uri(value: str) -> str:
    return "".join(value.split())  # a URI value is not escaped; it must not break lines


def _vevent(entry: CalendarEntry) -> VEvent:
    return VEvent.new(
        uid=entry.uid,
        stamp=(entry.stamp or timezone.now()).astimezone(UTC),
        start=entry.starts_at.astimezone(UTC),
        end=entry.ends_at.astimezone(UTC),
        summary=entry.summary,
        location=entry.location or None,
        description=entry.description or None,
        url=_uri(entry.url) or None,
        status=STATUS.CANCELLED if entry.cancelled else STATUS.CONFIRMED,
    )


def calendar(entries: Iterable[CalendarEntry], *, name: str = "") -> str:
    """A whole ``.ics`` file."""
    ics = Calendar()
    ics.add("version", "2.0")
    ics.add("prodid", PRODID)
    ics.add("calscale", "GREGORIAN")
    ics.add("method", "PUBLISH")
    if name:
        ics.add("x-wr-calname", vText(name))  # as TEXT, so escaped like the other texts
    for entry in entries:
        ics.add_component(_vevent(entry))
    return ics.to_ical().decode("utf-8")


def _location(event: Event) -> str:
    place = ", ".join(part for part in (event.venue, event.address) if part)
    if event.format == Event.Format.ONLINE:
        return str(_("Online"))
    if event.format == Event.Format.HYBRID:
        return f"{place} / {_('Online')}" if place else str(_("Online"))
    return place


def event_entry(event: Event, *, online_link: bool = False) -> CalendarEntry:
    """The calendar entry of an event; the online link only when ``online_link`` (for a
    confirmed participant's own file, never for the public one)."""
    url = absolute_link("events:detail", slug=event.slug)
    description = event.summary
    if online_link and event.online_link and event.format != Event.Format.IN_PERSON:
        description += "\n\n" + _("Zugang: %(link)s") % {"link": event.online_link}
    host = urlsplit(settings.RATHAUS_SITE_URL).hostname or "rathaus.invalid"
    return CalendarEntry(
        uid=f"event-{event.pk}@{host}",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        location=_location(event),
        description=description,
        url=url,
        stamp=event.updated_at,
        cancelled=event.state == Event.State.CANCELLED,
    )

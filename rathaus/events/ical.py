"""iCalendar (RFC 5545) for events: one VEVENT per event, a VCALENDAR around them.

Text values are escaped (backslash, semicolon, comma, line breaks), every content line
is folded at 75 octets without splitting a UTF-8 character, lines end with CRLF, and
all times are UTC (``19991231T235959Z``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rathaus.events.models import Event

__all__ = ["CalendarEntry", "escape_text", "fold", "format_utc", "event_entry", "calendar"]

CRLF = "\r\n"
LINE_OCTETS = 75
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
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line into pieces of at most 75 octets (continuations start with
    a space, which counts), never inside a multi-byte character."""
    pieces: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _uri(value: str) -> str:
    return "".join(value.split())  # a URI value is not escaped; it must not break lines


def _vevent(entry: CalendarEntry) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(entry.uid)}",
        f"DTSTAMP:{format_utc(entry.stamp or timezone.now())}",
        f"DTSTART:{format_utc(entry.starts_at)}",
        f"DTEND:{format_utc(entry.ends_at)}",
        f"SUMMARY:{escape_text(entry.summary)}",
    ]
    if entry.location:
        lines.append(f"LOCATION:{escape_text(entry.location)}")
    if entry.description:
        lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
    if entry.url:
        lines.append(f"URL:{_uri(entry.url)}")
    lines.append("STATUS:CANCELLED" if entry.cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(entries: Iterable[CalendarEntry], *, name: str = "") -> str:
    """A whole ``.ics`` file."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]  # fmt: skip
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for entry in entries:
        lines.extend(_vevent(entry))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _location(event: Event) -> str:
    place = ", ".join(part for part in (event.venue, event.address) if part)
    if event.format == Event.Format.ONLINE:
        return str(_("Online"))
    if event.format == Event.Format.HYBRID:
        return f"{place} / {_('Online')}" if place else str(_("Online"))
    return place


def event_entry(event: Event, *, base_url: str, online_link: bool = False) -> CalendarEntry:
    """The calendar entry of an event; the online link only when ``online_link`` (for a
    confirmed participant's own file, never for the public one)."""
    url = f"{base_url.rstrip('/')}{reverse('events:detail', kwargs={'slug': event.slug})}"
    description = event.summary
    if online_link and event.online_link and event.format != Event.Format.IN_PERSON:
        description += "\n\n" + _("Zugang: %(link)s") % {"link": event.online_link}
    host = urlsplit(base_url).hostname or "rathaus.invalid"
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

"""iCalendar output: escaping, folding at 75 octets, CRLF, UTC times; parsed back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rathaus.events import ical
from rathaus.events.models import Event
from tests.events.helpers import make_event

START = datetime(2026, 9, 3, 7, 30, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1: a CRLF followed by one space or tab continues the line."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, chars = "", iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out += "\n" if following in "nN" else following
        else:
            out += char
    return out


def props(text: str) -> dict[str, str]:
    found = {}
    for line in unfold(text):
        name, _sep, value = line.partition(":")
        found.setdefault(name, value)
    return found


def test_escaping_and_folding_round_trip():
    summary = "Kongress; Teil 1, „Straße“ \\ Ende\nZeile 2 " + "ä" * 80
    entry = ical.CalendarEntry(uid="event-1@rathaus.test", starts_at=START,
                               ends_at=START + timedelta(hours=2), summary=summary,
                               description="a,b;c", stamp=START)  # fmt: skip
    text = ical.calendar([entry], name="Test")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        line.encode("utf-8").decode("utf-8")  # never split inside a character
    parsed = props(text)
    assert unescape(parsed["SUMMARY"]) == summary
    assert parsed["DESCRIPTION"] == "a\\,b\\;c"
    assert parsed["DTSTART"] == "20260903T073000Z"
    assert parsed["DTEND"] == "20260903T093000Z"
    assert parsed["DTSTAMP"] == "20260903T073000Z"
    assert parsed["UID"] == "event-1@rathaus.test"
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)


def test_fold_keeps_short_lines_and_splits_long_ones():
    assert ical.fold("SUMMARY:kurz") == "SUMMARY:kurz"
    folded = ical.fold("X:" + "€" * 40)
    pieces = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == "X:" + "€" * 40


def test_times_are_utc_whatever_the_local_zone():
    local = timezone.make_aware(datetime(2026, 7, 1, 10, 0))  # Europe/Berlin, summer time
    assert ical.format_utc(local) == "20260701T080000Z"


@pytest.mark.django_db
def test_event_entry_hides_the_online_link_unless_asked(settings):
    settings.RATHAUS_SITE_URL = "https://rathaus.test"
    event = make_event(format=Event.Format.HYBRID, online_link="https://stream.example/raum")
    public = ical.calendar([ical.event_entry(event)])
    private = ical.calendar([ical.event_entry(event, online_link=True)])
    assert "stream.example" not in public
    assert "stream.example" in "".join(unfold(private))
    parsed = props(public)
    assert parsed["URL"] == "https://rathaus.test" + reverse("events:detail", args=[event.slug])
    assert parsed["LOCATION"] == "Kurhaus / Online"
    assert parsed["UID"] == f"event-{event.pk}@rathaus.test"

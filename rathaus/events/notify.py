"""Mails to participants: registered (confirmed or waiting list), seat offered, cancelled,
offer expired, reminder. Rendered now in German, sent by the worker after the commit.

Only mails to confirmed participants carry the online access link and the ``.ics`` file
with it; everyone else gets the public event page.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from rathaus.accounts.services import portal_name
from rathaus.core.mail import Attachment, absolute_link, send_mail_after_commit
from rathaus.events import ical, seats
from rathaus.events.models import Registration

Status = Registration.Status


def calendar_file(registration: Registration) -> Attachment:
    """The participant's own ``.ics`` (with the online link once she is confirmed)."""
    event = registration.event
    entry = ical.event_entry(event, online_link=seats.sees_online_link(registration))
    return (f"{event.slug}.ics", ical.calendar([entry]), "text/calendar; charset=utf-8")


def _context(registration: Registration) -> dict[str, Any]:
    event = registration.event
    show_link = seats.sees_online_link(registration)
    return {
        "portal": portal_name(),
        "registration": registration,
        "event": event,
        "event_link": absolute_link("events:detail", slug=event.slug),
        "calendar_link": absolute_link("events:calendar"),
        "link": absolute_link("events:registration", token=registration.token),
        "online_link": event.online_link if show_link else "",
        "workshops": [seat.session for seat in registration.workshops.select_related("session")],
        "has_workshops": event.sessions.filter(kind="workshop", capacity__isnull=False).exists(),
    }


def _send(template: str, registration: Registration, *,
          with_calendar: bool = False, **extra: Any) -> None:  # fmt: skip
    if registration.anonymised or not registration.email:
        return
    with translation.override(registration.language or "de"):
        context = {**_context(registration), **extra}
        subject = render_to_string(f"events/mail/{template}_subject.txt", context)
        body = render_to_string(f"events/mail/{template}.txt", context)
        attachments = [calendar_file(registration)] if with_calendar else None
        send_mail_after_commit(subject, body, [registration.email], attachments)


def registered(registration: Registration) -> None:
    """Confirmed (with the calendar file) or on the waiting list."""
    if registration.status == Status.CONFIRMED:
        _send("confirmed", registration, with_calendar=True)
    elif registration.status == Status.WAITING:
        _send("waiting", registration)


def offered(registration: Registration) -> None:
    _send("offered", registration)


def cancelled(registration: Registration) -> None:
    _send("cancelled", registration)


def event_cancelled(registration: Registration) -> None:
    _send("event_cancelled", registration)


def offer_expired(registration: Registration) -> None:
    _send("offer_expired", registration)


def reminder(registration: Registration) -> None:
    _send("reminder", registration, with_calendar=True)

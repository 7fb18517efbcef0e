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


def calendar_file(registration: Registration, base_url: str) -> Attachment:
    """The participant's own ``.ics`` (with the online link once she is confirmed)."""
    event = registration.event
    entry = ical.event_entry(
        event, base_url=base_url, online_link=seats.sees_online_link(registration)
    )
    return (f"{event.slug}.ics", ical.calendar([entry]), "text/calendar; charset=utf-8")


def _context(registration: Registration, base_url: str) -> dict[str, Any]:
    event = registration.event
    show_link = seats.sees_online_link(registration)
    return {
        "portal": portal_name(),
        "registration": registration,
        "event": event,
        "event_link": absolute_link(base_url, "events:detail", slug=event.slug),
        "calendar_link": absolute_link(base_url, "events:calendar"),
        "link": absolute_link(base_url, "events:registration", token=registration.token),
        "online_link": event.online_link if show_link else "",
        "workshops": [seat.session for seat in registration.workshops.select_related("session")],
        "has_workshops": event.sessions.filter(kind="workshop", capacity__isnull=False).exists(),
    }


def _send(template: str, registration: Registration, base_url: str, *,
          with_calendar: bool = False, **extra: Any) -> None:  # fmt: skip
    if registration.anonymised or not registration.email:
        return
    with translation.override(registration.language or "de"):
        context = {**_context(registration, base_url), **extra}
        subject = render_to_string(f"events/mail/{template}_subject.txt", context)
        body = render_to_string(f"events/mail/{template}.txt", context)
        attachments = [calendar_file(registration, base_url)] if with_calendar else None
        send_mail_after_commit(subject, body, [registration.email], attachments)


def registered(registration: Registration, base_url: str) -> None:
    """Confirmed (with the calendar file) or on the waiting list."""
    if registration.status == Status.CONFIRMED:
        _send("confirmed", registration, base_url, with_calendar=True)
    elif registration.status == Status.WAITING:
        _send("waiting", registration, base_url)


def offered(registration: Registration, base_url: str) -> None:
    _send("offered", registration, base_url)


def cancelled(registration: Registration, base_url: str) -> None:
    _send("cancelled", registration, base_url)


def event_cancelled(registration: Registration, base_url: str) -> None:
    _send("event_cancelled", registration, base_url)


def offer_expired(registration: Registration, base_url: str) -> None:
    _send("offer_expired", registration, base_url)


def reminder(registration: Registration, base_url: str) -> None:
    _send("reminder", registration, base_url, with_calendar=True)

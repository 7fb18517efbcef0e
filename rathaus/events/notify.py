"""Mails to participants: registered (confirmed or waiting list), seat offered, cancelled,
offer expired, reminder.

The change that causes a mail queues it in its own transaction (an outbox row naming the
registration and the mail, ``core.outbox``); the worker renders it after the commit, in
the person's language, from the registration as it is then, and sends it. So a
registration holds the event's row lock only for its writes, never for rendering.

Only mails to confirmed participants carry the online access link and the ``.ics`` file
with it; everyone else gets the public event page.
"""

from __future__ import annotations

from typing import Any

from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from rathaus.accounts.services import portal_name
from rathaus.core.mail import Attachment, absolute_link, send_mail_after_commit
from rathaus.core.outbox import enqueue_after_commit
from rathaus.events import ical, seats
from rathaus.events.models import Registration
from rathaus.tenants import services as tenants

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


def _send(template: str, registration: Registration, *, with_calendar: bool = False) -> None:
    if registration.anonymised or not registration.email:
        return
    enqueue_after_commit(send_to_participant, registration.pk, template, with_calendar)


@task
def send_to_participant(registration_id: int, template: str, with_calendar: bool = False) -> str:
    """The worker's side: render the mail in the person's language and send it."""
    try:
        with tenants.scope_of(Registration, registration_id):
            registration = Registration.objects.select_related("event").get(pk=registration_id)
            if registration.anonymised or not registration.email:
                return "skipped"
            with translation.override(registration.language or "de"):
                context = _context(registration)
                subject = render_to_string(f"events/mail/{template}_subject.txt", context)
                body = render_to_string(f"events/mail/{template}.txt", context)
                attachments = [calendar_file(registration)] if with_calendar else None
                send_mail_after_commit(subject, body, [registration.email], attachments)
    except Registration.DoesNotExist:  # deleted since (its retention ended)
        return "gone"
    return template


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

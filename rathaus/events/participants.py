"""The organisers' view of the participants: lists with filter and search, counts, the
waiting list in order, check-in, messages to everyone, and the rows of the CSV export.

Moving people between the waiting list and a seat is the registration service's work
(``events.registration``); this module only reads and checks people in (a transition of
the registration workflow, fired through the kernel like every other).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.mail import send_mail_after_commit
from rathaus.definitions.schema import localize
from rathaus.events.models import Event, EventMessage, Registration
from rathaus.events.registration_binding import locked, move
from rathaus.events.registration_flow import (
    CHECK_IN,
    HOLDS_SEAT,
    NOT_CONFIRMED,
    ORGANISER,
    UNDO_CHECK_IN,
    Refused,
)

__all__ = [
    "STATUSES",
    "Counts",
    "counts",
    "find",
    "waiting_list",
    "set_attended",
    "send_message",
    "export_header",
    "export_rows",
]

STATUSES = [value for value, _label in Registration.Status.choices]
MAX_QUERY = 100


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waiting: int
    offered: int
    cancelled: int
    attended: int

    @property
    def active(self) -> int:
        return self.confirmed + self.waiting + self.offered


def counts(event: Event) -> Counts:
    by_status = dict(
        event.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    attended = event.registrations.filter(attended=True).count()
    return Counts(
        confirmed=by_status.get(Registration.Status.CONFIRMED, 0),
        waiting=by_status.get(Registration.Status.WAITING, 0),
        offered=by_status.get(Registration.Status.OFFERED, 0),
        cancelled=by_status.get(Registration.Status.CANCELLED, 0),
        attended=attended,
    )


def find(event: Event, status: str = "", query: str = "") -> QuerySet[Registration]:
    """Registrations of the event, optionally of one status, matching every word."""
    registrations = event.registrations.select_related("municipality").order_by(
        "family_name", "given_name", "pk"
    )
    if status in STATUSES:
        registrations = registrations.filter(status=status)
    for word in query.split()[:5]:
        word = word[:MAX_QUERY]
        registrations = registrations.filter(
            Q(given_name__icontains=word) | Q(family_name__icontains=word)
            | Q(email__icontains=word) | Q(organisation__icontains=word)
        )  # fmt: skip
    return registrations


def waiting_list(event: Event) -> QuerySet[Registration]:
    """Who waits, in the order they move up (first come, first served)."""
    return event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "created_at", "pk"
    )


@transaction.atomic
def set_attended(actor: User, registration: Registration, attended: bool) -> Registration:
    """Check a confirmed participant in at the door, or take it back (the workflow's
    ``check_in`` / ``undo_check_in``); ``Refused`` for anyone not confirmed."""
    current = locked(registration)
    if attended and current.status != Registration.Status.CONFIRMED:
        raise Refused(NOT_CONFIRMED)
    if current.attended == attended:
        return current
    return move(current, CHECK_IN if attended else UNDO_CHECK_IN, role=ORGANISER, actor=actor)


def _recipients(event: Event, include_waiting: bool) -> list[str]:
    statuses = set(HOLDS_SEAT)
    if include_waiting:
        statuses.add(Registration.Status.WAITING)
    emails = event.registrations.filter(status__in=statuses, anonymised=False).values_list(
        "email", flat=True
    )
    return sorted({email.lower() for email in emails})


@transaction.atomic
def send_message(
    actor: User, event: Event, subject: str, body: str, *, include_waiting: bool = False
) -> EventMessage:
    """One mail to each participant (nobody sees the others' addresses), after commit."""
    recipients = _recipients(event, include_waiting)
    message = EventMessage.objects.create(
        event=event, subject=subject.strip(), body=body.strip(), sender=actor,
        include_waiting=include_waiting, recipients=len(recipients),
    )  # fmt: skip
    for email in recipients:
        send_mail_after_commit(message.subject, message.body, [email])
    log_action(actor, "events.message_sent", event,
               {"message": message.pk, "recipients": len(recipients)})  # fmt: skip
    return message


def _questions(event: Event) -> list[dict]:
    return [q for q in event.questions if q.get("type") not in ("info", "group")]


def export_header(event: Event) -> list[str]:
    labels = [localize(q.get("label"), get_language() or "de") for q in _questions(event)]
    return [
        _("Nachname"), _("Vorname"), _("E-Mail"), _("Organisation"), _("Kommune"),
        _("Gemeindeschlüssel"), _("Funktion"), _("Status"), _("anwesend"),
        _("Bedarf an Barrierefreiheit"), _("Verpflegung"), _("Workshops"), _("Angemeldet am"),
        *labels,
    ]  # fmt: skip


def export_rows(event: Event) -> Iterator[list[object]]:
    registrations = (
        event.registrations.exclude(anonymised=True)
        .select_related("municipality")
        .prefetch_related("workshops__session")
        .order_by("family_name", "given_name", "pk")
    )
    ids = [q["id"] for q in _questions(event)]
    for r in registrations:
        town = r.municipality
        yield [
            r.family_name, r.given_name, r.email, r.organisation,
            town.short_name if town else "", town.key if town else "", r.role,
            r.get_status_display(), _("ja") if r.attended else _("nein"),
            r.accessibility_needs, r.dietary_needs,
            ", ".join(seat.session.title for seat in r.workshops.all()),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            *(_answer(r.answers.get(name)) for name in ids),
        ]  # fmt: skip


def _answer(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return ", ".join(_answer(item) for item in value)
    if isinstance(value, dict):  # compound answers such as an address
        return ", ".join(_answer(item) for item in value.values() if item not in (None, ""))
    return str(value)

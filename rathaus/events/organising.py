"""What organisers do with an event: create, change, copy, publish, cancel, mark done, and
(the office only) the team of organisers. Each step is one transaction with its audit entry.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rathaus.accounts.models import User
from rathaus.accounts.services import is_staff_member
from rathaus.audit.services import log_action
from rathaus.events.access import can_create, can_manage_team
from rathaus.events.models import Event, Exhibitor, Speaker
from rathaus.events.registration_binding import RegistrationChange, move
from rathaus.events.registration_flow import CANCEL, HOLDS_SEAT, ORGANISER, REGISTRATION

__all__ = [
    "EventError",
    "EVENT_FIELDS",
    "create_event",
    "update_event",
    "copy_event",
    "publish",
    "cancel_event",
    "mark_done",
    "change_state",
    "add_organiser",
    "remove_organiser",
]

EVENT_FIELDS = (
    "title", "kind", "format", "region", "organiser", "summary", "description", "starts_at",
    "ends_at", "venue", "address", "accessibility", "online_link", "capacity",
    "registration_opens_at", "registration_closes_at", "retention_until", "questions",
)  # fmt: skip
RETENTION_DAYS = 90  # default: personal data deleted 90 days after the end
MAX_RETENTION_DAYS = 365


class EventError(Exception):
    """A step the event's state does not allow; the message is for the organiser."""


def unique_slug(title: str, starts_at: datetime) -> str:
    base = slugify(f"{title}-{starts_at:%Y}")[:100].strip("-") or "veranstaltung"
    slug, number = base, 1
    while Event._base_manager.filter(slug=slug).exists():  # unique in every tenant
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_event(actor: User, data: dict[str, Any]) -> Event:
    if not can_create(actor):
        raise EventError(_("Nur die Geschäftsstelle legt Veranstaltungen an."))
    event = Event(**{name: data[name] for name in EVENT_FIELDS if name in data})
    event.slug = unique_slug(event.title, event.starts_at)
    event.save()
    if "projects" in data:
        event.projects.set(data["projects"])
    log_action(actor, "events.created", event, {"slug": event.slug})
    return event


def _keeps_longer(event: Event, data: dict[str, Any]) -> bool:
    """Whether the change keeps personal data longer after the end than promised so far."""
    retention, ends = data.get("retention_until"), data.get("ends_at", event.ends_at)
    if retention is None:
        return False
    promised = event.retention_until - timezone.localdate(event.ends_at)
    # One day of slack: the default date is counted from the end's calendar day.
    return retention - timezone.localdate(ends) > promised + timedelta(days=1)


@transaction.atomic
def update_event(actor: User, event: Event, data: dict[str, Any]) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    held = event.registrations.filter(status__in=HOLDS_SEAT).count()
    if "capacity" in data and data["capacity"] < held:
        raise EventError(
            ngettext("%(held)s Platz ist schon vergeben.", "%(held)s Plätze sind schon vergeben.",
                     held) % {"held": held} + " " + _("Setzen Sie zuerst Personen auf die "
                     "Warteliste, bevor Sie die Zahl der Plätze senken.")
        )  # fmt: skip
    if _keeps_longer(event, data) and event.registrations.exists():
        raise EventError(
            _("Den Teilnehmenden ist genannt, wie lange ihre Daten nach der Veranstaltung "
              "bleiben; diese Frist kann nur kürzer werden.")
        )  # fmt: skip
    changed = [name for name in EVENT_FIELDS if name in data and getattr(event, name) != data[name]]
    for name in changed:
        setattr(event, name, data[name])
    event.save()
    if "projects" in data and set(event.projects.all()) != set(data["projects"]):
        event.projects.set(data["projects"])
        changed.append("projects")
    log_action(actor, "events.changed", event, {"fields": changed})
    return event


def _copy_speakers(source: Event, copy: Event) -> dict[int, Speaker]:
    mapping = {}
    for speaker in source.speakers.all():
        old_pk = speaker.pk
        speaker.pk = None
        speaker.event = copy
        speaker.save()  # the photo file is shared, not duplicated
        mapping[old_pk] = speaker
    return mapping


def _copy_sessions(source: Event, copy: Event, shift: timedelta, speakers: dict) -> None:
    for session in source.sessions.prefetch_related("speakers", "moderators"):
        talking = [speakers[s.pk] for s in session.speakers.all()]
        moderating = [speakers[s.pk] for s in session.moderators.all()]
        session.pk = None
        session.event = copy
        session.starts_at += shift
        session.ends_at += shift
        session.save()
        session.speakers.set(talking)
        session.moderators.set(moderating)


def _copy_exhibitors(source: Event, copy: Event) -> None:
    exhibitors = list(source.exhibitors.all())
    for exhibitor in exhibitors:
        exhibitor.pk = None
        exhibitor.event = copy
    Exhibitor.objects.bulk_create(exhibitors)


def _shifted(value: datetime | None, shift: timedelta) -> datetime | None:
    return value + shift if value is not None else None


@transaction.atomic
def copy_event(actor: User, source: Event, title: str, starts_at: datetime, ends_at: datetime):
    """A new draft with the programme, speakers, exhibitors and team; no registrations."""
    if not can_create(actor):
        raise EventError(_("Nur die Geschäftsstelle legt Veranstaltungen an."))
    shift = starts_at - source.starts_at
    copy = Event.objects.get(pk=source.pk)
    copy.pk = None
    copy.title, copy.starts_at, copy.ends_at = title, starts_at, ends_at
    copy.slug = unique_slug(title, starts_at)
    copy.state, copy.attendance, copy.is_example = Event.State.DRAFT, None, False
    copy.registration_opens_at = _shifted(source.registration_opens_at, shift)
    copy.registration_closes_at = _shifted(source.registration_closes_at, shift)
    if copy.registration_closes_at and copy.registration_closes_at > ends_at:
        copy.registration_closes_at = ends_at
    copy.retention_until = ends_at.date() + timedelta(days=RETENTION_DAYS)
    copy.save()
    copy.organisers.set(source.organisers.all())
    copy.projects.set(source.projects.all())
    _copy_sessions(source, copy, shift, _copy_speakers(source, copy))
    _copy_exhibitors(source, copy)
    log_action(actor, "events.copied", copy, {"source": source.pk})
    return copy


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def publish(actor: User, event: Event) -> Event:
    event = _locked(event)
    if event.state == Event.State.CANCELLED:
        raise EventError(
            _(
                "Eine abgesagte Veranstaltung bleibt abgesagt: die Anmeldungen sind "
                "storniert. Legen Sie bitte eine Kopie mit neuem Termin an."
            )
        )
    if event.state != Event.State.DRAFT:
        raise EventError(_("Diese Veranstaltung ist bereits veröffentlicht oder vorbei."))
    event.state = Event.State.PUBLISHED
    event.save(update_fields=["state", "updated_at"])
    log_action(actor, "events.published", event)
    return event


@transaction.atomic
def cancel_event(actor: User, event: Event) -> Event:
    """Call the event off; everyone registered (with a seat, offered or waiting) is told."""
    event = _locked(event)
    if event.state in (Event.State.CANCELLED, Event.State.DONE):
        raise EventError(_("Diese Veranstaltung kann nicht mehr abgesagt werden."))
    event.state = Event.State.CANCELLED
    event.save(update_fields=["state", "updated_at"])
    told = list(event.registrations.exclude(status__in=REGISTRATION.final_states).order_by("pk"))
    change = RegistrationChange(data={"by_organiser": True, "event_cancelled": True},
                                event_cancelled=True)  # fmt: skip
    for registration in told:  # seats, offers and workshops go; each person is told
        move(registration, CANCEL, role=ORGANISER, actor=actor, change=change)
    log_action(actor, "events.cancelled", event, {"told": len(told)})
    return event


@transaction.atomic
def mark_done(actor: User, event: Event, attendance: int) -> Event:
    event = _locked(event)
    if event.state == Event.State.CANCELLED or event.starts_at > timezone.now():
        raise EventError(_("Nur eine begonnene, nicht abgesagte Veranstaltung ist durchgeführt."))
    event.state, event.attendance = Event.State.DONE, attendance
    event.save(update_fields=["state", "attendance", "updated_at"])
    log_action(actor, "events.done", event, {"attendance": attendance})
    return event


@transaction.atomic
def add_organiser(actor: User, event: Event, email: str) -> User:
    if not can_manage_team(actor, event):
        raise EventError(_("Nur die Geschäftsstelle ändert das Organisationsteam."))
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not is_staff_member(user):
        raise EventError(_("Zu dieser E-Mail-Adresse gibt es kein Dienstkonto."))
    event.organisers.add(user)
    log_action(actor, "events.organiser_added", event, {"user": user.pk})
    return user


@transaction.atomic
def remove_organiser(actor: User, event: Event, user_id: int) -> None:
    if not can_manage_team(actor, event):
        raise EventError(_("Nur die Geschäftsstelle ändert das Organisationsteam."))
    if event.organisers.filter(pk=user_id).exists():
        event.organisers.remove(user_id)
        log_action(actor, "events.organiser_removed", event, {"user": user_id})


def change_state(actor: User, event: Event, action: str, *, attendance: int | None = None) -> str:
    """One step of the event's life from the overview page; returns the notice to show."""
    if action == "publish":
        publish(actor, event)
        return _("Die Veranstaltung ist veröffentlicht.")
    if action == "cancel":
        cancel_event(actor, event)
        return _("Die Veranstaltung ist abgesagt.")
    if action == "done" and attendance is not None:
        mark_done(actor, event, attendance)
        return _("Die Veranstaltung ist als durchgeführt markiert.")
    raise EventError(_("Unbekannte Aktion."))

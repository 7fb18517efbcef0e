"""Public operations on consulting requests.

Every change locks the request row in one transaction, appends a history event, writes
the audit entry and queues its mails to be sent after the commit. A change the rules do
not allow raises :class:`Refused` with a message for the person and changes nothing.

Statuses: eingegangen → zugewiesen (by assigning a consultant) → termin_vereinbart →
abgeschlossen; a request may also be closed straight from zugewiesen, and a new
appointment may be set while one is agreed. Nothing changes after abgeschlossen except
the requester's one feedback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.audit.services import log_action
from rathaus.consulting import notify
from rathaus.consulting.access import (
    consultants_of,
    is_consultant,
    is_municipal,
    is_office,
    municipalities_of,
    own_requests,
    partner_requests,
    staff_requests,
)
from rathaus.consulting.models import (
    ConsultingEvent,
    ConsultingNote,
    ConsultingPartner,
    ConsultingRequest,
    ConsultingTopic,
    Status,
)
from rathaus.consulting.routing import partner_for
from rathaus.core.models import Territory
from rathaus.core.once import create_once

__all__ = [
    "Status",
    "Refused",
    "RequestInput",
    "TRANSITIONS",
    "is_office",
    "is_consultant",
    "is_municipal",
    "municipalities_of",
    "own_requests",
    "partner_requests",
    "staff_requests",
    "consultants_of",
    "partner_for",
    "submit_request",
    "set_partner",
    "assign",
    "change_status",
    "add_note",
    "give_feedback",
    "may_give_feedback",
    "requester_timeline",
]

TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.ASSIGNED},
    Status.ASSIGNED: {Status.APPOINTMENT, Status.CLOSED},
    Status.APPOINTMENT: {Status.APPOINTMENT, Status.CLOSED},
    Status.CLOSED: set(),
}


class Refused(Exception):
    """The rules do not allow this change; ``message`` says why, for the person."""

    def __init__(self, message: Any):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class RequestInput:
    municipality: Territory
    topic: ConsultingTopic
    description: str
    preferred_dates: tuple[date, ...]
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    language: str = "de"
    project: Any = None  # a published projects.Project the request is about, if any
    submit_token: Any = None  # the form's token: the same token twice gives one request


def _reference(request: ConsultingRequest) -> str:
    return f"BE-{timezone.localtime(request.created_at).year}-{request.pk:06d}"


def _event(request: ConsultingRequest, kind: str, actor: Any, **extra: Any) -> ConsultingEvent:
    return ConsultingEvent.objects.create(
        request=request, kind=kind, status=request.status, actor=actor, **extra
    )


def _locked(request: ConsultingRequest) -> ConsultingRequest:
    return ConsultingRequest.objects.select_for_update().get(pk=request.pk)


def _check_input(user: Any, data: RequestInput) -> None:
    if not municipalities_of(user).filter(pk=data.municipality.pk).exists():
        raise Refused(_("Für diese Kommune dürfen Sie keine Beratung anfragen."))
    if not data.topic.active:
        raise Refused(_("Bitte wählen Sie ein Thema aus der Liste."))
    if len(data.preferred_dates) > 3:
        raise Refused(_("Bitte nennen Sie höchstens drei Wunschtermine."))
    if any(day <= timezone.localdate() for day in data.preferred_dates):
        raise Refused(_("Wunschtermine müssen in der Zukunft liegen."))


def submit_request(user: Any, data: RequestInput, *, base_url: str) -> ConsultingRequest:
    """Store a municipality's request, route it to a partner and tell the partner."""
    _check_input(user, data)
    return create_once(ConsultingRequest, data.submit_token,
                       lambda: _store(user, data, base_url))[0]  # fmt: skip


def _store(user: Any, data: RequestInput, base_url: str) -> ConsultingRequest:
    dates = {f"preferred_date_{n}": day for n, day in enumerate(data.preferred_dates, 1)}
    with transaction.atomic():
        request = ConsultingRequest.objects.create(
            submit_token=data.submit_token,
            municipality=data.municipality, requester=user, topic=data.topic,
            description=data.description, contact_name=data.contact_name,
            contact_email=data.contact_email, contact_phone=data.contact_phone,
            language=data.language, partner=partner_for(data.municipality),
            project=data.project, **dates,
        )  # fmt: skip
        request.reference = _reference(request)
        request.save(update_fields=["reference"])
        _event(request, ConsultingEvent.Kind.CREATED, user)
        log_action(user, "consulting.request_submitted", request, {
            "reference": request.reference, "municipality": data.municipality.key,
            "topic": data.topic.pk, "partner": request.partner_id,
        })  # fmt: skip
        notify.tell_partner(request, base_url)
    return request


def set_partner(
    request: ConsultingRequest, partner: ConsultingPartner, actor: Any, *, base_url: str
) -> ConsultingRequest:
    """The office routes a request by hand, as long as nobody has been assigned yet."""
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.RECEIVED:
            raise Refused(_("Der Beratungspartner kann nur vor der Zuweisung geändert werden."))
        if not partner.active:
            raise Refused(_("Dieser Beratungspartner ist nicht aktiv."))
        request.partner = partner
        request.save(update_fields=["partner", "updated_at"])
        _event(request, ConsultingEvent.Kind.PARTNER, actor, visible_to_requester=False)
        log_action(actor, "consulting.partner_set", request, {"partner": partner.pk})
        notify.tell_partner(request, base_url)
    return request


def assign(
    request: ConsultingRequest, assignee: Any, actor: Any, *, base_url: str
) -> ConsultingRequest:
    """Give the request to a consultant of its partner; a new request becomes zugewiesen."""
    with transaction.atomic():
        request = _locked(request)
        if request.status == Status.CLOSED:
            raise Refused(_("Die Anfrage ist abgeschlossen und kann nicht mehr zugewiesen werden."))
        if not consultants_of(request).filter(pk=assignee.pk).exists():
            raise Refused(_("Bitte wählen Sie eine Person des Beratungspartners."))
        changes_status = request.status == Status.RECEIVED
        request.assignee = assignee
        request.status = Status.ASSIGNED if changes_status else request.status
        request.save(update_fields=["assignee", "status", "updated_at"])
        event = _event(request, ConsultingEvent.Kind.ASSIGNED, actor,
                       visible_to_requester=changes_status)  # fmt: skip
        log_action(actor, "consulting.assigned", request, {"assignee": assignee.pk})
        if changes_status:
            notify.tell_requester(request, event, base_url)
    return request


def _transition_refusal(current: str, target: str) -> Any:
    if current == Status.CLOSED:
        return _("Die Anfrage ist abgeschlossen; ihr Status kann nicht mehr geändert werden.")
    if target == Status.ASSIGNED:
        return _("Den Status „Zugewiesen“ erhält die Anfrage, wenn Sie sie einer Person zuweisen.")
    if current == Status.RECEIVED:
        return _("Bitte weisen Sie die Anfrage zuerst einer Person zu.")
    if target not in TRANSITIONS.get(current, set()):
        return _("Dieser Statuswechsel ist nicht möglich.")
    return None


def _appointment_refusal(target: str, appointment_at: datetime | None) -> Any:
    if target != Status.APPOINTMENT:
        return None
    if appointment_at is None:
        return _("Bitte geben Sie Datum und Uhrzeit des Termins an.")
    if appointment_at <= timezone.now():
        return _("Der Termin muss in der Zukunft liegen.")
    return None


def change_status(
    request: ConsultingRequest,
    target: str,
    actor: Any,
    *,
    appointment_at: datetime | None = None,
    message: str = "",
    base_url: str,
) -> ConsultingRequest:
    """Move the request to ``target`` if the rules allow it; the requester is told."""
    with transaction.atomic():
        request = _locked(request)
        refusal = _transition_refusal(request.status, target) or _appointment_refusal(
            target, appointment_at
        )
        if refusal:
            raise Refused(refusal)
        previous = request.status
        request.status = target
        if target == Status.APPOINTMENT:
            request.appointment_at = appointment_at
        if target == Status.CLOSED:
            request.closed_at = timezone.now()
        request.save(update_fields=["status", "appointment_at", "closed_at", "updated_at"])
        event = _event(request, ConsultingEvent.Kind.STATUS, actor, message=message,
                       appointment_at=request.appointment_at if target == Status.APPOINTMENT
                       else None)  # fmt: skip
        log_action(actor, "consulting.status_changed", request, {"from": previous, "to": target})
        notify.tell_requester(request, event, base_url)
    return request


def add_note(request: ConsultingRequest, actor: Any, text: str) -> ConsultingNote:
    with transaction.atomic():
        note = ConsultingNote.objects.create(request=request, author=actor, text=text)
        log_action(actor, "consulting.note_added", request, {"note": note.pk})
    return note


def may_give_feedback(request: ConsultingRequest, user: Any) -> bool:
    return (
        request.requester_id == user.pk
        and request.status == Status.CLOSED
        and not request.has_feedback
    )


def give_feedback(
    request: ConsultingRequest, user: Any, rating: int, text: str
) -> ConsultingRequest:
    """The requester rates a closed consultation (1–5), once."""
    with transaction.atomic():
        request = _locked(request)
        if request.requester_id != user.pk:
            raise Refused(_("Nur die anfragende Person kann eine Rückmeldung geben."))
        if request.status != Status.CLOSED:
            raise Refused(_("Eine Rückmeldung ist möglich, sobald die Beratung abgeschlossen ist."))
        if request.has_feedback:
            raise Refused(_("Sie haben zu dieser Anfrage bereits eine Rückmeldung gegeben."))
        if rating not in range(1, 6):
            raise Refused(_("Bitte wählen Sie eine Bewertung von 1 bis 5."))
        request.feedback_rating, request.feedback_text = rating, text
        request.feedback_at = timezone.now()
        request.save(update_fields=["feedback_rating", "feedback_text", "feedback_at"])
        _event(request, ConsultingEvent.Kind.FEEDBACK, user)
        log_action(user, "consulting.feedback_given", request, {"rating": rating})
    return request


def requester_timeline(request: ConsultingRequest) -> list[ConsultingEvent]:
    """The history the requester sees: arrival, status changes, appointments, feedback."""
    return list(request.events.filter(visible_to_requester=True))

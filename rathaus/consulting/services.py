"""Public operations on consulting requests.

Every change locks the request row in one transaction (``workflow.lock``), appends a
history event, writes the audit entry and queues its mails to be sent after the commit.
A change the rules do not allow raises :class:`Refused` with a message for the person
and changes nothing.

Statuses move through the workflow kernel as ``consulting.workflow`` declares them;
nothing changes after the final state except the requester's one feedback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import Actor, User
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
from rathaus.consulting.workflow import (
    CONSULTING,
    STAFF,
    WORKFLOW,
    Refused,
    StatusChange,
    is_closed,
    refusal,
)
from rathaus.core.models import Territory
from rathaus.core.once import create_once
from rathaus.workflow.services import TransitionRefused, actor_user, fire, lock

__all__ = [
    "Status",
    "Refused",
    "RequestInput",
    "WORKFLOW",
    "is_closed",
    "may_route",
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


def _event(request: ConsultingRequest, kind: str, actor: Actor, **extra: Any) -> ConsultingEvent:
    return ConsultingEvent.objects.create(
        request=request, kind=kind, status=request.status, actor=actor_user(actor), **extra
    )


def _locked(request: ConsultingRequest) -> ConsultingRequest:
    return lock(CONSULTING, request)


def may_route(request: ConsultingRequest) -> bool:
    """The partner may be changed by hand until someone is assigned (the first state)."""
    return request.status == WORKFLOW.initial


def _check_input(user: User, data: RequestInput) -> None:
    if not municipalities_of(user).filter(pk=data.municipality.pk).exists():
        raise Refused(_("Für diese Kommune dürfen Sie keine Beratung anfragen."))
    if not data.topic.active:
        raise Refused(_("Bitte wählen Sie ein Thema aus der Liste."))
    if len(data.preferred_dates) > 3:
        raise Refused(_("Bitte nennen Sie höchstens drei Wunschtermine."))
    if any(day <= timezone.localdate() for day in data.preferred_dates):
        raise Refused(_("Wunschtermine müssen in der Zukunft liegen."))


def submit_request(user: User, data: RequestInput) -> ConsultingRequest:
    """Store a municipality's request, route it to a partner and tell the partner."""
    _check_input(user, data)
    return create_once(ConsultingRequest, data.submit_token, lambda: _store(user, data))[0]


def _store(user: User, data: RequestInput) -> ConsultingRequest:
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
        notify.tell_partner(request)
    return request


def set_partner(
    request: ConsultingRequest, partner: ConsultingPartner, actor: Actor
) -> ConsultingRequest:
    """The office routes a request by hand, as long as nobody has been assigned yet."""
    with transaction.atomic():
        request = _locked(request)
        if not may_route(request):
            raise Refused(_("Der Beratungspartner kann nur vor der Zuweisung geändert werden."))
        if not partner.active:
            raise Refused(_("Dieser Beratungspartner ist nicht aktiv."))
        request.partner = partner
        request.save(update_fields=["partner", "updated_at"])
        _event(request, ConsultingEvent.Kind.PARTNER, actor, visible_to_requester=False)
        log_action(actor, "consulting.partner_set", request, {"partner": partner.pk})
        notify.tell_partner(request)
    return request


def assign(request: ConsultingRequest, assignee: User, actor: Actor) -> ConsultingRequest:
    """Give the request to a consultant of its partner; a new request becomes zugewiesen."""
    if not consultants_of(request).filter(pk=assignee.pk).exists():
        raise Refused(_("Bitte wählen Sie eine Person des Beratungspartners."))
    change = StatusChange(assignee=assignee)
    if _status_now(request) == WORKFLOW.initial:
        return _fire(request, "zuweisen", actor, change)
    with transaction.atomic():
        request = _locked(request)
        if is_closed(request):
            raise Refused(_("Die Anfrage ist abgeschlossen und kann nicht mehr zugewiesen werden."))
        request.assignee = assignee
        request.save(update_fields=["assignee", "updated_at"])
        _event(request, ConsultingEvent.Kind.ASSIGNED, actor, visible_to_requester=False)
        log_action(actor, "consulting.assigned", request, {"assignee": assignee.pk})
    return request


def _fire(request: ConsultingRequest, transition_id: str, actor: Actor,
          change: StatusChange, target: str = "") -> ConsultingRequest:  # fmt: skip
    try:
        return fire(CONSULTING, request, transition_id, actor=actor, role=STAFF, change=change).obj
    except TransitionRefused as refused:
        raise Refused(refusal(_status_now(request), target, refused)) from None


def _status_now(request: ConsultingRequest) -> str:
    """The stored status (the caller's object may be older; ``fire`` checks again)."""
    return ConsultingRequest.objects.values_list("status", flat=True).get(pk=request.pk)


def change_status(
    request: ConsultingRequest,
    target: str,
    actor: Actor,
    *,
    appointment_at: datetime | None = None,
    message: str = "",
) -> ConsultingRequest:
    """Move the request to ``target`` if the rules allow it; the requester is told."""
    status = _status_now(request)
    step = WORKFLOW.leading_to(status, target, STAFF)
    if step is None or "assignee" in step.needs:
        raise Refused(refusal(status, target, TransitionRefused("state")))
    change = StatusChange(appointment_at=appointment_at, message=message)
    return _fire(request, step.id, actor, change, target)


def add_note(request: ConsultingRequest, actor: User, text: str) -> ConsultingNote:
    with transaction.atomic():
        note = ConsultingNote.objects.create(request=request, author=actor, text=text)
        log_action(actor, "consulting.note_added", request, {"note": note.pk})
    return note


def may_give_feedback(request: ConsultingRequest, user: User) -> bool:
    return request.requester_id == user.pk and is_closed(request) and not request.has_feedback


def give_feedback(
    request: ConsultingRequest, user: User, rating: int, text: str
) -> ConsultingRequest:
    """The requester rates a closed consultation (1–5), once."""
    with transaction.atomic():
        request = _locked(request)
        if request.requester_id != user.pk:
            raise Refused(_("Nur die anfragende Person kann eine Rückmeldung geben."))
        if not is_closed(request):
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

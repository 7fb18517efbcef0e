"""Personal data in consulting requests: export, erasure and the retention purge.

A request belongs to the municipality, so it outlives the account of the person who
filed it: erasing an account removes that person from her requests (requester, contact
name, e-mail and phone) and leaves the rest to the partner. Three years after a request
was closed (:data:`RETENTION`) the purge anonymises it for good: contact data, free text,
feedback text, messages and internal notes go; municipality, topic, partner, statuses,
dates and the rating stay for the office's statistics.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.consulting.models import ConsultingEvent, ConsultingNote, ConsultingRequest
from rathaus.consulting.workflow import WORKFLOW
from rathaus.core.personal_data import ExportFile

RETENTION = timedelta(days=3 * 365)
CONTACT_FIELDS = {"requester": None, "contact_name": "", "contact_email": "", "contact_phone": ""}


def _row(request: ConsultingRequest) -> dict[str, Any]:
    return {
        "reference": request.reference,
        "municipality": request.municipality.name,
        "topic": request.topic.name,
        "description": request.description,
        "preferred_dates": request.preferred_dates,
        "contact": {"name": request.contact_name, "email": request.contact_email,
                    "phone": request.contact_phone},
        "partner": request.partner.name if request.partner else None,
        "status": request.status,
        "appointment_at": request.appointment_at,
        "created_at": request.created_at,
        "closed_at": request.closed_at,
        "feedback": {"rating": request.feedback_rating, "text": request.feedback_text,
                     "at": request.feedback_at},
        "history": [{"at": e.at, "status": e.status, "message": e.message}
                    for e in request.events.filter(visible_to_requester=True)],
    }  # fmt: skip


def export(user: User) -> Iterator[ExportFile]:
    requests = ConsultingRequest.objects.filter(requester=user).select_related(
        "municipality", "topic", "partner"
    )
    yield ExportFile.json("beratungsanfragen.json", [_row(r) for r in requests.order_by("pk")])


def erase(user: User) -> int:
    """Remove the person from the requests she filed; the requests stay with the partner."""
    requests = ConsultingRequest.objects.filter(requester=user)
    references = sorted(r for r in requests.values_list("reference", flat=True) if r)
    count = requests.update(**CONTACT_FIELDS)
    if count:
        log_action(None, "consulting.requester_erased", None, {"references": references})
    return count


def _anonymise(requests: QuerySet[ConsultingRequest], now: datetime) -> None:
    ConsultingNote.objects.filter(request__in=requests).delete()
    ConsultingEvent.objects.filter(request__in=requests).update(message="", actor=None)
    requests.update(**CONTACT_FIELDS, assignee=None, description="", feedback_text="",
                    anonymised_at=now)  # fmt: skip


def purge(now: datetime | None = None) -> int:
    """Anonymise requests closed longer than :data:`RETENTION` ago, and requests nobody
    has touched for as long (never closed, e.g. forgotten); return how many."""
    now = now or timezone.now()
    cutoff = now - RETENTION
    due = Q(status__in=WORKFLOW.final_states, closed_at__lt=cutoff) | Q(updated_at__lt=cutoff)
    with transaction.atomic():
        expired = ConsultingRequest.objects.select_for_update().filter(
            due, anonymised_at__isnull=True
        )
        references = sorted(r for r in expired.values_list("reference", flat=True) if r)
        if not references:
            return 0
        ids = list(expired.values_list("pk", flat=True))
        _anonymise(ConsultingRequest.objects.filter(pk__in=ids), now)
        log_action(None, "consulting.anonymised", None, {"references": references})
    return len(ids)

"""Personal data in the project database.

What a person wrote in transfer conversations is exported with her account. Erasing the
account keeps the conversation for the municipalities involved (it is their exchange) but
the messages and requests lose their author (the foreign keys are ``SET_NULL``). The
contact person lives only in the current versions: publishing a version blanks the contact
fields of all earlier ones. Adoption threads without activity for ``TRANSFER_RETENTION``
are deleted by the retention job.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.personal_data import ExportFile
from rathaus.projects.models import TransferMessage, TransferRequest


def export(user: User) -> Iterator[ExportFile]:
    requests = TransferRequest.objects.filter(requester=user).select_related("municipality")
    messages = TransferMessage.objects.filter(author=user).select_related("request__project")
    yield ExportFile.json("projekte-uebernahmen.json", {
        "requests": [{"project": str(r.project), "municipality": r.municipality.name,
                      "status": r.status, "created_at": r.created_at} for r in requests],
        "messages": [{"project": str(m.request.project), "text": m.text,
                      "created_at": m.created_at} for m in messages],
    })  # fmt: skip


def erase(user: User) -> int:
    return TransferMessage.objects.filter(author=user).update(author=None) + (
        TransferRequest.objects.filter(requester=user).update(requester=None)
    )


TRANSFER_RETENTION = timedelta(days=3 * 365)


def purge(now: datetime | None = None) -> int:
    """Delete adoption threads untouched for three years (with their messages)."""
    cutoff = (now or timezone.now()) - TRANSFER_RETENTION
    with transaction.atomic():
        stale = list(TransferRequest.objects.filter(updated_at__lt=cutoff))
        for request in stale:
            log_action(None, "projects.transfer_purged", request, {"project": request.project_id})
            request.delete()
    return len(stale)

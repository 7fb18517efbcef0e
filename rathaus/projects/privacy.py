"""Personal data in the project database.

What a person wrote in transfer conversations is exported with her account. Erasing the
account keeps the conversation for the municipalities involved (it is their exchange) but
the messages and requests lose their author (the foreign keys are ``SET_NULL``); the
contact person named on a project is the municipality's published choice and is removed by
editing the project.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rathaus.core.personal_data import ExportFile
from rathaus.projects.models import TransferMessage, TransferRequest


def export(user: Any) -> Iterator[ExportFile]:
    requests = TransferRequest.objects.filter(requester=user).select_related("municipality")
    messages = TransferMessage.objects.filter(author=user).select_related("request__project")
    yield ExportFile.json("projekte-uebernahmen.json", {
        "requests": [{"project": str(r.project), "municipality": r.municipality.name,
                      "status": r.status, "created_at": r.created_at} for r in requests],
        "messages": [{"project": str(m.request.project), "text": m.text,
                      "created_at": m.created_at} for m in messages],
    })  # fmt: skip


def erase(user: Any) -> int:
    return TransferMessage.objects.filter(author=user).update(author=None) + (
        TransferRequest.objects.filter(requester=user).update(requester=None)
    )

"""What a specialist system receives: the submission as data, and its files."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from rathaus.submissions.models import Submission
from rathaus.submissions.services import applicant_of


@dataclass(frozen=True)
class FileData:
    id: str
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Payload:
    metadata: dict[str, Any]
    data: dict[str, Any]
    files: list[FileData]

    def as_json(self) -> dict[str, Any]:
        """Everything in one JSON document (files base64-encoded), for webhooks."""
        return {
            "metadata": self.metadata,
            "data": self.data,
            "attachments": [
                {"id": f.id, "name": f.name, "type": f.content_type,
                 "content": base64.b64encode(f.content).decode()}
                for f in self.files
            ],
        }  # fmt: skip


def payload_of(submission: Submission) -> Payload:
    version = submission.version
    metadata = {
        "reference": submission.reference,
        "submittedAt": submission.submitted_at.isoformat(),
        "leikaKey": submission.service.leika_key or None,
        "service": submission.service.slug,
        "definition": {"slug": version.definition.slug, "version": version.number},
        "authority": submission.authority.slug,
        "municipality": submission.municipality.key,
        "language": submission.language,
        "applicant": applicant_of(submission),
    }
    files = []
    for attachment in submission.attachments.all():
        with attachment.file.open("rb") as handle:
            files.append(FileData(str(attachment.id), attachment.original_name,
                                  attachment.content_type, handle.read()))  # fmt: skip
    data = {"answers": submission.answers, "fees": submission.fees}
    return Payload(metadata, data, files)

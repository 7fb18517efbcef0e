"""Storing the files of applications (checked by ``core.uploads``: type from the content)."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile

from rathaus.core.files import delete_after_commit
from rathaus.core.uploads import EXTENSIONS, UploadRefused, check_upload, safe_name
from rathaus.definitions.schema import FileField
from rathaus.submissions.models import Attachment, Draft, Submission

__all__ = ["UploadRefused", "LATE_DOCUMENTS", "store_upload", "delete_files"]

# Documents a citizen sends later, answering a request of the authority.
LATE_DOCUMENTS = FileField.model_validate(
    {"type": "file", "id": "nachreichung", "label": "Nachgereichte Unterlagen",
     "max_size_mb": 10, "max_files": 5}
)  # fmt: skip


def store_upload(
    draft: Draft | None,
    field: FileField,
    upload: UploadedFile,
    submission: Submission | None = None,
) -> Attachment:
    content_type = check_upload(upload, field)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = safe_name(upload.name or "", content_type)
    attachment = Attachment(
        draft=draft,
        submission=submission,
        field_id=field.id,
        original_name=name,
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
    )
    attachment.file.save(f"{attachment.id}{EXTENSIONS[content_type]}", upload, save=False)
    attachment.save()
    return attachment


def delete_files(attachments) -> None:
    delete_after_commit(attachment.file for attachment in attachments)

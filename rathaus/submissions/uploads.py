"""Checking and storing uploaded files: the type comes from the content, never the name."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

import puremagic
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from rathaus.core.files import delete_after_commit
from rathaus.definitions.schema import UPLOAD_TYPES, FileField
from rathaus.submissions.models import Attachment, Draft, Submission

SNIFF_BYTES = 8192
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


class UploadRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def sniff(head: bytes) -> str:
    """The media type the content says it is ('' when unknown)."""
    try:
        return puremagic.from_string(head, mime=True) or ""
    except (puremagic.PureError, ValueError):
        return ""


def safe_name(name: str, content_type: str) -> str:
    """A harmless display name that ends in the extension of the real type."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    stem = unicodedata.normalize("NFKC", stem)
    stem = re.sub(r"[^\w .()-]", "_", stem).strip(" ._")[:80] or "datei"
    return stem + EXTENSIONS.get(content_type, "")


def check_upload(upload: UploadedFile, field: FileField) -> str:
    """Refuse what is too large, empty, or not one of the field's types; return the type."""
    size = upload.size or 0
    if size == 0:
        raise UploadRefused(_("Die Datei „%(name)s“ ist leer.") % {"name": upload.name})
    if size > field.max_size_mb * 1024 * 1024:
        raise UploadRefused(
            _("Die Datei „%(name)s“ ist größer als %(max)s.")
            % {"name": upload.name, "max": filesizeformat(field.max_size_mb * 1024 * 1024)}
        )
    upload.seek(0)
    content_type = sniff(upload.read(SNIFF_BYTES))
    upload.seek(0)
    if content_type not in field.accept:
        allowed = ", ".join(UPLOAD_TYPES[t] for t in field.accept)
        raise UploadRefused(
            _("Die Datei „%(name)s“ ist keine erlaubte Datei (%(allowed)s).")
            % {"name": upload.name, "allowed": allowed}
        )
    return content_type


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

"""Checking uploaded files: the type comes from the content, never from the name.

One rule for every upload of the platform (application documents, postbox answers,
project media, speaker photos and slides): which types are accepted and how large a file
may be. A service definition's file field is such a rule; code declares one with
``UploadRule``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import puremagic
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from rathaus.core.errors import DomainError

__all__ = ["UPLOAD_TYPES", "EXTENSIONS", "UploadRefused", "UploadSpec", "UploadRule", "IMAGES",
           "PDF_DOCUMENTS", "sniff",
           "safe_name", "check_upload"]  # fmt: skip

UPLOAD_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
SNIFF_BYTES = 8192


class UploadRefused(DomainError):
    """The file is empty, too large or not an accepted type (nothing was stored)."""


class UploadSpec(Protocol):
    @property
    def accept(self) -> Sequence[str]: ...

    @property
    def max_size_mb(self) -> int: ...


@dataclass(frozen=True)
class UploadRule:
    accept: tuple[str, ...]
    max_size_mb: int


# The two rules code uses (project media, speaker photos, slides, documents).
IMAGES = UploadRule(accept=("image/jpeg", "image/png"), max_size_mb=10)
PDF_DOCUMENTS = UploadRule(accept=("application/pdf",), max_size_mb=20)


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


def check_upload(upload: UploadedFile, spec: UploadSpec) -> str:
    """Refuse what is too large, empty, or not one of the accepted types; return the type."""
    size = upload.size or 0
    if size == 0:
        raise UploadRefused(_("Die Datei „%(name)s“ ist leer.") % {"name": upload.name})
    if size > spec.max_size_mb * 1024 * 1024:
        raise UploadRefused(
            _("Die Datei „%(name)s“ ist größer als %(max)s.")
            % {"name": upload.name, "max": filesizeformat(spec.max_size_mb * 1024 * 1024)}
        )
    upload.seek(0)
    content_type = sniff(upload.read(SNIFF_BYTES))
    upload.seek(0)
    if content_type not in spec.accept:
        allowed = ", ".join(UPLOAD_TYPES[t] for t in spec.accept)
        raise UploadRefused(
            _("Die Datei „%(name)s“ ist keine erlaubte Datei (%(allowed)s).")
            % {"name": upload.name, "allowed": allowed}
        )
    return content_type

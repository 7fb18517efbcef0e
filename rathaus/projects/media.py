"""Images and documents of a project's draft.

Uploads are checked by content, never by name (``submissions.uploads.check_upload``).
Images are then decoded with Pillow, which refuses fakes and decompression bombs, scaled
to at most ``MAX_EDGE`` pixels and encoded anew: no metadata (GPS, camera) survives.
Rows are copied into each new draft and share the files, so a file is deleted only when
no revision uses it any more.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.files import delete_after_commit
from rathaus.definitions.schema import FileField
from rathaus.projects.editorial import WorkflowError, can_change_content
from rathaus.projects.models import Project, RevisionDocument, RevisionImage
from rathaus.submissions.uploads import UploadRefused, check_upload, safe_name

__all__ = ["MAX_EDGE", "UploadRefused", "add_image", "add_document", "remove_media"]

MAX_EDGE = 1600
MAX_PIXELS = 40_000_000
MAX_MEDIA = 12
IMAGE_UPLOAD = FileField.model_validate(
    {"type": "file", "id": "bild", "label": "Bild", "accept": ["image/jpeg", "image/png"],
     "max_size_mb": 10}
)  # fmt: skip
DOCUMENT_UPLOAD = FileField.model_validate(
    {"type": "file", "id": "dokument", "label": "Dokument", "accept": ["application/pdf"],
     "max_size_mb": 20}
)  # fmt: skip


def _draft(user: User, project: Project):
    if not can_change_content(user, project) or project.draft is None:
        raise WorkflowError(_("Dieses Projekt kann gerade nicht bearbeitet werden."))
    draft = project.draft
    if draft.images.count() + draft.documents.count() >= MAX_MEDIA:
        raise UploadRefused(_("Ein Projekt kann höchstens 12 Bilder und Dokumente haben."))
    return draft


def _reencode(upload: UploadedFile, content_type: str) -> tuple[bytes, str, tuple[int, int]]:
    refused = UploadRefused(
        _("Die Datei „%(name)s“ ist kein lesbares JPEG- oder PNG-Bild.") % {"name": upload.name}
    )
    try:
        with Image.open(upload) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise UploadRefused(
                    _("Das Bild „%(name)s“ hat zu viele Bildpunkte (höchstens 40 Megapixel).")
                    % {"name": upload.name}
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image.thumbnail((MAX_EDGE, MAX_EDGE))
            keep_alpha = content_type == "image/png"
            converted = image.convert("RGBA" if keep_alpha else "RGB")
            buffer = io.BytesIO()
            converted.save(
                buffer, format="PNG" if keep_alpha else "JPEG", quality=85, optimize=True
            )
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise refused from None
    return buffer.getvalue(), ".png" if keep_alpha else ".jpg", converted.size


@transaction.atomic
def add_image(user: User, project: Project, upload: UploadedFile, alt_text: str, caption: str = ""):
    if not alt_text.strip():
        raise UploadRefused(_("Bitte beschreiben Sie das Bild in einem Alternativtext."))
    draft = _draft(user, project)
    content_type = check_upload(upload, IMAGE_UPLOAD)
    data, extension, (width, height) = _reencode(upload, content_type)
    image = RevisionImage(revision=draft, alt_text=alt_text.strip(), caption=caption.strip(),
                          width=width, height=height, position=draft.images.count())  # fmt: skip
    stem = safe_name(upload.name or "", "")
    image.file.save(f"{stem}{extension}", ContentFile(data), save=False)
    image.save()
    log_action(user, "projects.image_added", project, {"file": image.file.name})
    return image


@transaction.atomic
def add_document(user: User, project: Project, upload: UploadedFile, title: str):
    if not title.strip():
        raise UploadRefused(_("Bitte geben Sie dem Dokument einen Titel."))
    draft = _draft(user, project)
    content_type = check_upload(upload, DOCUMENT_UPLOAD)
    document = RevisionDocument(revision=draft, title=title.strip(), size=upload.size or 0,
                                position=draft.documents.count())  # fmt: skip
    document.file.save(safe_name(upload.name or "", content_type), upload, save=False)
    document.save()
    log_action(user, "projects.document_added", project, {"file": document.file.name})
    return document


@transaction.atomic
def remove_media(user: User, project: Project, kind: str, media_id: int) -> None:
    if not can_change_content(user, project) or project.draft is None:
        raise WorkflowError(_("Dieses Projekt kann gerade nicht bearbeitet werden."))
    model = RevisionImage if kind == "bild" else RevisionDocument
    media = model.objects.filter(revision=project.draft, pk=media_id).first()
    if media is None:
        return
    name = media.file.name
    media.delete()
    if not model.objects.filter(file=name).exists():
        delete_after_commit([media.file])
    log_action(user, "projects.media_removed", project, {"file": name})

"""Images and documents of a project's draft.

Uploads are checked by content, never by name (``core.uploads.check_upload``),
then images are re-encoded by ``core.images.reencode`` (at most ``MAX_EDGE`` pixels, no
metadata).
Rows are copied into each new draft and share the files, so a file is deleted only when
no revision uses it any more.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.files import delete_after_commit
from rathaus.core.images import ImageRefused, reencode
from rathaus.core.uploads import IMAGES, PDF_DOCUMENTS, UploadRefused, check_upload, safe_name
from rathaus.projects.editorial import WorkflowError, can_change_content
from rathaus.projects.models import Project, RevisionDocument, RevisionImage

__all__ = ["MAX_EDGE", "UploadRefused", "add_image", "add_document", "remove_media"]

MAX_EDGE = 1600
MAX_MEDIA = 12


def _draft(user: User, project: Project):
    if not can_change_content(user, project) or project.draft is None:
        raise WorkflowError(_("Dieses Projekt kann gerade nicht bearbeitet werden."))
    draft = project.draft
    if draft.images.count() + draft.documents.count() >= MAX_MEDIA:
        raise UploadRefused(_("Ein Projekt kann höchstens 12 Bilder und Dokumente haben."))
    return draft


@transaction.atomic
def add_image(user: User, project: Project, upload: UploadedFile, alt_text: str, caption: str = ""):
    if not alt_text.strip():
        raise UploadRefused(_("Bitte beschreiben Sie das Bild in einem Alternativtext."))
    draft = _draft(user, project)
    content_type = check_upload(upload, IMAGES)
    try:
        picture = reencode(upload, content_type, MAX_EDGE)
    except ImageRefused as refused:
        raise UploadRefused(refused.message) from None
    image = RevisionImage(
        revision=draft, alt_text=alt_text.strip(), caption=caption.strip(),
        width=picture.width, height=picture.height, position=draft.images.count(),
    )  # fmt: skip
    stem = safe_name(upload.name or "", "")
    image.file.save(f"{stem}{picture.extension}", ContentFile(picture.data), save=False)
    image.save()
    log_action(user, "projects.image_added", project, {"file": image.file.name})
    return image


@transaction.atomic
def add_document(user: User, project: Project, upload: UploadedFile, title: str):
    if not title.strip():
        raise UploadRefused(_("Bitte geben Sie dem Dokument einen Titel."))
    draft = _draft(user, project)
    content_type = check_upload(upload, PDF_DOCUMENTS)
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

"""Changing an event's programme: sessions, speakers (photos re-encoded), exhibitors and the
materials published after the event. Uploads are checked by content
(``core.uploads.check_upload``); photos are decoded and encoded anew
(``core.images.reencode``), so fakes are refused and no metadata survives.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.files import delete_after_commit
from rathaus.core.images import ImageRefused, reencode
from rathaus.core.uploads import IMAGES, PDF_DOCUMENTS, UploadRefused, check_upload, safe_name
from rathaus.events import seats
from rathaus.events.models import (
    Event,
    Exhibitor,
    Material,
    Session,
    Speaker,
    WorkshopSeat,
)
from rathaus.events.registration_flow import HOLDS_SEAT

__all__ = [
    "ProgrammeRefused",
    "UploadRefused",
    "save_session",
    "save_speaker",
    "save_exhibitor",
    "add_material",
    "set_material_published",
    "delete_item",
]

MAX_EDGE = 800
SESSION_FIELDS = ("kind", "title", "description", "starts_at", "ends_at", "room", "capacity")
SPEAKER_FIELDS = ("name", "organisation", "profile", "photo_alt")
EXHIBITOR_FIELDS = ("organisation", "stand", "description", "contact", "website", "materials_url")


def _assign(instance: models.Model, data: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if name in data:
            value = data[name]
            setattr(instance, name, value.strip() if isinstance(value, str) else value)


class ProgrammeRefused(ValueError):
    """A programme change that would break the seats already given; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _check_workshop_change(session: Session, data: dict[str, Any]) -> None:
    """Seats taken in a workshop bind it: it stays a workshop with room for them, and its
    new times may not collide with another workshop of anyone holding a seat."""
    taken = seats.workshop_taken(session)
    if not taken:
        return
    kind, capacity = data.get("kind", session.kind), data.get("capacity", session.capacity)
    if kind != Session.Kind.WORKSHOP or capacity is None or capacity < taken:
        raise ProgrammeRefused(ngettext(
            "Im Workshop ist schon %(n)s Platz vergeben; er bleibt ein Workshop mit "
            "mindestens so vielen Plätzen.",
            "Im Workshop sind schon %(n)s Plätze vergeben; er bleibt ein Workshop mit "
            "mindestens so vielen Plätzen.", taken) % {"n": taken})  # fmt: skip
    moved = Session(starts_at=data.get("starts_at", session.starts_at),
                    ends_at=data.get("ends_at", session.ends_at))  # fmt: skip
    others = (
        WorkshopSeat.objects.filter(
            registration__workshops__session=session,
            registration__status__in=HOLDS_SEAT,
        )
        .exclude(session=session)
        .select_related("session")
    )
    if any(moved.overlaps(seat.session) for seat in others):
        raise ProgrammeRefused(_("Zur neuen Zeit hätten Teilnehmende zwei Workshops "
                                 "gleichzeitig. Bitte wählen Sie eine andere Zeit."))  # fmt: skip


@transaction.atomic
def save_session(actor: User, event: Event, session: Session | None, data: dict[str, Any]):
    seats.lock_event(event.pk)
    if session is not None and session.pk:
        _check_workshop_change(Session.objects.get(pk=session.pk), data)
    session = session or Session(event=event)
    _assign(session, data, SESSION_FIELDS)
    session.save()
    session.speakers.set(data.get("speakers", []))
    session.moderators.set(data.get("moderators", []))
    log_action(actor, "events.session_saved", event, {"session": session.pk})
    return session


def _picture(upload: UploadedFile, max_edge: int = MAX_EDGE) -> ContentFile:
    content_type = check_upload(upload, IMAGES)
    try:
        picture = reencode(upload, content_type, max_edge)
    except ImageRefused as refused:
        raise UploadRefused(refused.message) from None
    stem = safe_name(upload.name or "", "")
    return ContentFile(picture.data, name=f"{stem}{picture.extension}")


@transaction.atomic
def save_speaker(actor: User, event: Event, speaker: Speaker | None, data: dict[str, Any]):
    """Raises ``UploadRefused`` for a photo that is too large or not really an image."""
    speaker = speaker or Speaker(event=event)
    _assign(speaker, data, SPEAKER_FIELDS)
    upload = data.get("photo")
    if upload:
        old = _files_of(speaker) if speaker.pk else []
        picture = _picture(upload)
        speaker.photo.save(picture.name or "foto.jpg", picture, save=False)
        delete_after_commit(old)
    speaker.save()
    log_action(actor, "events.speaker_saved", event, {"speaker": speaker.pk})
    return speaker


@transaction.atomic
def save_exhibitor(actor: User, event: Event, exhibitor: Exhibitor | None, data: dict[str, Any]):
    exhibitor = exhibitor or Exhibitor(event=event)
    _assign(exhibitor, data, EXHIBITOR_FIELDS)
    exhibitor.save()
    log_action(actor, "events.exhibitor_saved", event, {"exhibitor": exhibitor.pk})
    return exhibitor


def _material_file(kind: str, upload: UploadedFile) -> ContentFile | UploadedFile:
    if kind == Material.Kind.PHOTOS:
        return _picture(upload, 1600)
    content_type = check_upload(upload, PDF_DOCUMENTS)
    upload.name = safe_name(upload.name or "", content_type)
    return upload


@transaction.atomic
def add_material(actor: User, event: Event, data: dict[str, Any]) -> Material:
    """Raises ``UploadRefused`` for a file that is not what its kind needs."""
    session = data["session"]
    if session.event_id != event.pk:
        raise ValueError("the session belongs to another event")
    material = Material(session=session, kind=data["kind"], title=data["title"].strip())
    material.url, material.published = data.get("url") or "", bool(data.get("published"))
    upload = data.get("file")
    if upload:
        stored = _material_file(material.kind, upload)
        material.file.save(stored.name or "datei", stored, save=False)
    material.save()
    log_action(actor, "events.material_added", event, {"material": material.pk})
    return material


@transaction.atomic
def set_material_published(actor: User, material: Material, published: bool) -> None:
    material.published = published
    material.save(update_fields=["published"])
    verb = "events.material_published" if published else "events.material_hidden"
    log_action(actor, verb, material.session.event, {"material": material.pk})


def _files_of(item: models.Model) -> list[FieldFile]:
    """The item's own files (copies of its row, which share them, aside); copied, so that
    saving a new file into the field does not rename what is to be deleted."""
    if isinstance(item, Speaker) and item.photo:
        still_used = Speaker.objects.filter(photo=item.photo.name).exclude(pk=item.pk).exists()
        return [] if still_used else [copy.copy(item.photo)]
    if isinstance(item, Material) and item.file:
        return [copy.copy(item.file)]
    return []


@transaction.atomic
def delete_item(actor: User, event: Event, item: models.Model) -> None:
    """Delete a session, speaker, exhibitor or material of ``event`` (and its own files);
    a workshop in which seats are taken stays (its participants would lose them unasked)."""
    files = _files_of(item)
    if isinstance(item, Session) and seats.workshop_taken(item):
        raise ProgrammeRefused(_("In diesem Workshop sind Plätze vergeben. Bitte informieren "
                                 "Sie die Teilnehmenden und ändern Sie ihn, statt ihn zu "
                                 "löschen."))  # fmt: skip
    if isinstance(item, Session):
        for material in item.materials.all():
            files += _files_of(material)
    label, kind = str(item), item._meta.model_name
    item.delete()
    delete_after_commit(files)
    log_action(actor, "events.programme_deleted", event, {"kind": kind, "label": label})

"""Personal data in the postbox: export the personal messages with their files; erase
them. An organisation's postbox belongs to the organisation: it is neither exported nor
erased with a member's account."""

from __future__ import annotations

from collections.abc import Iterator

from rathaus.accounts.models import User
from rathaus.core.files import delete_after_commit
from rathaus.core.personal_data import ExportFile
from rathaus.postbox.models import Message, MessageFile


def export(user: User) -> Iterator[ExportFile]:
    messages = (
        Message.objects.filter(owner=user, organisation__isnull=True)
        .prefetch_related("files")
        .order_by("created_at")
    )
    yield ExportFile.json("postfach/nachrichten.json", [
        {"id": m.pk, "direction": m.direction, "from": m.sender_name, "subject": m.subject,
         "body": m.body, "created_at": m.created_at, "read_at": m.read_at,
         "files": [f"postfach/dateien/{f.pk}-{f.name}" for f in m.files.all()]}
        for m in messages
    ])  # fmt: skip
    for attached in MessageFile.objects.filter(message__in=messages):
        with attached.file.open("rb") as handle:
            yield ExportFile(f"postfach/dateien/{attached.pk}-{attached.name}", handle.read())


def erase(user: User) -> int:
    personal = Message.objects.filter(owner=user, organisation__isnull=True)
    delete_after_commit(f.file for f in MessageFile.objects.filter(message__in=personal))
    deleted, _ = personal.delete()
    return deleted

"""Public operations of the postbox: deliver a message, read it, reply to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from rathaus.audit.services import log_action
from rathaus.postbox.models import Message, MessageFile

__all__ = ["FileContent", "deliver", "messages_of", "unread_count", "open_message", "reply"]


@dataclass(frozen=True)
class FileContent:
    name: str
    content_type: str
    data: bytes


def deliver(
    owner: Any,
    *,
    sender_name: str,
    subject: str,
    body: str,
    submission: Any = None,
    files: list[FileContent] | None = None,
) -> Message:
    """Put a message from an authority into a citizen's postbox."""
    with transaction.atomic():
        message = Message.objects.create(
            owner=owner,
            direction=Message.Direction.TO_CITIZEN,
            submission=submission,
            sender_name=sender_name[:200],
            subject=subject[:200],
            body=body,
        )
        for item in files or []:
            attached = MessageFile(
                message=message, name=item.name, content_type=item.content_type, size=len(item.data)
            )
            attached.file.save(f"{attached.id}.pdf", ContentFile(item.data), save=False)
            attached.save()
        log_action(None, "postbox.delivered", message, {"owner": owner.pk})
    return message


def messages_of(owner: Any) -> QuerySet[Message]:
    return (
        Message.objects.filter(owner=owner).select_related("submission").prefetch_related("files")
    )


def unread_count(owner: Any) -> int:
    return Message.objects.filter(
        owner=owner, direction=Message.Direction.TO_CITIZEN, read_at__isnull=True
    ).count()


def open_message(owner: Any, message_id: Any) -> Message | None:
    """The owner's message (marked read when opened), or None for anyone else's."""
    message = messages_of(owner).filter(pk=message_id).first()
    if message is not None and message.read_at is None:
        message.read_at = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=message.read_at)
    return message


def reply(owner: Any, message: Message, body: str) -> Message:
    """The citizen answers a message; the answer belongs to the same application."""
    with transaction.atomic():
        answer = Message.objects.create(
            owner=owner,
            direction=Message.Direction.FROM_CITIZEN,
            submission=message.submission,
            in_reply_to=message,
            sender_name=owner.email,
            subject=_("Antwort: %(subject)s") % {"subject": message.subject},
            body=body,
        )
        log_action(owner, "postbox.replied", answer, {"in_reply_to": str(message.pk)})
    return answer

"""Public operations of the postbox: deliver a message, read it, reply to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from rathaus.audit.services import log_action
from rathaus.organisations import services as organisations
from rathaus.organisations.models import MemberRole
from rathaus.postbox.models import Message, MessageFile

__all__ = ["FileContent", "deliver", "messages_of", "listed_messages", "visible_messages",
           "unread_count", "open_message", "may_reply", "reply"]  # fmt: skip


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
    """Put a message from an authority into a citizen's postbox; a message about an
    application made for an organisation goes into the organisation's postbox."""
    with transaction.atomic():
        message = Message.objects.create(
            owner=owner,
            direction=Message.Direction.TO_CITIZEN,
            submission=submission,
            organisation=getattr(submission, "organisation", None),
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


def visible_messages(user: Any) -> QuerySet[Message]:
    """Every message ``user`` may read: her own postbox and her organisations' (by role)."""
    if not getattr(user, "is_authenticated", False):
        return Message.objects.none()
    own = Q(owner=user, organisation__isnull=True)
    return Message.objects.filter(own | Q(organisation__in=organisations.organisations_of(user)))


def messages_of(user: Any, organisation: Any = None) -> QuerySet[Message]:
    """The personal postbox of ``user``, or the postbox of ``organisation`` if she may
    read it (else empty)."""
    return _postbox(user, organisation).select_related("submission").prefetch_related("files")


# What the postbox list shows of each message (not its text, files or submission).
LISTED_FIELDS = ("owner", "organisation", "direction", "sender_name", "subject", "created_at",
                 "read_at")  # fmt: skip


def listed_messages(user: Any, organisation: Any = None, limit: int = 200) -> list[Message]:
    """The newest ``limit`` messages of a postbox (``messages_of``), for its list."""
    return list(_postbox(user, organisation).only(*LISTED_FIELDS)[:limit])


def _postbox(user: Any, organisation: Any) -> QuerySet[Message]:
    if organisation is None:
        return Message.objects.filter(owner=user, organisation__isnull=True)
    if organisations.may(user, organisation, MemberRole.READ):
        return Message.objects.filter(organisation=organisation)
    return Message.objects.none()


def unread_count(user: Any) -> int:
    unread = _postbox(user, None).filter(direction=Message.Direction.TO_CITIZEN, read_at=None)
    return unread.count()


def open_message(user: Any, message_id: Any) -> Message | None:
    """A message ``user`` may read (marked read when opened), or None for anyone else's."""
    message = (
        visible_messages(user)
        .select_related("submission", "organisation")
        .prefetch_related("files")
        .filter(pk=message_id)
        .first()
    )
    if message is not None and message.read_at is None:
        message.read_at = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=message.read_at)
    return message


def may_reply(user: Any, message: Message) -> bool:
    """Answer a message to the citizen: her own, or her organisation's with role apply."""
    if message.direction != Message.Direction.TO_CITIZEN:
        return False
    if message.organisation_id is None:
        return message.owner_id == getattr(user, "pk", None)
    return organisations.may(user, message.organisation, MemberRole.APPLY)


def reply(owner: Any, message: Message, body: str) -> Message:
    """The citizen answers a message; the answer belongs to the same application."""
    with transaction.atomic():
        answer = Message.objects.create(
            owner=owner,
            direction=Message.Direction.FROM_CITIZEN,
            submission=message.submission,
            in_reply_to=message,
            organisation=message.organisation,
            sender_name=owner.email,
            subject=_("Antwort: %(subject)s") % {"subject": message.subject},
            body=body,
        )
        log_action(owner, "postbox.replied", answer, {"in_reply_to": str(message.pk)})
    return answer

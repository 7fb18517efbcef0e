"""A citizen's answer to a message can mean more than a message.

When the authority asked for something about an application (a request for documents),
the answer carries the documents and moves the case on. The app that knows this
(``cases``) registers a handler in its ``AppConfig.ready()``; a handler returns the answer
it stored, or ``None`` when the message is none of its business. Without a handler that
takes it, the answer is a plain reply (files are for applications only).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile

from rathaus.accounts.models import User
from rathaus.core.registry import Registry
from rathaus.postbox.models import Message
from rathaus.postbox.services import reply

__all__ = ["ReplyHandler", "HANDLERS", "answer"]

ReplyHandler = Callable[[Message, User, str, list[UploadedFile]], Message | None]
HANDLERS: Registry[ReplyHandler] = Registry("postbox reply handler")


def answer(message: Message, actor: User, text: str, files: list[UploadedFile]) -> Message:
    """Store the citizen's answer (raises ``core.uploads.UploadRefused`` for a bad file)."""
    for handler in HANDLERS.values():
        stored = handler(message, actor, text, files)
        if stored is not None:
            return stored
    return reply(actor, message, text)

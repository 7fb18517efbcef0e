"""A mail backend for benchmarks that keeps every sent message as a file of its own
(``<directory>/<uuid>.eml``, written whole and renamed into place), so that several
worker processes can send at once and the bench counts the mails afterwards."""

from __future__ import annotations

import email
import os
import uuid
from collections.abc import Sequence
from email.message import Message
from pathlib import Path
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


class EmailBackend(BaseEmailBackend):
    def __init__(self, directory: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.directory = Path(directory or os.environ["BENCH_MAIL_DIR"])

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            name = uuid.uuid4().hex
            part = self.directory / f"{name}.part"
            part.write_bytes(message.message().as_bytes())
            part.rename(self.directory / f"{name}.eml")
        return len(email_messages)


def read(directory: Path) -> list[Message]:
    """Every mail sent so far."""
    return [email.message_from_bytes(path.read_bytes()) for path in directory.glob("*.eml")]

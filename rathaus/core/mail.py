"""Outgoing mail goes through the task queue, after the surrounding transaction commits.

A rolled-back registration never sends its verification mail, and a slow SMTP server
never slows a request down: the worker (``manage.py db_worker`` or RQ) sends it.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.urls import reverse

__all__ = ["send_mail_after_commit", "send_mail_task", "absolute_link"]


def absolute_link(base_url: str, name: str, **kwargs: object) -> str:
    """A link for a mail: the site's base URL and a named route."""
    return f"{base_url.rstrip('/')}{reverse(name, kwargs=kwargs)}"


@task
def send_mail_task(subject: str, body: str, recipients: list[str]) -> int:
    message = EmailMessage(subject=subject, body=body, to=recipients)
    return message.send()


def send_mail_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """Queue one plain-text mail once the current transaction has committed."""
    subject = " ".join(str(subject).split())  # no header injection through newlines
    transaction.on_commit(
        lambda: send_mail_task.enqueue(subject=subject, body=str(body), recipients=recipients)
    )

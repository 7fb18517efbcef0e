"""Outgoing mail goes through the task queue, after the surrounding transaction commits
(through the outbox, ``core.outbox``: a crash after the commit does not lose it).

A rolled-back registration never sends its verification mail, and a slow SMTP server
never slows a request down: the worker (``manage.py db_worker`` or RQ) sends it.

Attachments are ``(filename, content, mimetype)`` with text content (an iCalendar file,
a CSV): task arguments must be JSON, so binary content is not accepted here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import get_script_prefix, reverse

from rathaus.core.outbox import enqueue_after_commit
from rathaus.tenants import services as tenants
from rathaus.tenants.scope import current_or_none

__all__ = ["Attachment", "send_mail_after_commit", "send_mail_task", "absolute_link"]

Attachment = tuple[str, str, str]  # filename, text content, MIME type


def absolute_link(name: str, **kwargs: object) -> str:
    """A named route as an absolute link on the site's configured address
    (``RATHAUS_SITE_URL``; for a tenant its host name, see ``tenants.services.site_url``),
    for mails, exports, feeds and calendar files: never the Host
    of whichever request happens to cause the mail, and the same from a worker or a job."""
    path = reverse(name, kwargs=kwargs)
    prefix = get_script_prefix()  # a tenant's path prefix inside its request: site_url has it
    if path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    return f"{tenants.site_url(current_or_none())}{path}"


@task
def send_mail_task(
    subject: str, body: str, recipients: list[str], attachments: list[list[str]] | None = None
) -> int:
    message = EmailMessage(subject=subject, body=body, to=recipients)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()


def _attachment(item: Sequence[str]) -> list[str]:
    filename, content, mimetype = (str(part) for part in item)
    filename = " ".join(filename.replace('"', "").split())  # no header injection either
    return [filename, content, mimetype]


def send_mail_after_commit(
    subject: str,
    body: str,
    recipients: list[str],
    attachments: Sequence[Attachment] | None = None,
) -> None:
    """Queue one plain-text mail (with text attachments) once the transaction has committed."""
    subject = " ".join(str(subject).split())  # no header injection through newlines
    body = str(body)
    if not attachments:  # the task's arguments exactly as before for existing callers
        enqueue_after_commit(send_mail_task, subject=subject, body=body, recipients=recipients)
        return
    files = [_attachment(item) for item in attachments]
    enqueue_after_commit(
        send_mail_task, subject=subject, body=body, recipients=recipients, attachments=files
    )

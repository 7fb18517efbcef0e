"""After a submission has been committed: receipt, postbox message, notification mail."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rathaus.core.mail import send_mail_after_commit
from rathaus.postbox.services import FileContent, deliver
from rathaus.submissions.models import Submission
from rathaus.submissions.receipts import ensure_receipt
from rathaus.submissions.signals import submission_received
from rathaus.tenants import services as tenants


@task
def after_submission(submission_id: str) -> str:
    """Idempotent: a retried task does not deliver twice.

    The receipt is made here and only here (the download view only reads it), rendered
    and stored before the row lock is taken.
    """
    with tenants.scope_of(Submission, submission_id):
        return _after_submission(submission_id)


def _after_submission(submission_id: str) -> str:
    ensure_receipt(_submission(Submission.objects.all(), submission_id))
    with transaction.atomic():
        locked = Submission.objects.select_for_update(of=("self",))
        submission = _submission(locked, submission_id)
        with translation.override(submission.language):
            if submission.user is not None and not submission.messages.exists():
                _to_postbox(submission)
            submission_received.send(Submission, submission=submission)
            if submission.contact_email and submission.notified_at is None:
                _notify(submission)
                submission.notified_at = timezone.now()
                submission.save(update_fields=["notified_at"])
    return submission.reference


def _submission(queryset: QuerySet[Submission], submission_id: str) -> Submission:
    return queryset.select_related("service", "authority", "user", "version").get(pk=submission_id)


def _to_postbox(submission: Submission) -> None:
    submission.receipt.open("rb")
    try:
        data = submission.receipt.read()
    finally:
        submission.receipt.close()
    deliver(
        submission.user,
        sender_name=submission.authority.name,
        subject=_("Eingangsbestätigung %(reference)s") % {"reference": submission.reference},
        body=render_to_string("submissions/postbox_receipt.txt", {"submission": submission}),
        submission=submission,
        files=[
            FileContent(f"Eingangsbestaetigung-{submission.reference}.pdf", "application/pdf", data)
        ],
    )


def _notify(submission: Submission) -> None:
    context = {"submission": submission}
    subject = render_to_string("submissions/mail_received_subject.txt", context)
    body = render_to_string("submissions/mail_received.txt", context)
    send_mail_after_commit(subject, body, [submission.contact_email])

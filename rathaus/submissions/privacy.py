"""Personal data of applications: export, erasure of drafts, and the retention purge.

Drafts are erased with the account and also when nobody touched them for
``DRAFT_DAYS``; what a person applied for in an organisation's name belongs to the
organisation and is neither exported nor erased with her account; a submission (with
its files, receipt, postbox messages and case) is deleted when its definition's
retention period has ended (``retain_until``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core.files import delete_after_commit
from rathaus.core.personal_data import ExportFile
from rathaus.submissions import processing
from rathaus.submissions.models import Draft, Submission

DRAFT_DAYS = 30


def _read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def export(user: User) -> Iterator[ExportFile]:
    for submission in Submission.objects.filter(
        user=user, organisation__isnull=True
    ).select_related("service", "authority", "case"):
        folder = f"antraege/{submission.reference}"
        history = [{"at": s.at, "state": s.state} for s in processing.history_of(submission)]
        yield ExportFile.json(f"{folder}/antrag.json", {
            "reference": submission.reference, "service": submission.service.name,
            "authority": submission.authority.name, "submitted_at": submission.submitted_at,
            "definition_version": submission.version.number, "answers": submission.answers,
            "fees": submission.fees, "retain_until": submission.retain_until,
            "history": history,
        })  # fmt: skip
        if submission.receipt:
            yield ExportFile(f"{folder}/eingangsbestaetigung.pdf", _read(submission.receipt))
        for attachment in submission.attachments.all():
            yield ExportFile(
                f"{folder}/anhaenge/{attachment.id}-{attachment.original_name}",
                _read(attachment.file),
            )
    drafts = Draft.objects.filter(
        user=user, organisation__isnull=True, submission__isnull=True
    ).select_related("service")
    yield ExportFile.json(
        "entwuerfe.json",
        [
            {"service": d.service.name, "updated": d.updated_at, "answers": d.answers}
            for d in drafts
        ],
    )


def _delete_drafts(drafts) -> int:
    drafts = list(drafts.prefetch_related("attachments"))
    delete_after_commit(a.file for d in drafts for a in d.attachments.all())
    for draft in drafts:
        draft.delete()
    return len(drafts)


def erase(user: User) -> int:
    """At account deletion: drafts go at once; submissions stay until their period ends."""
    return _delete_drafts(
        Draft.objects.filter(user=user, organisation__isnull=True, submission__isnull=True)
    )


def purge(now: datetime | None = None) -> int:
    """Delete expired submissions (and everything that hangs on them) and stale drafts."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        stale = Draft.objects.filter(
            submission__isnull=True, updated_at__lt=now - timedelta(days=DRAFT_DAYS)
        )
        count += _delete_drafts(stale)
        for submission in Submission.objects.filter(retain_until__lt=timezone.localdate(now)):
            files = [a.file for a in submission.attachments.all()] + (
                [submission.receipt] if submission.receipt else []
            )
            delete_after_commit(files)
            log_action(None, "submissions.purged", submission, {"reference": submission.reference})
            Draft.objects.filter(submission=submission).delete()
            processing.forget(submission)
            submission.delete()
            count += 1
    return count

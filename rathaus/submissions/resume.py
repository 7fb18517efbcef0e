"""Save and return: a one-time link that reopens an anonymous draft in another browser.

Only the SHA-256 of the token is stored; the link works once and for
``RESUME_DAYS`` days after the draft was last saved.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from rathaus.core.mail import absolute_link, send_mail_after_commit
from rathaus.submissions.models import Draft
from rathaus.submissions.services import remember_in_session

RESUME_DAYS = 30


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def send_resume_link(draft: Draft, email: str) -> None:
    """Mail a fresh link (older links stop working)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Draft.objects.filter(pk=draft.pk).update(
            resume_token_hash=_digest(token), resume_email=email, updated_at=timezone.now()
        )
        link = absolute_link("submissions:resume", token=token)
        context = {"link": link, "service": draft.service.name, "days": RESUME_DAYS}
        subject = render_to_string("submissions/mail_resume_subject.txt", context)
        send_mail_after_commit(
            subject, render_to_string("submissions/mail_resume.txt", context), [email]
        )


def resume(token: str, session: Any) -> Draft | None:
    """The draft behind a link, now opened in this session; None if used, old or unknown."""
    if not token or len(token) > 100:
        return None
    with transaction.atomic():
        draft = (
            Draft.objects.select_for_update()
            .filter(resume_token_hash=_digest(token), submission__isnull=True)
            .first()
        )
        if draft is None or draft.updated_at < timezone.now() - timedelta(days=RESUME_DAYS):
            return None
        Draft.objects.filter(pk=draft.pk).update(resume_token_hash="")
    remember_in_session(session, draft)
    return draft

"""Accessibility feedback (§ 12b BGG, § 7 BITV 2.0) and contact requests.

Public API: the forms :class:`FeedbackForm` and :class:`ContactForm`, and the operations
:func:`submit_feedback`, :func:`mark_handled`, :func:`delete_expired_feedback`, plus
:func:`remember_receipt` / :func:`receipt_for`, which let only the browser session that
sent a message see its receipt.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.audit.services import log_action
from rathaus.core.models import Feedback

__all__ = [
    "FeedbackForm",
    "ContactForm",
    "submit_feedback",
    "mark_handled",
    "delete_expired_feedback",
    "remember_receipt",
    "receipt_for",
    "initial_page",
    "RETENTION",
]

logger = logging.getLogger(__name__)

MESSAGE_MAX_LENGTH = 5000
PAGE_MAX_LENGTH = 500
RECEIPT_SESSION_KEY = "rathaus.feedback.receipts"
MAX_REMEMBERED_RECEIPTS = 10
# Handled messages are deleted this long after they were handled (privacy statement).
RETENTION = timedelta(days=365)


class MessageField(forms.CharField):
    """Counts a line break as one character, as the browser's ``maxlength`` does."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")


class HoneypotField(forms.CharField):
    """Hidden from people (and assistive technology); bots fill it in."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        self.template_name = "core/legal/honeypot_field.html"


class FeedbackForm(forms.Form):
    """A report of a barrier: what and where, optionally who and how to answer."""

    page_url = forms.CharField(
        label=_("Betroffene Seite"),
        required=False,
        max_length=PAGE_MAX_LENGTH,
        help_text=_("Die Adresse oder der Name der Seite, auf der die Barriere besteht."),
        error_messages={
            "max_length": _(
                "Die Angabe zur Seite darf höchstens %(limit_value)d Zeichen lang sein."
            )
        },
    )
    message = MessageField(
        label=_("Ihre Nachricht"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beschreiben Sie bitte, was nicht funktioniert hat und welche Hilfsmittel Sie "
            "verwenden. Höchstens 5.000 Zeichen."
        ),
        error_messages={
            "required": _("Bitte beschreiben Sie die Barriere in Ihrer Nachricht."),
            "max_length": _(
                "Ihre Nachricht ist %(show_value)d Zeichen lang. Bitte kürzen Sie sie auf "
                "höchstens %(limit_value)d Zeichen."
            ),
        },
    )
    name = forms.CharField(
        label=_("Ihr Name"),
        required=False,
        max_length=200,
        error_messages={
            "max_length": _("Ihr Name darf höchstens %(limit_value)d Zeichen lang sein.")
        },
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        required=False,
        help_text=_("Nur nötig, wenn Sie eine Antwort wünschen."),
        error_messages={
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de."
            ),
        },
    )
    website = HoneypotField(label=_("Bitte lassen Sie dieses Feld leer."))

    kind = Feedback.Kind.ACCESSIBILITY

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("website"):
            logger.info("Feedback form: honeypot field filled in, message rejected")
            raise forms.ValidationError(
                _(
                    "Ihre Nachricht wurde nicht gesendet, weil ein verstecktes Feld ausgefüllt "
                    "war. Bitte senden Sie das Formular noch einmal."
                ),
                code="honeypot",
            )
        return cleaned

    def submission(self) -> dict[str, str]:
        """The cleaned values :func:`submit_feedback` takes."""
        data = self.cleaned_data
        return {
            "message": data["message"],
            "page_url": data.get("page_url", ""),
            "name": data.get("name", ""),
            "email": data.get("email", ""),
        }


class ContactForm(FeedbackForm):
    """A general question to the portal's editorial team, stored like feedback."""

    page_url = None  # type: ignore[assignment]  # Django's way to drop an inherited field
    message = MessageField(
        label=_("Ihre Nachricht"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Bitte senden Sie uns keine Unterlagen zu einem Antrag und keine Gesundheitsdaten. "
            "Höchstens 5.000 Zeichen."
        ),
        error_messages={
            "required": _("Bitte geben Sie Ihre Nachricht ein."),
            "max_length": FeedbackForm.base_fields["message"].error_messages["max_length"],
        },
    )

    field_order = ["name", "email", "message", "website"]
    kind = Feedback.Kind.CONTACT


def initial_page(value: str | None) -> str:
    """A same-site path from the "Barriere melden" link, or nothing."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or len(value) > PAGE_MAX_LENGTH:
        return ""
    return value


def format_reference(entry: Feedback) -> str:
    return f"RH-{timezone.localtime(entry.created_at).year}-{entry.pk:06d}"


def submit_feedback(
    *,
    kind: str,
    message: str,
    actor: Any = None,
    page_url: str = "",
    name: str = "",
    email: str = "",
    language: str = "",
) -> Feedback:
    """Store one message, give it its reference number and write the audit entry."""
    with transaction.atomic():
        entry = Feedback.objects.create(
            kind=kind,
            message=message,
            page_url=page_url,
            name=name,
            email=email,
            language=language,
        )
        entry.reference = format_reference(entry)
        entry.save(update_fields=["reference"])
        log_action(
            actor,
            "core.feedback_submitted",
            entry,
            {"kind": kind, "reference": entry.reference, "reply_requested": bool(email)},
        )
    return entry


def mark_handled(entry: Feedback, actor: Any) -> Feedback:
    """Mark one message as handled (idempotent); the retention period starts now."""
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=entry.pk)
        if not locked.handled:
            locked.handled = True
            locked.handled_at = timezone.now()
            locked.save(update_fields=["handled", "handled_at"])
            log_action(actor, "core.feedback_handled", locked, {"reference": locked.reference})
    return locked


def delete_expired_feedback(now: datetime | None = None, actor: Any = None) -> int:
    """Delete messages handled longer than :data:`RETENTION` ago; return how many."""
    cutoff = (now or timezone.now()) - RETENTION
    with transaction.atomic():
        expired = Feedback.objects.select_for_update().filter(handled=True, handled_at__lt=cutoff)
        references = sorted(ref for ref in expired.values_list("reference", flat=True) if ref)
        if not references:
            return 0
        count, _deleted = expired.delete()
        log_action(actor, "core.feedback_deleted", None, {"references": references})
    return count


def remember_receipt(session: SessionBase, reference: str) -> None:
    """Let this browser session (and only it) open the receipt of ``reference``."""
    known: Iterable[str] = session.get(RECEIPT_SESSION_KEY, [])
    session[RECEIPT_SESSION_KEY] = [*known, reference][-MAX_REMEMBERED_RECEIPTS:]


def receipt_for(session: SessionBase, reference: str) -> Feedback | None:
    """The message behind a receipt, if this session sent it; otherwise None."""
    if reference not in session.get(RECEIPT_SESSION_KEY, []):
        return None
    return Feedback.objects.filter(reference=reference).first()

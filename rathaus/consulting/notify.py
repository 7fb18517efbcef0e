"""Mails about consulting requests: to the partner when a request arrives, to the
requester when its status changes. Rendered now, sent by the worker after the commit."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from rathaus.accounts.services import portal_name
from rathaus.consulting.models import ConsultingEvent, ConsultingRequest
from rathaus.core.mail import absolute_link, send_mail_after_commit


def _send(template: str, to: str, context: dict[str, Any]) -> None:
    context = {"portal": portal_name(), **context}
    subject = render_to_string(f"consulting/mail/{template}_subject.txt", context)
    body = render_to_string(f"consulting/mail/{template}.txt", context)
    send_mail_after_commit(subject, body, [to])


def tell_partner(request: ConsultingRequest) -> None:
    """A new request for the partner's contact address (no free text, only the link)."""
    partner = request.partner
    if partner is None or not partner.contact_email:
        return
    with translation.override("de"):
        link = absolute_link("consulting:detail", reference=request.reference)
        context = {"request": request, "topic": request.topic.name, "link": link}
        _send("new_request", partner.contact_email, context)


def tell_requester(request: ConsultingRequest, event: ConsultingEvent) -> None:
    """The new status (with the appointment and the partner's message, if any)."""
    if not request.contact_email:
        return
    with translation.override(request.language or "de"):
        link = absolute_link("consulting:mine_detail", reference=request.reference)
        context = {
            "request": request,
            "event": event,
            "status": request.get_status_display(),
            "link": link,
        }
        _send("status_changed", request.contact_email, context)

"""Messages the organisers sent to the participants of an event (the log on the page).

The log is history: a sent message is never edited (``AppendOnly``); it goes with its event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.events.models.event import Event
from rathaus.workflow.models import AppendOnly


class EventMessage(AppendOnly):
    event = models.ForeignKey(Event, models.CASCADE, related_name="messages")
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Text"), max_length=10000)
    include_waiting = models.BooleanField(_("auch an die Warteliste"), default=False)
    recipients = models.PositiveIntegerField(_("Empfängerinnen und Empfänger"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Absender"),
    )  # fmt: skip
    sent_at = models.DateTimeField(_("Gesendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nachricht an Teilnehmende")
        verbose_name_plural = _("Nachrichten an Teilnehmende")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

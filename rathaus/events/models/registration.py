"""Registrations: confirmed, waiting, offered a seat (time-limited), cancelled; workshop seats.

The status moves only as ``events.registration_flow`` declares it (through the workflow
kernel); check-in at the door is the ``attended`` flag of a confirmed registration.
Seats are handed out inside one transaction that locks the event row (PostgreSQL
``SELECT … FOR UPDATE``; SQLite runs write transactions one at a time with ``BEGIN
IMMEDIATE``), so there are never more confirmed participants than seats.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rathaus.core.models import Territory
from rathaus.events.models.event import Event
from rathaus.events.models.programme import Session
from rathaus.tenants.models import TenantOwned


def _token() -> str:
    return secrets.token_urlsafe(24)


class Registration(TenantOwned):
    tenant_from = "event"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("bestätigt")
        WAITING = "waiting", _("Warteliste")
        OFFERED = "offered", _("Platz angeboten")
        CANCELLED = "cancelled", _("storniert")

    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    given_name = models.CharField(_("Vorname"), max_length=100)
    family_name = models.CharField(_("Nachname"), max_length=100)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Territory, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Kommune"),
    )  # fmt: skip
    role = models.CharField(_("Funktion"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail"))
    accessibility_needs = models.TextField(_("Bedarf an Barrierefreiheit"), max_length=1000,
                                           blank=True)  # fmt: skip
    dietary_needs = models.CharField(_("Verpflegung"), max_length=300, blank=True)
    answers = models.JSONField(_("Antworten auf zusätzliche Fragen"), default=dict, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="event_registrations",
    )  # fmt: skip
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    submit_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    offer_expires_at = models.DateTimeField(_("Angebot gilt bis"), null=True, blank=True)
    attended = models.BooleanField(_("anwesend"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)
    anonymised = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("Veranstaltung", "Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                "event", Lower("email"), condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        # No names: this is how audit entries label the registration, and they outlive
        # the anonymisation of the registration's personal data.
        return f"{self._meta.verbose_name} {self.pk} ({self.event})"


class WorkshopSeat(models.Model):
    """A participant's seat in one workshop session (overlaps are refused by the service)."""

    registration = models.ForeignKey(Registration, models.CASCADE, related_name="workshops")
    session = models.ForeignKey(Session, models.CASCADE, related_name="seats")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Workshopplatz")
        verbose_name_plural = _("Workshopplätze")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_seat_per_workshop"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} – {self.session}"

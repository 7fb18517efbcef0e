"""Where submissions go besides the clerk's inbox: a specialist system (Fachverfahren),
per offer, and every attempt to get them there."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.models import TenantOwned
from rathaus.workflow.models import AppendOnly


class DeliveryRoute(TenantOwned):
    """An offer's target: a plugin (webhook, fitconnect, email) and its settings."""

    tenant_from = "offer"

    offer = models.OneToOneField(
        "catalog.Offer", models.CASCADE, related_name="delivery_route", verbose_name=_("Angebot")
    )
    plugin = models.CharField(_("Verfahren"), max_length=40)
    config = models.JSONField(_("Einstellungen"), default=dict, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Zustellweg")
        verbose_name_plural = _("Zustellwege")

    def __str__(self) -> str:
        return f"{self.offer} → {self.plugin}"


class Delivery(TenantOwned):
    tenant_from = "submission"

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        DELIVERED = "delivered", _("zugestellt")
        FAILED = "failed", _("fehlgeschlagen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(
        "submissions.Submission", models.CASCADE, related_name="deliveries"
    )
    route = models.ForeignKey(DeliveryRoute, models.SET_NULL, null=True, related_name="deliveries")
    plugin = models.CharField(max_length=40)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # The worker sending the current attempt: set in a short transaction before the send
    # (no lock is held while the plugin talks to the target), cleared when the result is
    # recorded. A claim whose lease has run out (a crashed worker) can be taken again.
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.submission} → {self.plugin} ({self.status})"


class DeliveryAttempt(AppendOnly):
    delivery = models.ForeignKey(Delivery, models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField()
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'failed'}"

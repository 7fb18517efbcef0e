"""Interest in adopting a project ("Interesse an Übernahme") and its conversation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Territory
from rathaus.projects.models.project import Project
from rathaus.tenants.models import TenantOwned


class TransferRequest(TenantOwned):
    tenant_from = "project"

    class Status(models.TextChoices):
        OPEN = "offen", _("offen")
        IN_EXCHANGE = "im_austausch", _("im Austausch")
        ADOPTED = "uebernommen", _("übernommen")
        DROPPED = "nicht_weiterverfolgt", _("nicht weiterverfolgt")

    project = models.ForeignKey(Project, models.CASCADE, related_name="transfer_requests")
    municipality = models.ForeignKey(
        Territory, models.PROTECT, related_name="transfer_requests",
        verbose_name=_("Interessierte Kommune"),
    )  # fmt: skip
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="transfer_requests"
    )
    status = models.CharField(
        _("Status"), max_length=30, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("Gestellt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Übernahmeanfrage")
        verbose_name_plural = _("Übernahmeanfragen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"], name="one_transfer_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.short_name} → {self.project}"


class TransferMessage(models.Model):
    request = models.ForeignKey(TransferRequest, models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                               related_name="+")  # fmt: skip
    text = models.TextField(_("Nachricht"), max_length=5000)
    created_at = models.DateTimeField(_("Geschrieben am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.text[:40]}"

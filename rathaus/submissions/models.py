"""Applications: drafts while a person fills them in, submissions once sent, their files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory
from rathaus.definitions.models import DefinitionVersion
from rathaus.tenants.models import TenantOwned


class Draft(TenantOwned):
    """An application being filled in, pinned to the definition version it started with.

    Owned by a signed-in citizen (``user``), by an organisation (``organisation``: its
    members who may apply continue it), or, where the definition allows anonymous use,
    by the browser session that started it; an anonymous draft can be resumed elsewhere
    through a one-time link (only the hash of its token is stored).
    """

    tenant_from = "offer"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(DefinitionVersion, models.PROTECT, related_name="drafts")
    service = models.ForeignKey(Service, models.PROTECT, related_name="drafts")
    offer = models.ForeignKey(Offer, models.PROTECT, related_name="drafts")
    municipality = models.ForeignKey(Territory, models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", models.PROTECT, null=True, blank=True, related_name="drafts",
        help_text=_("Gesetzt, wenn ein Mitglied im Namen der Organisation beantragt."),
    )  # fmt: skip
    answers = models.JSONField(default=dict)
    completed_steps = models.JSONField(default=list)
    language = models.CharField(max_length=8, default="de")
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    resume_token_hash = models.CharField(max_length=64, blank=True)
    resume_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submission = models.OneToOneField(
        "Submission", models.SET_NULL, null=True, blank=True, related_name="draft"
    )

    class Meta:
        verbose_name = _("Entwurf")
        verbose_name_plural = _("Entwürfe")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.service} ({self.updated_at:%d.%m.%Y})"


class Submission(TenantOwned):
    """A sent application: the answers as they were, pinned to their definition version."""

    tenant_from = "authority"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("Vorgangsnummer"), max_length=20, unique=True)
    version = models.ForeignKey(DefinitionVersion, models.PROTECT, related_name="submissions")
    service = models.ForeignKey(Service, models.PROTECT, related_name="submissions")
    authority = models.ForeignKey(Authority, models.PROTECT, related_name="submissions")
    municipality = models.ForeignKey(Territory, models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", models.PROTECT, null=True, blank=True,
        related_name="submissions", verbose_name=_("Antragstellende Organisation"),
    )  # fmt: skip
    contact_email = models.EmailField(_("E-Mail für Benachrichtigungen"), blank=True)
    answers = models.JSONField(_("Angaben"))
    fees = models.JSONField(_("Gebühren"), default=dict)
    language = models.CharField(max_length=8, default="de")
    submitted_at = models.DateTimeField(_("Eingereicht am"), auto_now_add=True)
    retain_until = models.DateField(_("Aufbewahren bis"))
    receipt = models.FileField(_("Eingangsbestätigung"), upload_to="receipts/%Y/%m/", blank=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["user", "submitted_at"])]

    def __str__(self) -> str:
        return self.reference


class Attachment(models.Model):
    """An uploaded file: first part of a draft, then of its submission."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    draft = models.ForeignKey(
        Draft, models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    submission = models.ForeignKey(
        Submission, models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    field_id = models.CharField(max_length=64)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")

    def __str__(self) -> str:
        return self.original_name

    def as_answer(self) -> dict:
        return {
            "id": str(self.id),
            "name": self.original_name,
            "type": self.content_type,
            "size": self.size,
        }


class ReferenceSequence(models.Model):
    """The last number handed out per prefix and year ("HE-2026" → 123)."""

    prefix = models.CharField(max_length=12, primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"

"""Append-only, hash-chained audit log.

Each entry stores the hash of the entry before it and a hash over its own content plus
that previous hash, so editing or deleting any entry breaks the chain at that point
(``manage.py verify_audit`` names it). Entries are never updated through the ORM.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditChainHead(models.Model):
    """One row, locked while an entry is appended, so two writers never fork the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64, default="")
    last_sequence = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"audit head #{self.last_sequence}"


class AuditEntry(models.Model):
    sequence = models.PositiveBigIntegerField(_("Nummer"), unique=True)
    created_at = models.DateTimeField(_("Zeitpunkt"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Handelnde Person"),
    )
    actor_label = models.CharField(_("Handelnde Person (Text)"), max_length=254)
    verb = models.CharField(_("Aktion"), max_length=80, db_index=True)
    target_type = models.CharField(_("Objekttyp"), max_length=100, blank=True)
    target_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    target_label = models.CharField(_("Objekt"), max_length=254, blank=True)
    data = models.JSONField(_("Daten"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["sequence"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.verb} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only and cannot be deleted.")

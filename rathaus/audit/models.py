"""Append-only, hash-chained audit log.

Each entry stores the hash of the entry before it and a hash over its own content plus
that previous hash, so editing or deleting any entry breaks the chain at that point
(``manage.py verify_audit`` names it). Entries are never updated through the ORM. Each
tenant has its own chains (written in its scope); work outside any one tenant's scope
(the operator's) goes to the platform's chains. A tenant's log is split into ``SHARDS``
chains by the entry's target (``services.shard_of``): all entries about one object are in
one chain, in order, and writers about unrelated objects do not wait for each other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.managers import TenantManager
from rathaus.tenants.models import Tenant

SHARDS = 16  # chains per tenant; entries without a target go to chain 0


class AuditChainHead(models.Model):
    """One row per chain (a tenant's or the platform's with no tenant, and its shard),
    locked while an entry is appended, so two writers never fork a chain."""

    tenant = models.ForeignKey(
        Tenant, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Mandant")
    )
    shard = models.PositiveSmallIntegerField(_("Kette"), default=0)
    last_hash = models.CharField(max_length=64, default="")
    last_sequence = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "shard"], name="audit_head_chain"),
            models.UniqueConstraint(
                fields=["shard"], condition=Q(tenant__isnull=True), name="audit_platform_head"
            ),
        ]

    def __str__(self) -> str:
        return f"audit head #{self.last_sequence}"


class AuditEntry(models.Model):
    """One entry of a chain: a tenant's (everything done in its scope) or the platform's."""

    tenant = models.ForeignKey(
        Tenant, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Mandant")
    )
    shard = models.PositiveSmallIntegerField(_("Kette"), default=0)
    sequence = models.PositiveBigIntegerField(_("Nummer"))
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
    # Not unique: two chains (two Länder) can hold the very same entry, say the first
    # target-less entry of each written in the same second; each chain links by its own.
    entry_hash = models.CharField(max_length=64)

    objects = TenantManager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["tenant", "shard", "sequence"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "shard", "sequence"], name="audit_entry_sequence"
            ),
            models.UniqueConstraint(
                fields=["shard", "sequence"],
                condition=Q(tenant__isnull=True),
                name="audit_platform_entry_sequence",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.verb} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only and cannot be deleted.")

    @classmethod
    def tenant_filter(cls, tenant: Tenant) -> Q:
        """A tenant's staff see its chain; the platform's chain only in the operator's view."""
        return Q(tenant=tenant)

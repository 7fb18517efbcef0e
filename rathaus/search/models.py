"""Source rows of the full-text index, one per indexed object.

The searchable form sits beside this table and is written in the same transaction: an FTS5
table with pre-stemmed text on SQLite, a generated ``tsvector`` column on PostgreSQL (both
created by migration 0001). Write only through ``rathaus.search.services``. An entry
belongs to a tenant, or to none when its object is shared by all (a catalogue service).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.managers import TenantManager
from rathaus.tenants.models import Tenant


class SearchEntry(models.Model):
    tenant = models.ForeignKey(
        Tenant, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Mandant")
    )
    kind = models.CharField(_("Art"), max_length=100)
    object_id = models.CharField(_("Objekt-ID"), max_length=64)
    title = models.TextField(_("Titel"))
    body = models.TextField(_("Text"), blank=True)
    keywords = models.TextField(_("Schlagwörter"), blank=True)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    objects = TenantManager()

    class Meta:
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"

    @classmethod
    def tenant_filter(cls, tenant: Tenant) -> Q:
        """A tenant finds its own objects and the shared ones (the catalogue of services)."""
        return Q(tenant=tenant) | Q(tenant__isnull=True)

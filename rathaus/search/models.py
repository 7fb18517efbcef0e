"""Source rows of the full-text index, one per indexed object.

The searchable form sits beside this table and is written in the same transaction: an FTS5
table with pre-stemmed text on SQLite, a generated ``tsvector`` column on PostgreSQL (both
created by migration 0001). Write only through ``rathaus.search.services``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("Art"), max_length=100)
    object_id = models.CharField(_("Objekt-ID"), max_length=64)
    title = models.TextField(_("Titel"))
    body = models.TextField(_("Text"), blank=True)
    keywords = models.TextField(_("Schlagwörter"), blank=True)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"

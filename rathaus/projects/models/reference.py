"""The 73 federal Modellprojekte Smart Cities 2019–2021: only what the sources say."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Territory


class ModelProject(models.Model):
    year = models.PositiveSmallIntegerField(_("Staffel"))
    motto = models.CharField(_("Motto der Staffel"), max_length=200, blank=True)
    category = models.CharField(_("Kategorie"), max_length=100)
    name = models.CharField(_("Name laut Quelle"), max_length=200)
    partners = models.CharField(_("Partner laut Quelle"), max_length=500, blank=True)
    states = models.CharField(_("Bundesland"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=60)
    key = models.CharField(_("Schlüssel (AGS)"), max_length=8, blank=True)
    official_name = models.CharField(_("Amtlicher Name"), max_length=200, blank=True)
    sources = models.JSONField(_("Quellen"), default=list)
    territory = models.ForeignKey(
        Territory, models.SET_NULL, null=True, blank=True, related_name="model_projects"
    )

    class Meta:
        verbose_name = _("Modellprojekt Smart Cities")
        verbose_name_plural = _("Modellprojekte Smart Cities")
        ordering = ["year", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="model_project_year_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

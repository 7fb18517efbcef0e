"""Versioned service definitions: a draft can change, a published version never does."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.models import Tenant, TenantOwned


class Definition(TenantOwned):
    """One online service's definition; its versions hold the documents."""

    tenant_from = "authority"

    slug = models.SlugField(_("Kennung"), max_length=64, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    authority = models.ForeignKey(
        "core.Authority",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="definitions",
        verbose_name=_("Behörde"),
        help_text=_("Wer die Definition pflegt; leer bei den mitgelieferten Diensten."),
    )
    reusable = models.BooleanField(
        _("Zur Nachnutzung freigegeben"),
        default=False,
        help_text=_("Andere Behörden können die veröffentlichten Versionen übernehmen."),
    )
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Dienstdefinition")
        verbose_name_plural = _("Dienstdefinitionen")
        ordering = ["slug"]

    @classmethod
    def tenant_filter(cls, tenant: Tenant) -> Q:
        """Its own definitions, the shipped ones (no authority) and those any tenant
        released for reuse (Einer für Alle)."""
        return Q(tenant=tenant) | Q(reusable=True) | Q(authority__isnull=True)

    def __str__(self) -> str:
        return self.title


class PublishedVersionChanged(Exception):
    """Raised when code tries to change or delete a published version."""


class DefinitionVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    definition = models.ForeignKey(Definition, models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    document = models.JSONField(_("Dokument"))
    checksum = models.CharField(max_length=64)
    source = models.CharField(_("Herkunft"), max_length=200, blank=True)
    change = models.CharField(_("Änderung"), max_length=300, blank=True)
    problem_count = models.PositiveIntegerField(_("Probleme"), default=0)
    report = models.JSONField(_("Importbericht"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("Veröffentlicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Version einer Dienstdefinition")
        verbose_name_plural = _("Versionen von Dienstdefinitionen")
        ordering = ["definition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["definition", "number"], name="definition_version")
        ]

    def __str__(self) -> str:
        return f"{self.definition.slug} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk and self._stored_status() == self.Status.PUBLISHED:
            raise PublishedVersionChanged(f"{self} is published and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == self.Status.PUBLISHED:
            raise PublishedVersionChanged(f"{self} is published and cannot be deleted")
        return super().delete(*args, **kwargs)

    def _stored_status(self) -> str | None:
        return DefinitionVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()


class CodeList(models.Model):
    """A code list (genericode, e.g. from FIM or XRepository) whose entries a designer
    can take as the options of a choice; the field keeps the URN and version."""

    urn = models.CharField(_("URN"), max_length=300)
    version = models.CharField(_("Version"), max_length=40, blank=True)
    name = models.CharField(_("Name"), max_length=300)
    options = models.JSONField(_("Einträge"), default=list)
    source = models.CharField(_("Herkunft"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Codeliste")
        verbose_name_plural = _("Codelisten")
        ordering = ["name", "version"]
        constraints = [models.UniqueConstraint(fields=["urn", "version"], name="code_list_version")]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})" if self.version else self.name

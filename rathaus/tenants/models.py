"""Tenants (a Land, later an operator's customer) and the base of every tenant-owned model.

Host names are not stored here: they are deployment facts in one setting
(``RATHAUS_TENANT_HOSTS``, see ``tenants.routing``), read with ``ALLOWED_HOSTS``.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.managers import TenantManager
from rathaus.tenants.scope import ScopeMissing, active_tenant_id, every_tenant

__all__ = ["Tenant", "TenantOwned"]

colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Eine Farbe als #rrggbb, z. B. #005ca9."))


def _lines(value: str) -> list[str]:
    return [line.strip().lower() for line in value.replace(",", "\n").splitlines() if line.strip()]


class Tenant(models.Model):
    """One Land served by the platform: its names, look, languages, contact and legal texts."""

    slug = models.SlugField(
        _("Kürzel"), unique=True, help_text=_("Auch der Pfad-Präfix, z. B. /hamburg/.")
    )
    name = models.CharField(_("Name"), max_length=100)
    land_key = models.CharField(
        _("Landesschlüssel"),
        max_length=2,
        blank=True,
        help_text=_("Amtlicher Regionalschlüssel des Landes, z. B. 06 für Hessen."),
    )
    portal_name = models.CharField(_("Name des Portals"), max_length=100)
    ministry = models.CharField(_("Zuständiges Ministerium"), max_length=200, blank=True)
    smart_region_office = models.CharField(
        _("Geschäftsstelle Smarte Region"), max_length=200, blank=True
    )
    languages = models.CharField(
        _("Sprachen"), max_length=50, default="de,en", help_text=_("Sprachcodes, z. B. de,en.")
    )
    colour = models.CharField(_("Hauptfarbe"), max_length=7, default="#005ca9", validators=[colour])
    contact_email = models.EmailField(_("Kontakt: E-Mail"), blank=True)
    contact_phone = models.CharField(_("Kontakt: Telefon"), max_length=50, blank=True)
    contact_address = models.TextField(_("Kontakt: Anschrift"), blank=True)
    imprint = models.TextField(
        _("Impressum"), blank=True, help_text=_("Leer: das Impressum des Betreibers.")
    )
    privacy = models.TextField(
        _("Datenschutzerklärung"), blank=True, help_text=_("Leer: die des Betreibers.")
    )
    accessibility = models.TextField(
        _("Erklärung zur Barrierefreiheit"), blank=True, help_text=_("Leer: die des Betreibers.")
    )
    active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Mandant")
        verbose_name_plural = _("Mandanten")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["land_key"], condition=~Q(land_key=""), name="tenants_unique_land_key"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def language_codes(self) -> list[str]:
        return _lines(self.languages)


class TenantOwned(models.Model):
    """Base of every tenant-owned model: the tenant field and the scoped default manager.

    A new row takes the tenant of ``tenant_from`` (when the model names one and it is
    set), else the tenant in scope, else saving raises; ``tenant_filter`` says which rows
    a tenant sees (its own; a model may add shared rows).
    """

    tenant = models.ForeignKey(
        Tenant,
        models.PROTECT,
        default=active_tenant_id,
        related_name="+",
        verbose_name=_("Mandant"),
    )

    objects = TenantManager()
    # A relation whose tenant this row always shares ("authority"): set on save.
    tenant_from: ClassVar[str] = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # noqa: ANN201
        source = getattr(self, self.tenant_from, None) if self.tenant_from else None
        if source is not None:
            self.tenant_id = source.tenant_id
        if self.tenant_id is None:
            raise ScopeMissing(f"{self._meta.label} saved without a tenant")
        super().save(*args, **kwargs)

    # Unique fields (slugs) are unique across tenants: check them against every row.
    def _perform_unique_checks(self, unique_checks):  # noqa: ANN001, ANN202
        with every_tenant():
            return super()._perform_unique_checks(unique_checks)  # type: ignore[misc]

    def validate_constraints(self, exclude=None):  # noqa: ANN001, ANN201
        with every_tenant():
            return super().validate_constraints(exclude)

    @classmethod
    def tenant_filter(cls, tenant: Tenant) -> Q:
        return Q(tenant=tenant)

"""The service catalogue: Leistungen, life situations and who offers what where."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Authority, Territory
from rathaus.tenants.models import TenantOwned


class Localized(models.Model):
    """German columns with an optional English twin (``<name>_en``)."""

    class Meta:
        abstract = True

    def localized(self, name: str, language: str) -> str:
        if language == "en":
            return getattr(self, f"{name}_en", "") or getattr(self, name)
        return getattr(self, name)


class LifeSituation(Localized):
    """A Lebenslage that groups services: Familie, Ausweise & Dokumente, ..."""

    slug = models.SlugField(_("Kennung"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    name_en = models.CharField(_("Name (Englisch)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Lebenslage")
        verbose_name_plural = _("Lebenslagen")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Service(Localized):
    """A Leistung as described in the FIM/LeiKa catalogue."""

    class Level(models.TextChoices):
        GEMEINDE = "gemeinde", _("Gemeinde")
        KREIS = "kreis", _("Kreis oder kreisfreie Stadt")
        REGIERUNGSBEZIRK = "regierungsbezirk", _("Regierungspräsidium")
        LAND = "land", _("Land")

    slug = models.SlugField(_("Kennung"), max_length=80, unique=True)
    leika_key = models.CharField(
        _("Leistungsschlüssel (LeiKa)"),
        max_length=14,
        blank=True,
        help_text=_("14 Ziffern laut FIM-Portal; leer, solange er nicht belegt ist."),
    )
    name = models.CharField(_("Name"), max_length=200)
    name_en = models.CharField(_("Name (Englisch)"), max_length=200, blank=True)
    summary = models.TextField(_("Kurzbeschreibung in einfacher Sprache"))
    summary_en = models.TextField(_("Kurzbeschreibung (Englisch)"), blank=True)
    life_situations = models.ManyToManyField(
        LifeSituation, related_name="services", verbose_name=_("Lebenslagen")
    )
    required_documents = models.TextField(_("Erforderliche Unterlagen"), blank=True)
    required_documents_en = models.TextField(_("Unterlagen (Englisch)"), blank=True)
    fees = models.TextField(_("Gebühren"), blank=True)
    fees_en = models.TextField(_("Gebühren (Englisch)"), blank=True)
    processing_time = models.CharField(_("Bearbeitungsdauer"), max_length=200, blank=True)
    processing_time_en = models.CharField(
        _("Bearbeitungsdauer (Englisch)"), max_length=200, blank=True
    )
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=300, blank=True)
    responsible_level = models.CharField(
        _("Zuständige Ebene"), max_length=20, choices=Level.choices
    )
    keywords = models.CharField(_("Suchbegriffe"), max_length=300, blank=True)
    definition_slug = models.SlugField(
        _("Online-Dienst (Definition)"), max_length=64, blank=True,
        help_text=_("Kennung der Dienstdefinition, mit der man online beantragt."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("Leistung")
        verbose_name_plural = _("Leistungen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["leika_key"], condition=~models.Q(leika_key=""), name="unique_leika_key"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def document_list(self, language: str) -> list[str]:
        text = self.localized("required_documents", language)
        return [line.strip(" -•") for line in text.splitlines() if line.strip(" -•")]


class Offer(TenantOwned):
    """A service offered by an authority for a territory (a Gemeinde, Kreis, RB or Land)."""

    tenant_from = "authority"

    service = models.ForeignKey(
        Service, models.CASCADE, related_name="offers", verbose_name=_("Leistung")
    )
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="offers", verbose_name=_("Behörde")
    )
    territory = models.ForeignKey(
        Territory, models.PROTECT, related_name="offers", verbose_name=_("Zuständig für"),
    )  # fmt: skip
    contact = models.CharField(_("Ansprechstelle"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    fee_note = models.CharField(_("Hinweis zu Gebühren vor Ort"), max_length=300, blank=True)
    fee_overrides = models.JSONField(
        _("Abweichende Gebühren"), default=dict, blank=True,
        help_text=_('Gebühr je Kennung der Definition, z. B. {"urkunde": "14.00"}.'),
    )  # fmt: skip
    online = models.BooleanField(_("Online beantragbar"), default=True)

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["service", "territory__key"]
        constraints = [
            models.UniqueConstraint(fields=["service", "territory"], name="one_offer_per_territory")
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.authority} ({self.territory.short_name})"

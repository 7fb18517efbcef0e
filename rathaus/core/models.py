"""Territory (Land > Regierungsbezirk > Kreis > Gemeinde, keyed by AGS) and authorities."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.models import TenantOwned


class Territory(models.Model):
    """One unit of the official territorial hierarchy, identified by its AGS prefix.

    Keys follow the Amtlicher Gemeindeschlüssel: 2 digits for a Land, 3 for a
    Regierungsbezirk, 5 for a Kreis (Landkreis or kreisfreie Stadt), 8 for a Gemeinde.
    Several Länder can live side by side; a Kreis in a Land without Regierungsbezirke
    hangs directly under its Land.
    """

    class Level(models.TextChoices):
        LAND = "land", _("Land")
        REGIERUNGSBEZIRK = "regierungsbezirk", _("Regierungsbezirk")
        KREIS = "kreis", _("Kreis")
        GEMEINDE = "gemeinde", _("Gemeinde")

    key = models.CharField(_("Schlüssel (AGS)"), max_length=8, unique=True)
    regional_key = models.CharField(_("Regionalschlüssel (ARS)"), max_length=12, blank=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("Art"), max_length=60, blank=True)
    name = models.CharField(_("Amtlicher Name"), max_length=120)
    short_name = models.CharField(_("Kurzname"), max_length=120)
    search_name = models.CharField(max_length=120, editable=False)
    seat = models.CharField(_("Verwaltungssitz"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )
    population = models.PositiveIntegerField(_("Einwohner"), null=True, blank=True)
    area_hectares = models.PositiveIntegerField(_("Fläche (ha)"), null=True, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    valid_on = models.DateField(_("Gebietsstand"), null=True, blank=True)

    class Meta:
        verbose_name = _("Gebiet")
        verbose_name_plural = _("Gebiete")
        ordering = ["key"]
        indexes = [models.Index(fields=["level", "search_name"])]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.key})"

    def save(self, *args, **kwargs):
        self.short_name = self.short_name or self.name.split(",")[0].strip()
        self.search_name = self.short_name.casefold()
        super().save(*args, **kwargs)

    @property
    def land_key(self) -> str:
        return self.key[:2]

    def ancestors(self) -> list[Territory]:
        """This territory and its parents, nearest first (Gemeinde, Kreis, RB, Land)."""
        chain: list[Territory] = []
        node: Territory | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Authority(TenantOwned):
    """A Behörde or one of its offices, e.g. "Stadt Darmstadt – Bürgerbüro"."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzkennung"), max_length=100, unique=True)
    territory = models.ForeignKey(
        Territory, models.PROTECT, related_name="authorities", verbose_name=_("Gebiet")
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    street_address = models.CharField(_("Anschrift"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    website = models.URLField(_("Webseite"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    four_eyes_publishing = models.BooleanField(
        _("Vier-Augen-Prinzip bei Online-Diensten"),
        default=False,
        help_text=_("Eine zweite Person gibt frei, was eine Gestalterin geändert hat."),
    )

    class Meta:
        verbose_name = _("Behörde")
        verbose_name_plural = _("Behörden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Feedback(TenantOwned):
    """A message from a visitor: accessibility feedback (§ 12b BGG) or a contact request.

    The reference number (``RH-<year>-<number>``) is shown on the receipt and quoted in
    every reply; it is set once, right after the row is first saved.
    """

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Rückmeldung zur Barrierefreiheit")
        CONTACT = "contact", _("Kontaktanfrage")

    # NULL until the row has a primary key (unique allows many NULLs, not many "").
    reference = models.CharField(  # noqa: DJ001
        _("Vorgangsnummer"), max_length=20, unique=True, null=True, editable=False
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    language = models.CharField(_("Sprache"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    handled = models.BooleanField(_("erledigt"), default=False)
    handled_at = models.DateTimeField(_("Erledigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["handled", "created_at"])]

    def __str__(self) -> str:
        return self.reference or f"{self.get_kind_display()} #{self.pk}"


class PageGeneration(models.Model):
    """How often public content changed, per tenant (``key``: the tenant's id; 0 for
    content every tenant shows). Cached anonymous pages are keyed by both generations, so
    a change makes every page of its tenant render afresh (``core.pagecache``). Kept in
    the database, not the cache: every app process sees a change at once, whatever cache
    each one has."""

    key = models.PositiveIntegerField(primary_key=True)
    generation = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("Seitenstand")
        verbose_name_plural = _("Seitenstände")

    def __str__(self) -> str:
        return f"{self.key}: {self.generation}"


class OutboxTask(models.Model):
    """A background task, written in the transaction that causes it (``core.outbox``).

    Kept until a worker has run it: a process that dies between the commit and the
    enqueue loses nothing, ``manage.py relay_tasks`` enqueues the task again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    run_after = models.DateTimeField(null=True, blank=True)
    # Enqueued again by the relay when no worker has claimed it by then.
    relay_after = models.DateTimeField(db_index=True)
    # A worker running it: set before the run, the row is deleted after it. A claim whose
    # lease ran out (a killed worker) is taken again, at most MAX_ATTEMPTS times in all.
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Aufgabe in Warteschlange")
        verbose_name_plural = _("Aufgaben in Warteschlange")

    def __str__(self) -> str:
        return f"{self.task} ({self.pk})"

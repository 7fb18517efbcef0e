"""An event with its capacity, place and organisers; regions and exhibitors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rathaus.core.models import Authority, Territory
from rathaus.tenants.models import TenantOwned


class EventRegion(TenantOwned):
    """A region events are held for: a Regierungsbezirk or a forum region (Nordhessen, ...)."""

    slug = models.SlugField(_("Kennung"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    territory = models.ForeignKey(
        Territory, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Regierungsbezirk"),
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Veranstaltungsregion")
        verbose_name_plural = _("Veranstaltungsregionen")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Event(TenantOwned):
    class Kind(models.TextChoices):
        REGIONAL_CONFERENCE = "regionalkonferenz", _("Regionalkonferenz")
        REGIONAL_FORUM = "regionalforum", _("Regionalforum")
        WEBINAR = "webinar", _("Webinar")
        CONGRESS = "kongress", _("Kongress")
        WORKSHOP = "workshop", _("Workshop")

    class Format(models.TextChoices):
        IN_PERSON = "praesenz", _("vor Ort")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")
        CANCELLED = "cancelled", _("abgesagt")
        DONE = "done", _("durchgeführt")

    slug = models.SlugField(_("Kennung"), max_length=120, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    format = models.CharField(_("Form"), max_length=20, choices=Format.choices)
    state = models.CharField(_("Status"), max_length=20, choices=State.choices,
                             default=State.DRAFT)  # fmt: skip
    region = models.ForeignKey(
        EventRegion, models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("Region"),
    )  # fmt: skip
    summary = models.TextField(_("Kurzbeschreibung"), max_length=600)
    description = models.TextField(_("Beschreibung (Markdown)"), max_length=20000, blank=True)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    venue = models.CharField(pgettext_lazy("Veranstaltung", "Ort"), max_length=200, blank=True)
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    accessibility = models.TextField(_("Hinweise zur Barrierefreiheit"), max_length=2000,
                                     blank=True)  # fmt: skip
    online_link = models.URLField(
        _("Zugangslink (nur für bestätigte Teilnehmende)"), max_length=500, blank=True
    )
    capacity = models.PositiveIntegerField(_("Plätze"))
    registration_opens_at = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("Anmeldung bis"), null=True, blank=True)
    questions = models.JSONField(
        _("Zusätzliche Fragen"), default=list, blank=True,
        help_text=_("Felder im Format der Dienstdefinitionen (Text, Auswahl, Ja/Nein, ...)."),
    )  # fmt: skip
    organiser = models.ForeignKey(
        Authority, models.PROTECT, related_name="events", verbose_name=_("Veranstalter")
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organised_events",
        verbose_name=_("Organisationsteam"),
    )  # fmt: skip
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="events",
        verbose_name=_("Vorgestellte Projekte"),
    )  # fmt: skip
    attendance = models.PositiveIntegerField(_("Teilnehmende laut Veranstalter"), null=True,
                                             blank=True)  # fmt: skip
    retention_until = models.DateField(
        _("Personenbezogene Daten löschen am"),
        help_text=_("Danach werden Anmeldungen anonymisiert."),
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["state", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def in_person(self) -> bool:
        return self.format != self.Format.ONLINE


class Exhibitor(models.Model):
    """An organisation at the EXPO of a congress."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="exhibitors")
    organisation = models.CharField(_("Organisation"), max_length=200)
    stand = models.CharField(pgettext_lazy("Messestand", "Stand"), max_length=40, blank=True)
    description = models.TextField(_("Beschreibung"), max_length=2000, blank=True)
    contact = models.CharField(_("Kontakt"), max_length=300, blank=True)
    website = models.URLField(_("Webseite"), blank=True)
    materials_url = models.URLField(
        _("Materialien (Link)"), max_length=500, blank=True,
        help_text=_("Broschüren, Präsentationen oder Downloads des Ausstellers."),
    )  # fmt: skip

    class Meta:
        verbose_name = pgettext_lazy("eine Organisation", "Aussteller")
        verbose_name_plural = pgettext_lazy("mehrere Organisationen", "Aussteller")
        ordering = ["organisation"]

    def __str__(self) -> str:
        return self.organisation

"""The programme: sessions with times and rooms, speakers, and materials afterwards."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.events.models.event import Event


class Speaker(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="speakers")
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    profile = models.TextField(_("Kurzprofil"), max_length=2000, blank=True)
    photo = models.ImageField(_("Foto"), upload_to="events/speakers/", blank=True)
    photo_alt = models.CharField(_("Alternativtext des Fotos"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Sprecherin/Sprecher")
        verbose_name_plural = _("Sprecherinnen und Sprecher")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    class Kind(models.TextChoices):
        KEYNOTE = "keynote", _("Keynote")
        PANEL = "panel", _("Podiumsdiskussion")
        WORKSHOP = "workshop", _("Workshop")
        TALK = "vortrag", _("Vortrag")
        BREAK = "pause", _("Pause")

    event = models.ForeignKey(Event, models.CASCADE, related_name="sessions")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=5000, blank=True)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    room = models.CharField(_("Raum oder Stream"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("Plätze (nur Workshops)"), null=True, blank=True,
        help_text=_("Leer: keine eigene Anmeldung."),
    )  # fmt: skip
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="talks",
                                      verbose_name=_("Sprecherinnen und Sprecher"))  # fmt: skip
    moderators = models.ManyToManyField(Speaker, blank=True, related_name="moderated",
                                        verbose_name=_("Moderation"))  # fmt: skip

    class Meta:
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")
        ordering = ["starts_at", "room", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def needs_registration(self) -> bool:
        return self.kind == self.Kind.WORKSHOP and self.capacity is not None

    def overlaps(self, other: Session) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


class Material(models.Model):
    class Kind(models.TextChoices):
        SLIDES = "folien", _("Folien (PDF)")
        VIDEO = "video", _("Video")
        PHOTOS = "fotos", _("Fotos")
        OTHER = "sonstiges", _("Sonstiges")

    session = models.ForeignKey(Session, models.CASCADE, related_name="materials")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="events/materials/", blank=True)
    url = models.URLField(_("Link"), max_length=500, blank=True)
    published = models.BooleanField(_("veröffentlicht"), default=False)

    class Meta:
        verbose_name = _("Material")
        verbose_name_plural = _("Materialien")
        ordering = ["session", "kind", "title"]

    def __str__(self) -> str:
        return self.title

"""A project is an identity with a workflow state; its content lives in revisions.

Municipal staff edit the project's *draft* revision; the Smart Region office publishes it,
after which it becomes the *published* revision and stays in the version history. Changing
a published project starts a new draft from the published content, so the public keeps
seeing the reviewed version until the change is published too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.catalog.models import Localized
from rathaus.core.models import Authority, Territory
from rathaus.tenants.models import TenantOwned


class FieldOfAction(Localized):
    """A Handlungsfeld (Mobilität, Energie & Umwelt, ...): data the office edits."""

    slug = models.SlugField(_("Kennung"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    name_en = models.CharField(_("Name (Englisch)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Technology(models.Model):
    """A technology tag (Sensorik/IoT, LoRaWAN, KI, Open Data, App, ...)."""

    slug = models.SlugField(_("Kennung"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("Technologie")
        verbose_name_plural = _("Technologien")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SizeClass(models.TextChoices):
    """Municipality size by population (BBSR Stadt- und Gemeindetypen), plus Kreis level."""

    LARGE = "gross", _("Großstadt (ab 100.000 Einwohner)")
    MEDIUM = "mittel", _("Mittelstadt (20.000 bis 99.999)")
    SMALL = "klein", _("Kleinstadt (5.000 bis 19.999)")
    RURAL = "land", _("Landgemeinde (unter 5.000)")
    KREIS = "kreis", _("Landkreis")


class Project(TenantOwned):
    tenant_from = "authority"

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("zur Prüfung eingereicht")
        RETURNED = "returned", _("zur Überarbeitung zurückgegeben")
        PUBLISHED = "published", _("veröffentlicht")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    slug = models.SlugField(_("Kennung"), max_length=120, unique=True)
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="projects", verbose_name=_("Eingereicht von")
    )
    state = models.CharField(_("Status"), max_length=20, choices=State.choices)
    draft = models.OneToOneField(
        "ProjectRevision", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published = models.OneToOneField(
        "ProjectRevision", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("Hinweise der Geschäftsstelle"), blank=True)
    is_example = models.BooleanField(
        _("Beispielinhalt"), default=False,
        help_text=_("Erfundenes Beispiel zur Vorführung, kein echtes Projekt."),
    )  # fmt: skip
    adopted_by = models.ManyToManyField(
        Territory, blank=True, related_name="adopted_projects", verbose_name=_("Übernommen von")
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    submit_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    first_published_at = models.DateTimeField(_("Erstmals veröffentlicht"), null=True)
    last_published_at = models.DateTimeField(_("Zuletzt veröffentlicht"), null=True)

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["-first_published_at", "-created_at"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        revision = self.published or self.draft
        return revision.title if revision else self.slug

    @property
    def working(self) -> ProjectRevision | None:
        """The revision staff see: the draft while there is one, else the published one."""
        return self.draft or self.published


class ProjectRevision(models.Model):
    class Status(models.TextChoices):
        IDEA = "idee", _("Idee")
        PLANNING = "planung", _("Planung")
        IMPLEMENTATION = "umsetzung", _("Umsetzung")
        OPERATION = "betrieb", _("Betrieb")
        COMPLETED = "abgeschlossen", _("abgeschlossen")

    class Transferability(models.TextChoices):
        HIGH = "hoch", _("hoch")
        MEDIUM = "mittel", _("mittel")
        LOW = "gering", _("gering")

    project = models.ForeignKey(Project, models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("Version"))
    title = models.CharField(_("Titel"), max_length=160)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=600)
    description = models.TextField(_("Beschreibung"), max_length=20000)
    territories = models.ManyToManyField(
        Territory, related_name="project_revisions", verbose_name=_("Kommunen")
    )
    fields = models.ManyToManyField(
        FieldOfAction, related_name="revisions", verbose_name=_("Handlungsfelder")
    )
    technologies = models.ManyToManyField(
        Technology, blank=True, related_name="revisions", verbose_name=_("Technologien")
    )
    status = models.CharField(_("Projektstand"), max_length=20, choices=Status.choices)
    started_on = models.DateField(_("Beginn"), null=True, blank=True)
    ended_on = models.DateField(_("Ende"), null=True, blank=True)
    budget = models.DecimalField(
        _("Budget (Euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(_("Finanzierung und Förderung"), max_length=300, blank=True)
    partners = models.TextField(_("Partner"), max_length=2000, blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)
    contact_consent = models.BooleanField(_("Kontakt darf veröffentlicht werden"), default=False)
    results = models.TextField(_("Ergebnisse"), max_length=10000, blank=True)
    lessons_learned = models.TextField(_("Erfahrungen (Lessons Learned)"), max_length=10000,
                                       blank=True)  # fmt: skip
    transferability = models.CharField(
        _("Übertragbarkeit"), max_length=10, choices=Transferability.choices
    )
    transfer_requirements = models.TextField(
        _("Was eine Kommune zur Übernahme braucht"), max_length=5000, blank=True
    )
    links = models.TextField(
        _("Links"), max_length=4000, blank=True,
        help_text=_("Ein Link je Zeile: Adresse, dann optional | und ein Titel."),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)
    published_at = models.DateTimeField(_("Veröffentlicht am"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Projektversion")
        verbose_name_plural = _("Projektversionen")
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="project_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


def _media_path(instance: RevisionImage | RevisionDocument, filename: str) -> str:
    return f"projects/{instance.revision.project_id}/{filename}"


class RevisionImage(models.Model):
    """An image, already re-encoded and resized; rows are copied into a new draft, files not."""

    revision = models.ForeignKey(ProjectRevision, models.CASCADE, related_name="images")
    file = models.ImageField(_("Bild"), upload_to=_media_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("Alternativtext"), max_length=300)
    caption = models.CharField(_("Bildunterschrift und Urheber"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class RevisionDocument(models.Model):
    revision = models.ForeignKey(ProjectRevision, models.CASCADE, related_name="documents")
    file = models.FileField(_("Dokument"), upload_to=_media_path)
    title = models.CharField(_("Titel"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

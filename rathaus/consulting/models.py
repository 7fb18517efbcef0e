"""Consulting requests: a municipality asks a consulting partner for free advice on its
digitalisation; the partner's staff move the request through its statuses.

Topics and partners are data the Smart Region office edits in the admin. The history of
a request (``ConsultingEvent``) is append-only; the requester sees the events marked
``visible_to_requester`` as the timeline of the request. Notes are internal.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Authority, Territory
from rathaus.tenants.models import TenantOwned
from rathaus.workflow.models import AppendOnly

DESCRIPTION_MAX_LENGTH = 3000
FEEDBACK_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 5000


class ConsultingTopic(models.Model):
    """One topic of the list the municipality picks from, e.g. "Open Data"."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    name_en = models.CharField(_("Name (Englisch)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Beratungsthema")
        verbose_name_plural = _("Beratungsthemen")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def label(self, language: str) -> str:
        """The name in ``language`` (English when given), else the German one."""
        return self.name_en if language.startswith("en") and self.name_en else self.name


class ConsultingPartner(TenantOwned):
    """An organisation that answers consulting requests for the regions it serves.

    Its staff are the users with a ``consultant`` membership in ``organisation``. With no
    regions it serves the whole Land of its organisation.
    """

    name = models.CharField(_("Name"), max_length=200)
    organisation = models.ForeignKey(
        Authority,
        models.PROTECT,
        related_name="consulting_partners",
        verbose_name=_("Organisation"),
        help_text=_("Die Mitarbeitenden sind Mitglieder dieser Organisation mit der Rolle "
                    "„Beratungspartner“."),
    )  # fmt: skip
    contact_email = models.EmailField(
        _("Kontakt-E-Mail"), help_text=_("Erhält eine Nachricht bei jeder neuen Anfrage.")
    )
    regions = models.ManyToManyField(
        Territory,
        blank=True,
        related_name="+",
        limit_choices_to={"level__in": ["regierungsbezirk", "kreis"]},
        verbose_name=_("Regionen"),
        help_text=_("Regierungsbezirke oder Kreise. Leer: das ganze Land."),
    )
    is_default = models.BooleanField(
        _("Standardpartner"),
        default=False,
        help_text=_("Erhält Anfragen, für deren Gemeinde kein anderer Partner zuständig ist."),
    )
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Beratungspartner")
        verbose_name_plural = _("Beratungspartner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="consulting_partner_one_default",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    RECEIVED = "eingegangen", _("Eingegangen")
    ASSIGNED = "zugewiesen", _("Zugewiesen")
    APPOINTMENT = "termin_vereinbart", _("Termin vereinbart")
    CLOSED = "abgeschlossen", _("Abgeschlossen")


class ConsultingRequest(TenantOwned):
    """One request of a municipality (reference ``BE-<year>-<number>``)."""

    # NULL until the row has a primary key (unique allows many NULLs, not many "").
    reference = models.CharField(  # noqa: DJ001
        _("Vorgangsnummer"), max_length=20, unique=True, null=True, editable=False
    )
    municipality = models.ForeignKey(
        Territory, models.PROTECT, related_name="+", verbose_name=_("Kommune")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="consulting_requests",
        verbose_name=_("Angefragt von"),
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    topic = models.ForeignKey(
        ConsultingTopic, models.PROTECT, related_name="requests", verbose_name=_("Thema")
    )
    description = models.TextField(_("Anliegen"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    project = models.ForeignKey(
        "projects.Project", models.SET_NULL, null=True, blank=True,
        related_name="consulting_requests", verbose_name=_("Projekt"),
    )  # fmt: skip
    preferred_date_1 = models.DateField(_("Wunschtermin 1"), null=True, blank=True)
    preferred_date_2 = models.DateField(_("Wunschtermin 2"), null=True, blank=True)
    preferred_date_3 = models.DateField(_("Wunschtermin 3"), null=True, blank=True)
    partner = models.ForeignKey(
        ConsultingPartner,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("Beratungspartner"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_consulting_requests",
        verbose_name=_("Zuständig"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    appointment_at = models.DateTimeField(_("Termin"), null=True, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submit_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    closed_at = models.DateTimeField(_("Abgeschlossen am"), null=True, blank=True)
    feedback_rating = models.PositiveSmallIntegerField(
        _("Bewertung"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feedback_text = models.TextField(_("Rückmeldung"), max_length=FEEDBACK_MAX_LENGTH, blank=True)
    feedback_at = models.DateTimeField(_("Rückmeldung am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("Anonymisiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Beratungsanfrage")
        verbose_name_plural = _("Beratungsanfragen")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partner", "status", "created_at"]),
            models.Index(fields=["requester", "created_at"]),
            models.Index(fields=["status", "closed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(feedback_rating__isnull=True)
                | Q(feedback_rating__gte=1, feedback_rating__lte=5),
                name="consulting_request_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"{_('Beratungsanfrage')} #{self.pk}"

    @property
    def preferred_dates(self) -> list:
        dates = (self.preferred_date_1, self.preferred_date_2, self.preferred_date_3)
        return [d for d in dates if d is not None]

    @property
    def has_feedback(self) -> bool:
        return self.feedback_at is not None


class ConsultingEvent(AppendOnly):
    """One entry of a request's history; never edited (the ORM refuses an update)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Anfrage eingegangen")
        ASSIGNED = "assigned", _("Zugewiesen")
        STATUS = "status", _("Status geändert")
        PARTNER = "partner", _("Beratungspartner festgelegt")
        FEEDBACK = "feedback", _("Rückmeldung gegeben")

    request = models.ForeignKey(ConsultingRequest, models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appointment_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)
    visible_to_requester = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request} – {self.get_kind_display()}"


class ConsultingNote(models.Model):
    """An internal note of the partner or the office; the requester never sees it."""

    request = models.ForeignKey(ConsultingRequest, models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("Notiz"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Interne Notiz")
        verbose_name_plural = _("Interne Notizen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request} – {self.created_at:%Y-%m-%d}"

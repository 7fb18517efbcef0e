"""Cases: the back-office side of a submission, moved through its workflow (workflow.py).

A case belongs to exactly one submission and one authority. Its history is append-only
(``CaseEvent``); the citizen sees the events marked ``visible_to_citizen``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rathaus.cases.workflow import workflow_of
from rathaus.core.models import Authority
from rathaus.tenants.models import TenantOwned
from rathaus.workflow.services import AppendOnly

EVENT_LABELS = {
    "created": _("Antrag eingegangen"),
    "note": _("Interne Notiz"),
    "assignment": _("Zugewiesen"),
    "download": _("Anhang geöffnet"),
    "message": _("Nachricht der antragstellenden Person"),
    "acknowledged": _("Empfang durch Fachverfahren bestätigt"),
}


class Case(TenantOwned):
    tenant_from = "submission"
    submission = models.OneToOneField(
        "submissions.Submission", models.PROTECT, related_name="case", verbose_name=_("Antrag")
    )
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="cases", verbose_name=_("Behörde")
    )
    state = models.CharField(_("Status"), max_length=40)
    workflow = models.CharField(max_length=64, default="default")
    version = models.PositiveIntegerField(default=1)  # optimistic locking
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("Zuständig"),
    )
    state_since = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("Frist"), null=True, blank=True)
    outcome = models.CharField(_("Ergebnis"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Vorgang")
        verbose_name_plural = _("Vorgänge")
        ordering = ["-created_at"]
        indexes = [
            # The tenant too: the inbox's count per state (every query carries the
            # tenant's filter) reads this index alone, never the table.
            models.Index(fields=["authority", "state", "tenant", "created_at"]),
            models.Index(fields=["authority", "created_at", "id"]),
            models.Index(fields=["assignee", "state"]),
        ]

    def __str__(self) -> str:
        return str(self.submission)

    def get_state_label(self) -> str:
        return workflow_of(self).state(self.state).title(get_language())

    @property
    def is_overdue(self) -> bool:
        if not self.due_at or self.due_at >= timezone.now():
            return False
        return not workflow_of(self).state(self.state).final


class CaseEvent(AppendOnly):
    """One entry of a case's history; never edited, never deleted."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=40)  # created, transition, note, assignment, download
    transition = models.CharField(max_length=64, blank=True)
    state = models.CharField(_("Status"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visible_to_citizen = models.BooleanField(default=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.kind} → {self.state}"

    def get_kind_label(self) -> str:
        if self.kind == "transition":
            return workflow_of(self.case).state(self.state).title(get_language())
        return str(EVENT_LABELS.get(self.kind, self.kind))


class ApiToken(TenantOwned):
    """A specialist system's access to the cases of one authority (only the SHA-256 of the
    token is stored; the token is shown once when it is created)."""

    tenant_from = "authority"

    authority = models.ForeignKey(
        Authority, models.CASCADE, related_name="api_tokens", verbose_name=_("Behörde")
    )
    name = models.CharField(_("Name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API-Zugang")
        verbose_name_plural = _("API-Zugänge")

    def __str__(self) -> str:
        return f"{self.authority} – {self.name}"

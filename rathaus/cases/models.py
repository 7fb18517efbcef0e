"""Cases: the back-office side of a submission. Issue 5 adds the workflow on top.

A case belongs to exactly one submission and one authority. Its history is append-only
(``CaseEvent``); the citizen sees the events marked ``visible_to_citizen``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Authority


class Case(models.Model):
    submission = models.OneToOneField(
        "submissions.Submission", models.PROTECT, related_name="case", verbose_name=_("Antrag")
    )
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="cases", verbose_name=_("Behörde")
    )
    state = models.CharField(_("Status"), max_length=40)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Vorgang")
        verbose_name_plural = _("Vorgänge")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["authority", "state", "created_at"])]

    def __str__(self) -> str:
        return str(self.submission)


class CaseEvent(models.Model):
    """One entry of a case's history; never edited, never deleted."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=40)
    state = models.CharField(_("Status"), max_length=40)
    visible_to_citizen = models.BooleanField(default=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.kind} → {self.state}"

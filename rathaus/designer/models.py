"""A designer's test application ("Testlauf"): the draft filled in and submitted as a
citizen would, kept apart from real applications so it never reaches a clerk, and
deleted after a day (``TRIAL_HOURS``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.definitions.models import DefinitionVersion

TRIAL_HOURS = 24


class TrialRun(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(DefinitionVersion, models.CASCADE, related_name="trial_runs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict)
    completed_steps = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Testlauf")
        verbose_name_plural = _("Testläufe")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"Testlauf {self.version} ({self.created_at:%d.%m.%Y %H:%M})"

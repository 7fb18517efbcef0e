"""History that is only ever appended to, and the kernel's own history table.

``AppendOnly`` is the base of every history model (case events, consulting events, the
kernel's ``StateChange``): saving an existing row raises, so a history entry cannot be
edited through the ORM. Rows go away only with what they belong to (retention), and
anonymisation blanks personal fields with a queryset ``update`` on purpose.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HistoryIsAppendOnly(ValueError):
    pass


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryIsAppendOnly(f"{type(self).__name__} is append-only history")
        super().save(*args, **kwargs)


class StateChange(AppendOnly):
    """One transition of an object whose app keeps no history model of its own."""

    target_type = models.CharField(max_length=100)  # app_label.model
    target_id = models.CharField(max_length=64)
    workflow = models.CharField(max_length=64)
    transition = models.CharField(max_length=64)
    from_state = models.CharField(max_length=40)
    to_state = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Statuswechsel")
        verbose_name_plural = _("Statuswechsel")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.target_type}:{self.target_id} {self.from_state} → {self.to_state}"

"""The citizen's postbox: messages from authorities (with files) and the citizen's replies."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.models import TenantOwned


class Message(TenantOwned):
    tenant_from = "submission"

    class Direction(models.TextChoices):
        TO_CITIZEN = "to_citizen", _("an Bürgerin oder Bürger")
        FROM_CITIZEN = "from_citizen", _("von Bürgerin oder Bürger")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="postbox_messages"
    )
    direction = models.CharField(max_length=20, choices=Direction.choices)
    # The organisation's postbox: its members read it by role, whoever ``owner`` was.
    organisation = models.ForeignKey(
        "organisations.Organisation", models.PROTECT, null=True, blank=True,
        related_name="postbox_messages",
    )  # fmt: skip
    submission = models.ForeignKey(
        "submissions.Submission",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    in_reply_to = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    sender_name = models.CharField(_("Absender"), max_length=200)
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Nachricht"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "direction", "read_at"])]

    def __str__(self) -> str:
        return self.subject


class MessageFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(Message, models.CASCADE, related_name="files")
    file = models.FileField(upload_to="postbox/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name

"""Login failure counters (brute-force lockout), TOTP devices and recovery codes."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginFailureRecord(models.Model):
    """Failed logins for one normalized e-mail address, known to us or not.

    Rows exist for unknown addresses too, so that the lockout behaves the same whether
    an account exists or not and nobody learns which addresses are registered.
    """

    email = models.CharField(_("E-Mail-Adresse (normalisiert)"), max_length=254, unique=True)
    failure_count = models.PositiveIntegerField(_("Fehlversuche im Zeitfenster"), default=0)
    window_started_at = models.DateTimeField(_("Zeitfenster seit"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("Letzter Fehlversuch"), null=True, blank=True)
    locked_until = models.DateTimeField(_("Gesperrt bis"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("Fehlgeschlagene Anmeldungen")
        verbose_name_plural = _("Fehlgeschlagene Anmeldungen")
        ordering = ["-last_failure_at"]

    def __str__(self) -> str:
        return self.email

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


class TOTPDevice(models.Model):
    """A time-based one-time password generator (authenticator app) of one user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="totp_device",
        verbose_name=_("Benutzer"),
    )
    secret = models.CharField(_("Geheimnis"), max_length=64)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    last_used_counter = models.BigIntegerField(
        _("Zuletzt verwendeter Zeitschritt"),
        default=-1,
        help_text=_("Ein Code kann nur einmal verwendet werden."),
    )
    last_used_at = models.DateTimeField(_("Zuletzt verwendet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Authenticator-App")
        verbose_name_plural = _("Authenticator-Apps")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code to log in when the authenticator app is lost; only its hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="recovery_codes",
        verbose_name=_("Benutzer"),
    )
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    used_at = models.DateTimeField(_("Verwendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Wiederherstellungscode")
        verbose_name_plural = _("Wiederherstellungscodes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "code_hash"], name="authentication_recovery_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} #{self.pk}"

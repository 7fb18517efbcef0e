"""Login throttle counters, TOTP devices and recovery codes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathaus.core.ratelimit import AbstractBucket


class LoginFailureRecord(AbstractBucket):
    """One counter of the login throttle (:mod:`rathaus.authentication.throttle`): failed
    logins of one account from one client address, of one client address across
    accounts, or of one account from anywhere; and the unlock mails sent for one account.

    Counters exist for unknown addresses too, so that the throttle behaves the same
    whether an account exists or not and nobody learns which addresses are registered.
    """

    class Meta:
        verbose_name = _("Fehlgeschlagene Anmeldungen")
        verbose_name_plural = _("Fehlgeschlagene Anmeldungen")
        ordering = ["-last_hit_at"]


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

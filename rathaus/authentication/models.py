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


class ExternalIdentity(models.Model):
    """A person's identity at an identity provider (BundID by SAML, a Land's or an
    organisation's account by OpenID Connect), linked to one user account.

    ``issuer`` and ``subject`` identify the person at the provider (SAML: the IdP's entity
    ID and the persistent NameID or bPK2; OIDC: ``iss`` and ``sub``). A link is made only
    by a first login that creates a new account or proves the password of an existing
    one, never by a matching e-mail address.
    """

    class Method(models.TextChoices):
        SAML = "saml", _("SAML 2.0 (BundID)")
        OIDC = "oidc", _("OpenID Connect")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="external_identities",
        verbose_name=_("Benutzer"),
    )
    method = models.CharField(_("Verfahren"), max_length=10, choices=Method.choices)
    issuer = models.CharField(_("Identitätsanbieter"), max_length=500)
    subject = models.CharField(_("Kennung beim Identitätsanbieter"), max_length=500)
    provider = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    attributes = models.JSONField(
        _("Zuletzt bestätigte Angaben"),
        default=dict,
        blank=True,
        help_text=_("Was der Identitätsanbieter bei der letzten Anmeldung bestätigt hat."),
    )
    level = models.PositiveSmallIntegerField(_("Zuletzt erreichtes Vertrauensniveau"), default=0)
    linked_at = models.DateTimeField(_("Verbunden am"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("Zuletzt angemeldet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Verbundene Anmeldung")
        verbose_name_plural = _("Verbundene Anmeldungen")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="authentication_external_identity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider or self.issuer}: {self.user}"


class SamlRequest(models.Model):
    """One AuthnRequest sent to an IdP, usable once.

    The IdP's answer comes back by a cross-site POST that carries no session cookie
    (SameSite=Lax), so what the answer must match is kept here: the request ID (its
    ``InResponseTo``), the tenant, where the person goes next, and a hash of a key only
    the starting browser's session knows. The assertion consumer stores the checked
    result and the ID of the assertion it accepted (unique: a replayed assertion is
    refused); the browser then fetches the result with its session (``claimed_at``).
    """

    request_id = models.CharField(max_length=100, unique=True)
    tenant_slug = models.SlugField(max_length=50)
    next_url = models.CharField(max_length=2000, blank=True)
    required_level = models.PositiveSmallIntegerField(default=0)
    browser_key_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    assertion_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    result = models.JSONField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SAML-Anfrage")
        verbose_name_plural = _("SAML-Anfragen")

    def __str__(self) -> str:
        return self.request_id

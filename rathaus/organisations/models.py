"""Organisation accounts: a company, an association or a municipality as an applicant.

An organisation is shared by every tenant (a company applies in Hessen and in Hamburg
with one account). Its members have one role each; what the organisation applied for,
its postbox and its documents belong to it and stay when a member leaves.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPANY = "company", _("Unternehmen")
    ASSOCIATION = "association", _("Verein oder Verband")
    MUNICIPALITY = "municipality", _("Kommune")


class RegisterType(models.TextChoices):
    """The German registers a company or association is entered in."""

    HRA = "HRA", _("Handelsregister Abteilung A (HRA)")
    HRB = "HRB", _("Handelsregister Abteilung B (HRB)")
    GNR = "GnR", _("Genossenschaftsregister (GnR)")
    PR = "PR", _("Partnerschaftsregister (PR)")
    VR = "VR", _("Vereinsregister (VR)")


class MemberRole(models.TextChoices):
    """Ordered by what they allow: each role may do what the ones after it may."""

    ADMIN = "admin", _("Verwaltung: Mitglieder und Angaben")
    APPLY = "apply", _("Anträge stellen und Post beantworten")
    READ = "read", _("Anträge und Post lesen")


RANK = {MemberRole.READ: 1, MemberRole.APPLY: 2, MemberRole.ADMIN: 3}


def role_allows(role: str, needed: str) -> bool:
    """Whether ``role`` may do what ``needed`` may (admin ⊇ apply ⊇ read)."""
    return RANK.get(MemberRole(role), 0) >= RANK[MemberRole(needed)] if role else False


class Organisation(models.Model):
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=200)
    register_type = models.CharField(
        _("Register"), max_length=3, choices=RegisterType.choices, blank=True
    )
    register_court = models.CharField(
        _("Registergericht"), max_length=100, blank=True,
        help_text=_("Zum Beispiel „Amtsgericht Darmstadt“."),
    )  # fmt: skip
    register_number = models.CharField(_("Registernummer"), max_length=20, blank=True)
    authority = models.OneToOneField(
        "core.Authority",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("Verwaltung im Behördenverzeichnis"),
        help_text=_("Nur für Kommunen: die Verwaltung, für die die Mitglieder handeln."),
    )
    street = models.CharField(_("Straße"), max_length=120, blank=True)
    house_number = models.CharField(_("Hausnummer"), max_length=20, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    email = models.EmailField(_("E-Mail-Adresse der Organisation"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="municipality", authority__isnull=False)
                | (~Q(kind="municipality") & Q(authority__isnull=True)),
                name="organisations_authority_iff_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def register_entry(self) -> str:
        """ "HRB 12345, Amtsgericht Darmstadt" or empty."""
        if not self.register_number:
            return ""
        entry = f"{self.register_type} {self.register_number}".strip()
        return f"{entry}, {self.register_court}" if self.register_court else entry

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.kind == Kind.MUNICIPALITY and self.authority_id is None:
            errors["authority"] = _("Eine Kommune braucht ihre Verwaltung.")
        if self.kind != Kind.MUNICIPALITY and self.authority_id is not None:
            errors["authority"] = _("Nur eine Kommune ist mit einer Verwaltung verbunden.")
        if self.kind == Kind.COMPANY and not self.register_number:
            errors["register_number"] = _(
                "Bitte geben Sie die Registernummer aus dem Handelsregister an."
            )
        if self.register_number:
            if not self.register_type:
                errors["register_type"] = _("Bitte wählen Sie das Register.")
            if not self.register_court:
                errors["register_court"] = _("Bitte geben Sie das Registergericht an.")
        if errors:
            raise ValidationError(errors)


class Member(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="organisation_memberships"
    )
    role = models.CharField(_("Rolle"), max_length=10, choices=MemberRole.choices)
    joined_at = models.DateTimeField(_("Mitglied seit"), default=timezone.now)

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisations_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class Invitation(models.Model):
    """An invitation by e-mail; only the hash of its link's token is stored."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="invitations")
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(_("Rolle"), max_length=10, choices=MemberRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("email"),
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="organisations_one_open_invitation",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def open(self) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > timezone.now()
        )

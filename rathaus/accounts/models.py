"""Users (login by e-mail), the citizen's Servicekonto profile and staff memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import (
    AbstractBaseUser,
    AnonymousUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.tenants.models import TenantOwned


def normalize_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively; we store them lower-cased."""
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalize_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_verified_at", timezone.now())
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Every person who logs in: citizens and staff alike. Roles come from memberships."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(
        _("Zugang zur Plattformverwaltung"),
        default=False,
        help_text=_("Darf die Django-Verwaltungsoberfläche öffnen."),
    )
    date_joined = models.DateTimeField(_("registriert am"), default=timezone.now)
    email_verified_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    # Whether a staff membership or a registered staff source makes her staff
    # (``accounts.services.is_staff_member``), kept so that the check costs no query on
    # every request. NULL means not known: the next check asks the database and stores the
    # answer. Every change of a staff source resets it to NULL in its own transaction
    # (``accounts.services.forget_staff_status``); ``save()`` never writes it back.
    staff_cache = models.BooleanField(null=True, default=None, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("Benutzer")
        verbose_name_plural = _("Benutzer")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save as usual, except that an existing row keeps its ``staff_cache``: the value
        this instance holds may be older than a change of her memberships since it was
        loaded, and only ``accounts.services.is_staff_member`` stores a fresh one."""
        if not self._state.adding and not kwargs.get("force_insert"):
            fields = kwargs.get("update_fields")
            if fields is None:
                deferred = self.get_deferred_fields()
                fields = [
                    field.attname
                    for field in self._meta.concrete_fields
                    if not field.primary_key and field.attname not in deferred
                ]
            kwargs["update_fields"] = [name for name in fields if name != "staff_cache"]
        super().save(*args, **kwargs)

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


class CitizenProfile(models.Model):
    """The Servicekonto data of a citizen, used later to prefill applications."""

    user = models.OneToOneField(User, models.CASCADE, related_name="citizen_profile")
    given_names = models.CharField(_("Vorname(n)"), max_length=120, blank=True)
    family_name = models.CharField(_("Familienname"), max_length=120, blank=True)
    birth_date = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    street = models.CharField(_("Straße"), max_length=120, blank=True)
    house_number = models.CharField(_("Hausnummer"), max_length=20, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "core.Territory",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": "gemeinde"},
        verbose_name=_("Gemeinde"),
    )
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Servicekonto-Profil")
        verbose_name_plural = _("Servicekonto-Profile")

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}".strip() or self.user.email


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Bürgerin/Bürger")
    CLERK = "clerk", _("Sachbearbeitung")
    DESIGNER = "designer", _("Dienstgestaltung")
    PUBLISHER = "publisher", _("Freigabe von Online-Diensten")
    SMART_REGION = "smart_region", _("Smart-Region-Geschäftsstelle")
    CONSULTANT = "consultant", _("Beratungspartner")
    PLATFORM_ADMIN = "platform_admin", _("Plattformadministration")
    TENANT_ADMIN = "tenant_admin", _("Landesadministration")


class Membership(TenantOwned):
    """A staff role of a user in one authority (clerk, service designer, Smart Region)."""

    tenant_from = "authority"

    STAFF_ROLES = [Role.CLERK, Role.DESIGNER, Role.PUBLISHER, Role.SMART_REGION, Role.CONSULTANT,
                   Role.TENANT_ADMIN]  # fmt: skip

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    authority = models.ForeignKey(
        "core.Authority", models.CASCADE, related_name="memberships", verbose_name=_("Behörde")
    )
    role = models.CharField(
        _("Rolle"),
        max_length=20,
        choices=[(r.value, r.label) for r in STAFF_ROLES],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "authority", "role"], name="accounts_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.authority}"


# Who does something: a user, an anonymous visitor, or nobody (the system, a specialist
# system through the API). Services that accept any of them take an ``Actor``.
type Actor = User | AnonymousUser | None


def user_of(actor: Actor) -> User | None:
    """The user to name (in a history row, as an author): ``None`` for anonymous and system."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None

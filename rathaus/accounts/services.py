"""Public operations of the accounts app.

Roles of a user and who counts as staff; registration with e-mail verification; e-mail
change; the Servicekonto profile; the demo-friendly ``create_citizen`` / ``create_staff``.
Every operation that changes state opens its transaction, writes the audit entry and
sends its mails only once the transaction has committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, Model, QuerySet
from django.db.models.signals import post_save, pre_delete, pre_save
from django.template.loader import render_to_string
from django.utils import timezone

from rathaus.accounts.models import CitizenProfile, Membership, Role, User, normalize_email
from rathaus.audit.services import log_action
from rathaus.core.branding import branding
from rathaus.core.mail import absolute_link, send_mail_after_commit
from rathaus.core.models import Authority
from rathaus.core.registry import Registry

__all__ = [
    "sign_token",
    "unsign_token",
    "roles_of",
    "is_staff_member",
    "STAFF_SOURCES",
    "keep_staff_status",
    "forget_staff_status",
    "watch_staff_source",
    "is_smart_region_office",
    "authorities_of",
    "memberships_of",
    "citizen_profile_of",
    "portal_name",
    "send_account_mail",
    "TokenResult",
    "register_citizen",
    "resend_verification",
    "verification_link_state",
    "verify_email",
    "request_email_change",
    "email_change_link_state",
    "confirm_email_change",
    "PROFILE_FIELDS",
    "update_profile",
    "create_citizen",
    "create_staff",
]

logger = logging.getLogger(__name__)

PROFILE_FIELDS = (
    "given_names",
    "family_name",
    "birth_date",
    "street",
    "house_number",
    "postal_code",
    "city",
    "municipality",
    "phone",
)
_VERIFY_SALT = "rathaus.accounts.verify-email"
_CHANGE_SALT = "rathaus.accounts.change-email"
# --- Roles -------------------------------------------------------------------------------


def roles_of(user: User, memberships: list[Membership] | None = None) -> set[Role]:
    """Every role a user holds. A verified account with no staff role is a citizen.

    ``memberships``: her memberships in this tenant when the caller has them already
    (``memberships_of``), which saves asking the database again."""
    if not user.is_authenticated:
        return set()
    held = (
        user.memberships.values_list("role", flat=True)
        if memberships is None
        else [membership.role for membership in memberships]
    )
    roles = {Role(r) for r in held}
    if user.is_superuser:
        roles.add(Role.PLATFORM_ADMIN)
    if not roles:
        roles.add(Role.CITIZEN)
    return roles


def is_smart_region_office(user: User) -> bool:
    """The state's Smart Region office (or a platform administrator): it runs the project
    database, the consulting programme and the events."""
    roles = roles_of(user)
    return Role.SMART_REGION in roles or Role.PLATFORM_ADMIN in roles


# Who else works for public administration and so counts as staff (second factor, the
# staff pages): higher apps register a function of the user giving the rows that make her
# staff, in ``ready()`` (organisations: memberships of a municipality), and watch every
# model that function reads with ``watch_staff_source`` (the answer is kept on the user
# row). All are asked in one query with the memberships.
STAFF_SOURCES: Registry[Callable[[User], QuerySet[Any]]] = Registry("staff source")


def is_staff_member(user: User) -> bool:
    """Staff must use a second factor: members of an authority (in any tenant, whichever
    portal they sign in on), admins, admin-site users, and whoever a registered staff
    source names.

    The answer of the memberships and sources is kept on the user row (``staff_cache``,
    loaded with the user on every request; stored at login by ``keep_staff_status``), so
    most checks ask no database. Not known (a change since): asked, not stored, as a
    GET never writes."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if user.staff_cache is not None:
        return user.staff_cache
    return _asked(user)


def _asked(user: User) -> bool:
    """What the memberships and staff sources say, in one query."""
    staff: Any = Exists(Membership._base_manager.filter(user=user))
    for source in STAFF_SOURCES.values():
        staff |= Exists(source(user))
    return User._base_manager.filter(pk=user.pk).filter(staff).exists()


def keep_staff_status(user: User, **signal: Any) -> None:
    """Ask the memberships and staff sources and keep the answer on the user row (at
    login, which writes anyway: ``AccountsConfig.ready`` connects it to
    ``user_logged_in``).

    Fail-safe against a change committed meanwhile: the user row is locked first, and
    every change of a staff source resets ``staff_cache`` with an update of that row in its
    own transaction (``forget_staff_status``). So either the change has committed before
    the lock is granted (and the query below sees it), or it resets the row after this
    answer is stored."""
    if not user.is_authenticated or user.pk is None:
        return
    row = User._base_manager.filter(pk=user.pk)
    with transaction.atomic():
        if row.select_for_update().values_list("staff_cache", flat=True).first() is not None:
            return
        row.filter(staff_cache__isnull=True).update(staff_cache=_asked(user))


def forget_staff_status(users: QuerySet[User] | Iterable[int]) -> None:
    """Forget the kept staff status of these users (a queryset or primary keys): their next
    check asks the database. Call it in the transaction that changes what makes them staff
    without saving or deleting a watched model (``watch_staff_source``)."""
    rows = User._base_manager.all()
    if isinstance(users, QuerySet):
        rows = rows.filter(pk__in=users.values_list("pk", flat=True))
    else:
        rows = rows.filter(pk__in=list(users))
    # Every row, also those already NULL: the update locks them, which orders this change
    # with an answer being stored meanwhile (``keep_staff_status``).
    rows.update(staff_cache=None)


def watch_staff_source(model: type[Model], path: str) -> None:
    """Forget the staff status of everyone a row of ``model`` concerns whenever such a row
    is saved (the people before and after the change) or deleted, in the same transaction.

    ``path``: the lookup from ``User`` to ``model`` (``"memberships"``,
    ``"organisation_memberships__organisation"``). Changes that bypass ``save()`` and
    ``delete()`` (``QuerySet.update``, ``bulk_create``) must call ``forget_staff_status``.
    """
    lookup = f"{path}__pk"
    uid = f"rathaus.accounts.staff.{model._meta.label_lower}"

    def forget(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        # before a save: the people the stored row names; after it: those it names now;
        # before a delete: those it named (an organisation's members are still there)
        if instance.pk is not None:
            forget_staff_status(User._base_manager.filter(**{lookup: instance.pk}))

    signals = (("pre_save", pre_save), ("post_save", post_save), ("pre_delete", pre_delete))
    for name, signal in signals:
        signal.connect(forget, sender=model, weak=False, dispatch_uid=f"{uid}.{name}")


def authorities_of(user: User, role: Role | None = None):
    """The authorities a user belongs to, optionally for one role only."""
    memberships = Membership.objects.filter(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return Authority.objects.filter(memberships__in=memberships).distinct()


def citizen_profile_of(user: User) -> CitizenProfile | None:
    """The Servicekonto data with its Gemeinde, or None before any was entered."""
    if not user.is_authenticated:
        return None
    return CitizenProfile.objects.select_related("municipality").filter(user=user).first()


def memberships_of(user: User) -> list[Membership]:
    """The user's staff memberships with their authorities, ordered for display."""
    if not user.is_authenticated:
        return []
    queryset = Membership.objects.filter(user=user).select_related("authority")
    return list(queryset.order_by("authority__name", "role"))


# --- Mail --------------------------------------------------------------------------------


def portal_name() -> str:
    """The portal's name for mails and authenticator apps, e.g. "Rathaus Hessen"."""
    return branding().portal


def send_account_mail(template: str, to: str, context: dict[str, Any]) -> None:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` now, send after commit.

    Rendering happens at once, in the active language; the task worker sends it, so a
    failing mail server never undoes or slows down the operation that sent the mail.
    """
    context = {"portal": portal_name(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    send_mail_after_commit(subject, body, [to])


# --- Signed links ------------------------------------------------------------------------


class TokenResult(StrEnum):
    """What a verification or e-mail change link did (or would do)."""

    VALID = "valid"
    DONE = "done"
    ALREADY_DONE = "already_done"
    EXPIRED = "expired"
    INVALID = "invalid"
    CONFLICT = "conflict"


def sign_token(salt: str, payload: dict[str, Any]) -> str:
    """A signed, timestamped token for a link in a mail (``unsign_token`` reads it)."""
    return signing.TimestampSigner(salt=salt).sign_object(payload, compress=True)


def unsign_token(
    salt: str, token: str, max_age: int | None = None
) -> tuple[dict[str, Any] | None, bool]:
    """The payload if the signature is genuine (else None) and whether it is older than
    ``max_age`` seconds (default: ``RATHAUS_EMAIL_TOKEN_MAX_AGE``)."""
    signer = signing.TimestampSigner(salt=salt)
    try:
        payload = signer.unsign_object(token)
    except signing.BadSignature:
        return None, False
    if not isinstance(payload, dict):
        return None, False
    try:
        signer.unsign_object(token, max_age=max_age or settings.RATHAUS_EMAIL_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return payload, True
    return payload, False


# --- Registration and e-mail verification --------------------------------------------------


def _send_verification(user: User) -> None:
    token = sign_token(_VERIFY_SALT, {"u": user.pk, "e": user.email})
    context = {
        "user": user,
        "link": absolute_link("authentication:verify_email", token=token),
        "valid_hours": settings.RATHAUS_EMAIL_TOKEN_MAX_AGE // 3600,
    }
    send_account_mail("accounts/mail/verify_email", user.email, context)


def _send_existing_account_notice(user: User) -> None:
    context = {
        "user": user,
        "login_link": absolute_link("authentication:login"),
        "reset_link": absolute_link("authentication:password_reset"),
    }
    send_account_mail("accounts/mail/registration_existing", user.email, context)
    if not user.email_verified:
        _send_verification(user)


def _create_unverified_citizen(
    email: str, password: str, given_names: str, family_name: str
) -> User:
    with transaction.atomic():
        user = User.objects.create_user(email, password)
        CitizenProfile.objects.create(user=user, given_names=given_names, family_name=family_name)
    return user


def register_citizen(
    *, email: str, password: str, given_names: str, family_name: str
) -> User | None:
    """Create an unverified citizen account and mail the verification link.

    If the address is taken, nothing is created and nothing tells the visitor: the owner
    of the address gets a notice instead (and, if still unconfirmed, a new link). Returns
    the new user, or None when the address was already registered.
    """
    email = normalize_email(email)
    with transaction.atomic():
        existing = User.objects.filter(email=email).first()
        if existing is None:
            try:
                user = _create_unverified_citizen(email, password, given_names, family_name)
            except IntegrityError:  # registered a moment ago by a concurrent request
                existing = User.objects.get(email=email)
            else:
                log_action(user, "accounts.registered", user, {"privacy_consent": True})
                _send_verification(user)
                return user
        make_password(password)  # the same work as a real registration: no timing hint
        log_action(None, "accounts.registration_for_existing_email", existing, {})
        _send_existing_account_notice(existing)
    return None


def resend_verification(email: str) -> None:
    """Mail a new verification link if an unconfirmed account has this address.

    Says nothing about whether it did, so the answer reveals no registered addresses.
    """
    user = User.objects.filter(
        email=normalize_email(email), email_verified_at__isnull=True, is_active=True
    ).first()
    if user is not None:
        with transaction.atomic():
            _send_verification(user)


def _verification_target(token: str) -> tuple[TokenResult, User | None]:
    payload, expired = unsign_token(_VERIFY_SALT, token)
    if payload is None:
        return TokenResult.INVALID, None
    user = User.objects.filter(pk=payload.get("u", 0), email=payload.get("e", "")).first()
    if user is None:
        return TokenResult.INVALID, None
    if user.email_verified:
        return TokenResult.ALREADY_DONE, user
    if expired:
        return TokenResult.EXPIRED, user
    return TokenResult.VALID, user


def verification_link_state(token: str) -> TokenResult:
    """What following this verification link would do, without doing it."""
    return _verification_target(token)[0]


def verify_email(token: str) -> TokenResult:
    """Confirm the address of the link's account. A used link says ALREADY_DONE."""
    with transaction.atomic():
        result, user = _verification_target(token)
        if result != TokenResult.VALID or user is None:
            return result
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.email_verified:
            return TokenResult.ALREADY_DONE
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
        log_action(user, "accounts.email_verified", user, {"email": user.email})
    return TokenResult.DONE


# --- E-mail change ---------------------------------------------------------------------------


def request_email_change(user: User, new_email: str) -> None:
    """Mail a confirmation link to the new address; the change happens when it is used.

    If another account already uses the new address, its owner gets a notice instead of
    a link, and the requesting user learns nothing about that account.
    """
    new_email = normalize_email(new_email)
    with transaction.atomic():
        log_action(user, "accounts.email_change_requested", user, {"new_email": new_email})
        if User.objects.filter(email=new_email).exclude(pk=user.pk).exists():
            send_account_mail(
                "accounts/mail/email_change_taken", new_email, {"new_email": new_email}
            )
            return
        token = sign_token(_CHANGE_SALT, {"u": user.pk, "o": user.email, "e": new_email})
        context = {
            "user": user,
            "new_email": new_email,
            "link": absolute_link("accounts:email_change_confirm", token=token),
            "valid_hours": settings.RATHAUS_EMAIL_TOKEN_MAX_AGE // 3600,
        }
        send_account_mail("accounts/mail/email_change_confirm", new_email, context)


@dataclass(frozen=True)
class _ChangeTarget:
    result: TokenResult
    user: User | None = None
    new_email: str = ""


def _email_change_target(token: str) -> _ChangeTarget:
    payload, expired = unsign_token(_CHANGE_SALT, token)
    if payload is None:
        return _ChangeTarget(TokenResult.INVALID)
    user = User.objects.filter(pk=payload.get("u", 0)).first()
    new_email = str(payload.get("e", ""))
    if user is None or not new_email:
        return _ChangeTarget(TokenResult.INVALID)
    if user.email == new_email:
        return _ChangeTarget(TokenResult.ALREADY_DONE, user, new_email)
    if user.email != payload.get("o") or expired:
        # Changed again since the link was sent, or simply too old.
        return _ChangeTarget(TokenResult.EXPIRED, user, new_email)
    if User.objects.filter(email=new_email).exclude(pk=user.pk).exists():
        return _ChangeTarget(TokenResult.CONFLICT, user, new_email)
    return _ChangeTarget(TokenResult.VALID, user, new_email)


def email_change_link_state(token: str) -> tuple[TokenResult, str]:
    """What using this e-mail change link would do, and the new address it carries."""
    target = _email_change_target(token)
    return target.result, target.new_email


def confirm_email_change(token: str) -> TokenResult:
    """Switch the account to the link's new address; the old address gets a notice."""
    with transaction.atomic():
        target = _email_change_target(token)
        if target.result != TokenResult.VALID or target.user is None:
            return target.result
        user = User.objects.select_for_update().get(pk=target.user.pk)
        old_email = user.email
        user.email = target.new_email
        user.email_verified_at = timezone.now()
        try:
            with transaction.atomic():
                user.save(update_fields=["email", "email_verified_at"])
        except IntegrityError:  # taken by a concurrent request a moment ago
            return TokenResult.CONFLICT
        log_action(user, "accounts.email_changed", user, {"old": old_email, "new": user.email})
        context = {
            "user": user,
            "new_email": user.email,
            "reset_link": absolute_link("authentication:password_reset"),
        }
        send_account_mail("accounts/mail/email_changed_notice", old_email, context)
    return TokenResult.DONE


# --- Servicekonto profile ---------------------------------------------------------------


def update_profile(user: User, **values: Any) -> CitizenProfile:
    """Save the given profile fields; the audit entry names the changed fields only."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    with transaction.atomic():
        profile, created = CitizenProfile.objects.select_for_update().get_or_create(user=user)
        changed = sorted(name for name, value in values.items() if getattr(profile, name) != value)
        for name in changed:
            setattr(profile, name, values[name])
        if changed or created:
            profile.save()
            log_action(user, "accounts.profile_updated", profile, {"fields": changed})
    return profile


# --- Accounts for the demo and for administrators -----------------------------------------


def _get_or_create_user(email: str, password: str) -> tuple[User, bool]:
    email = normalize_email(email)
    user = User.objects.select_for_update().filter(email=email).first()
    created = user is None
    if user is None:
        user = User(email=email)
    user.set_password(password)
    user.is_active = True
    return user, created


def _apply(instance: Any, values: dict[str, Any]) -> list[str]:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


def create_citizen(
    email: str,
    password: str,
    given_names: str,
    family_name: str,
    verified: bool = True,
    **profile: Any,
) -> User:
    """Create or update a citizen account with its profile (idempotent, for the demo)."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    with transaction.atomic():
        user, created = _get_or_create_user(email, password)
        if not verified:
            user.email_verified_at = None
        elif user.email_verified_at is None:
            user.email_verified_at = timezone.now()
        user.save()
        citizen_profile, _ = CitizenProfile.objects.get_or_create(user=user)
        values = {"given_names": given_names, "family_name": family_name, **profile}
        changed = _apply(citizen_profile, values)
        citizen_profile.save()
        verb = "accounts.citizen_created" if created else "accounts.citizen_updated"
        log_action(None, verb, user, {"profile_fields": sorted(changed), "verified": verified})
    return user


def create_staff(email: str, password: str, authority: Any, role: Role | str) -> User:
    """Create or update a staff account with a membership in ``authority`` (idempotent)."""
    role = Role(role)
    if role not in Membership.STAFF_ROLES:
        raise ValueError(f"{role} is not a staff role")
    with transaction.atomic():
        user, created = _get_or_create_user(email, password)
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
        user.save()
        _, membership_created = Membership.objects.get_or_create(
            user=user, authority=authority, role=role.value
        )
        verb = "accounts.staff_created" if created else "accounts.staff_updated"
        data = {
            "authority": authority.slug,
            "role": role.value,
            "membership_created": membership_created,
        }
        log_action(None, verb, user, data)
    return user

"""Public operations of the authentication app (other apps import from here only).

* Login flow: password → (second factor, if the user has a confirmed device) → login.
  ``login()`` is only called once every factor is checked; in between, the pending user
  sits in the session for ``PENDING_LOGIN_SECONDS``.
* Password reset and change.
* Where a user lands after login (staff in ``/verwaltung/``); which staff areas a user
  may open is :mod:`rathaus.authentication.areas`.
* Re-exported: the login throttle (:mod:`rathaus.authentication.throttle`), the unlock
  link by mail (:mod:`rathaus.authentication.unlock`) and the TOTP second factor with
  recovery codes (:mod:`rathaus.authentication.totp`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode

from rathaus.accounts.models import User, normalize_email
from rathaus.accounts.services import is_staff_member, send_account_mail
from rathaus.audit.services import log_action
from rathaus.authentication import assurance, registry
from rathaus.authentication.federation import (
    FederatedIdentity,
    FederatedOutcome,
    FederatedRefusal,
    clear_pending_identity,
    complete_federated_login,
    confirmed_sources,
    create_account_for_pending,
    forget_federated_session,
    identities_of,
    link_pending_identity,
    pending_identity,
    session_level,
    session_provider,
)
from rathaus.authentication.throttle import (
    Source,
    clear_login_failures,
    forget_source,
    locked_until,
    purge_stale_failure_records,
    record_login_failure,
    throttled_until,
    wait_seconds,
)
from rathaus.authentication.throttle import source_of as login_source
from rathaus.authentication.totp import (
    _VERIFIED_KEY,
    RECOVERY_CODE_COUNT,
    SECOND_FACTOR_SESSION_KEY,
    CodeCheck,
    SecondFactorMandatory,
    confirm_totp_device,
    disable_totp,
    format_secret,
    has_confirmed_device,
    mark_session_verified,
    new_totp_secret,
    regenerate_recovery_codes,
    remaining_recovery_codes,
    totp_provisioning_uri,
    totp_qr_data_uri,
    verify_second_factor,
    verify_step_up,
)
from rathaus.authentication.unlock import (
    offer_unlock_link,
    unlock_link_state,
    use_unlock_link,
)
from rathaus.core.mail import absolute_link

__all__ = [
    "PENDING_LOGIN_SECONDS",
    "SECOND_FACTOR_SESSION_KEY",
    "RECOVERY_CODE_COUNT",
    "LoginOutcome",
    "LoginAttempt",
    "CodeCheck",
    "PendingLogin",
    "SecondFactorMandatory",
    "Source",
    "login_source",
    "wait_seconds",
    "throttled_until",
    "locked_until",
    "record_login_failure",
    "clear_login_failures",
    "purge_stale_failure_records",
    "offer_unlock_link",
    "unlock_link_state",
    "use_unlock_link",
    "check_password_login",
    "complete_login",
    "logout_user",
    "begin_pending_login",
    "pending_login",
    "clear_pending_login",
    "is_second_factor_verified",
    "has_confirmed_device",
    "remaining_recovery_codes",
    "new_totp_secret",
    "totp_provisioning_uri",
    "totp_qr_data_uri",
    "format_secret",
    "confirm_totp_device",
    "verify_second_factor",
    "verify_step_up",
    "mark_session_verified",
    "disable_totp",
    "regenerate_recovery_codes",
    "request_password_reset",
    "reset_password",
    "change_password",
    "default_landing",
    "FederatedIdentity",
    "FederatedOutcome",
    "FederatedRefusal",
    "complete_federated_login",
    "pending_identity",
    "clear_pending_identity",
    "link_pending_identity",
    "create_account_for_pending",
    "confirmed_sources",
    "session_level",
    "session_provider",
    "identities_of",
    "step_up_needed",
    "step_up_url",
    "locked_sources",
    "step_up_methods",
]

PENDING_LOGIN_SECONDS = 5 * 60
_PENDING_KEY = "rathaus.auth.pending"

# --- Password login ------------------------------------------------------------------------


class LoginOutcome(StrEnum):
    SUCCESS = "success"
    SECOND_FACTOR = "second_factor"
    INVALID = "invalid"
    THROTTLED = "throttled"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class LoginAttempt:
    """``retry_after``: seconds before the next attempt (THROTTLED: the password was not
    even checked; INVALID: this failure started or lengthened a wait)."""

    outcome: LoginOutcome
    user: User | None = None
    retry_after: int = 0


def _failed(email: str, source: Source | None) -> LoginAttempt:
    failure = record_login_failure(email, "password", source)
    if failure.account_waits:
        offer_unlock_link(email)  # silent: nobody learns whether it went
    return LoginAttempt(LoginOutcome.INVALID, retry_after=failure.retry_after)


def check_password_login(request: HttpRequest | None, email: str, password: str) -> LoginAttempt:
    """Check e-mail and password against the throttle; does not log anybody in."""
    email = normalize_email(email)
    source = login_source(request, email)
    wait = wait_seconds(email, source)
    if wait:
        return LoginAttempt(LoginOutcome.THROTTLED, retry_after=wait)
    user = authenticate(request, username=email, password=password)
    if user is None:
        return _failed(email, source)
    if not user.email_verified:
        return LoginAttempt(LoginOutcome.UNVERIFIED, user=user)
    if has_confirmed_device(user):
        return LoginAttempt(LoginOutcome.SECOND_FACTOR, user=user)
    return LoginAttempt(LoginOutcome.SUCCESS, user=user)


def complete_login(
    request: HttpRequest, user: User, *, backend: str, second_factor: str = ""
) -> None:
    """Log the user in (new session key) once every factor is checked, and forget the
    failures of this account from this address.

    ``second_factor`` names the factor used ("totp", "recovery_code") or is empty.
    """
    with transaction.atomic():
        forget_source(user.email, login_source(request, user.email))
        clear_pending_login(request)
        forget_federated_session(request)  # an earlier federated login's level ends here
        auth_login(request, user, backend=backend)  # rotates the session key
        if second_factor:
            request.session[_VERIFIED_KEY] = user.pk
        log_action(
            user,
            "authentication.logged_in",
            user,
            {"method": "password", "second_factor": second_factor or None},
        )


def logout_user(request: HttpRequest) -> None:
    """End the session; audit-logged."""
    user = request.user
    with transaction.atomic():
        if user.is_authenticated:
            log_action(user, "authentication.logged_out", user, {})
        auth_logout(request)


# --- Pending login (between password and second factor) ----------------------------------


@dataclass(frozen=True)
class PendingLogin:
    user: User
    backend: str
    next_url: str


def begin_pending_login(request: HttpRequest, user: User, next_url: str) -> None:
    """Remember the user whose password was right, until the second factor is checked."""
    request.session.cycle_key()
    request.session[_PENDING_KEY] = {
        "user_id": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]),
        "next": next_url,
        "expires": (timezone.now() + timedelta(seconds=PENDING_LOGIN_SECONDS)).timestamp(),
    }


def pending_login(request: HttpRequest) -> PendingLogin | None:
    """The pending login of this session, or None (also when it has expired)."""
    data = request.session.get(_PENDING_KEY)
    if not isinstance(data, dict):
        return None
    if float(data.get("expires", 0)) < timezone.now().timestamp():
        clear_pending_login(request)
        return None
    user = User.objects.filter(pk=data.get("user_id", 0), is_active=True).first()
    if user is None:
        clear_pending_login(request)
        return None
    return PendingLogin(user, str(data.get("backend", "")), str(data.get("next", "")))


def clear_pending_login(request: HttpRequest) -> None:
    request.session.pop(_PENDING_KEY, None)


def is_second_factor_verified(request: HttpRequest) -> bool:
    """Whether this session's user has proved a second factor during this session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return request.session.get(_VERIFIED_KEY) == user.pk


# --- Passwords -----------------------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """Mail a reset link if an active account has this address; silent otherwise."""
    users = User.objects.filter(email=normalize_email(email), is_active=True)
    for user in users:
        if not user.has_usable_password():
            continue
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = absolute_link("authentication:password_reset_confirm", uidb64=uid, token=token)
        context: dict[str, Any] = {
            "user": user,
            "link": link,
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        with transaction.atomic():
            log_action(None, "authentication.password_reset_requested", user, {})
            send_account_mail("authentication/mail/password_reset", user.email, context)


def reset_password(user: User, password: str) -> User:
    """Set a new password from a reset link; forgets the account's failed logins and
    confirms the address."""
    with transaction.atomic():
        user.set_password(password)
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()  # the link reached this address
        user.save()
        clear_login_failures(user.email, "password_reset")
        log_action(user, "authentication.password_reset", user, {})
        send_account_mail("authentication/mail/password_changed", user.email, {"user": user})
    return user


def change_password(user: User, password: str) -> User:
    """A logged-in user sets a new password (the view keeps the session valid)."""
    with transaction.atomic():
        user.set_password(password)
        user.save()
        log_action(user, "authentication.password_changed", user, {})
        send_account_mail("authentication/mail/password_changed", user.email, {"user": user})
    return user


# --- Where a login lands ------------------------------------------------------------------


def default_landing(user: Any) -> str:
    """Where a login ends when no page was asked for: staff in the staff area, citizens
    where ``LOGIN_REDIRECT_URL`` says (in the active language)."""
    if is_staff_member(user):
        return reverse("authentication:staff_home")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


# --- Level of assurance: step-up -------------------------------------------------------------


def step_up_needed(request: HttpRequest, required: str | None) -> bool:
    """Whether this session must log in again at level ``required`` (an eIDAS name such as
    "substantiell", e.g. a definition's ``assurance``) before it goes on. A password
    login, no login and a federated login below the level all need it."""
    return not assurance.meets(session_level(request), required)


def step_up_url(required: str | None, next_url: str) -> str:
    """The page that explains why and offers the login at the needed level."""
    query = urlencode({"niveau": assurance.name_of(assurance.rank_of(required)), "next": next_url})
    return f"{reverse('authentication:step_up')}?{query}"


def locked_sources(request: HttpRequest, required: str | None) -> dict[str, Any]:
    """The confirmed prefill sources that a form needing level ``required`` must keep as
    confirmed (nothing when it needs no level or the session has not reached it)."""
    if not required or step_up_needed(request, required):
        return {}
    return confirmed_sources(request)


def step_up_methods(required: str | None, next_url: str) -> list[dict[str, Any]]:
    """The login methods of this tenant that can reach level ``required``, with their URLs."""
    return [
        {"method": method, "url": method.login_url(next_url, required or "")}
        for method in registry.all()
        if method.available() and method.reaches(required or "")
    ]

"""TOTP second factor (authenticator app) with replay protection and recovery codes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import pyotp
import segno
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from rathaus.accounts.models import User
from rathaus.accounts.services import is_staff_member, portal_name, send_account_mail
from rathaus.audit.services import log_action
from rathaus.authentication.models import RecoveryCode, TOTPDevice
from rathaus.authentication.throttle import (
    Source,
    record_login_failure,
    source_of,
    wait_seconds,
)

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_SALT = "rathaus.authentication.recovery-code"
#: Session key holding the pk of the user who proved the second factor in this session.
SECOND_FACTOR_SESSION_KEY = _VERIFIED_KEY = "rathaus.auth.second_factor"


def _now() -> datetime:
    return timezone.now()


class SecondFactorMandatory(Exception):
    """Staff members cannot switch off their second factor."""


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def remaining_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def new_totp_secret() -> str:
    return pyotp.random_base32()


def format_secret(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=portal_name())


def totp_qr_data_uri(uri: str) -> str:
    """The provisioning URI as a QR code, an SVG ``data:`` URI for an ``<img>``."""
    qr = segno.make(uri, error="m")
    return qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff")


def _normalize_code(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _matching_counter(secret: str, code: str, after: int) -> int | None:
    """The time step (±1 around now) whose code this is, if newer than ``after``."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(_now())
    for counter in (current - 1, current, current + 1):
        if counter > after and constant_time_compare(totp.generate_otp(counter), code):
            return counter
    return None


def _hash_recovery_code(code: str) -> str:
    return salted_hmac(_RECOVERY_SALT, _normalize_code(code), algorithm="sha256").hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_hash_recovery_code(code)) for code in codes]
    )
    return codes


def confirm_totp_device(user: User, secret: str, code: str) -> list[str] | None:
    """Activate the authenticator app if ``code`` fits ``secret``; returns recovery codes.

    Returns None if the code is wrong. Any earlier device of the user is replaced.
    """
    counter = _matching_counter(secret, _normalize_code(code), after=-1)
    if counter is None:
        return None
    now = _now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user, secret=secret, confirmed_at=now, last_used_counter=counter, last_used_at=now
        )
        codes = _replace_recovery_codes(user)
        log_action(user, "authentication.totp_enabled", user, {"recovery_codes": len(codes)})
        send_account_mail("authentication/mail/totp_enabled", user.email, {"user": user})
    return codes


def _use_totp(user: User, code: str) -> bool:
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            return False
        counter = _matching_counter(device.secret, code, after=device.last_used_counter)
        if counter is None:
            return False
        device.last_used_counter = counter
        device.last_used_at = _now()
        device.save(update_fields=["last_used_counter", "last_used_at"])
    return True


def _use_recovery_code(user: User, code: str) -> bool:
    with transaction.atomic():
        used = RecoveryCode.objects.filter(
            user=user, code_hash=_hash_recovery_code(code), used_at__isnull=True
        ).update(used_at=_now())
        if used:
            remaining = remaining_recovery_codes(user)
            log_action(user, "authentication.recovery_code_used", user, {"remaining": remaining})
    return bool(used)


def _check_code(user: User, code: str) -> str:
    """Which factor the code proves ("totp", "recovery_code"), or "" if it is wrong."""
    code = _normalize_code(code)
    if len(code) == 6 and code.isdigit():
        return "totp" if _use_totp(user, code) else ""
    if len(code) == 12:
        return "recovery_code" if _use_recovery_code(user, code) else ""
    return ""


@dataclass(frozen=True)
class CodeCheck:
    """``method``: the factor the code proved ("" if none). ``retry_after``: seconds before
    the next code may be tried. ``throttled``: the code was not even checked (too many
    failures: wait first)."""

    method: str = ""
    retry_after: int = 0
    throttled: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.method)


def verify_second_factor(user: User, code: str, source: Source | None = None) -> CodeCheck:
    """Check a TOTP or recovery code; wrong codes count as failed logins (throttle)."""
    wait = wait_seconds(user.email, source)
    if wait:
        return CodeCheck(retry_after=wait, throttled=True)
    method = _check_code(user, code)
    if not method:
        failure = record_login_failure(user.email, "second_factor", source)
        return CodeCheck(retry_after=failure.retry_after)
    return CodeCheck(method=method)


def verify_step_up(request: HttpRequest, code: str) -> CodeCheck:
    """A logged-in user proves the second factor for the rest of this session."""
    user = cast(User, request.user)
    check = verify_second_factor(user, code, source_of(request, user.email))
    if check.ok:
        with transaction.atomic():
            request.session.cycle_key()
            request.session[_VERIFIED_KEY] = user.pk
            log_action(
                user, "authentication.second_factor_verified", user, {"method": check.method}
            )
    return check


def mark_session_verified(request: HttpRequest) -> None:
    """After setting up a device, the session has just proved the second factor."""
    request.session.cycle_key()
    request.session[_VERIFIED_KEY] = request.user.pk


def disable_totp(user: User) -> None:
    """Switch the second factor off (citizens only) and delete the recovery codes."""
    if is_staff_member(user):
        raise SecondFactorMandatory
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        if deleted:
            log_action(user, "authentication.totp_disabled", user, {})
            send_account_mail("authentication/mail/totp_disabled", user.email, {"user": user})


def regenerate_recovery_codes(user: User) -> list[str]:
    """New recovery codes; all earlier ones stop working."""
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        log_action(user, "authentication.recovery_codes_generated", user, {"count": len(codes)})
    return codes

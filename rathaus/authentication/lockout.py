"""Lockout: failed logins are counted per normalized e-mail address (known or not).

After ``RATHAUS_LOGIN_MAX_FAILURES`` failures within ``RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS``
the address is locked for ``RATHAUS_LOGIN_LOCK_SECONDS``, whatever password is tried.
Counting happens under a row lock, so concurrent attempts are all counted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rathaus.accounts.models import normalize_email
from rathaus.audit.services import log_action
from rathaus.authentication.models import LoginFailureRecord


class AccountLocked(Exception):
    """The account is temporarily locked after too many failed attempts."""

    def __init__(self, until: datetime):
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


def _now() -> datetime:
    return timezone.now()


def locked_until(email: str) -> datetime | None:
    """Until when logins for this address are refused, or None if they are not."""
    record = LoginFailureRecord.objects.filter(
        email=normalize_email(email), locked_until__gt=_now()
    ).first()
    return record.locked_until if record else None


def _record_for_update(email: str) -> LoginFailureRecord:
    """The address's record, created if missing, locked until the transaction ends."""
    LoginFailureRecord.objects.bulk_create([LoginFailureRecord(email=email)], ignore_conflicts=True)
    return LoginFailureRecord.objects.select_for_update().get(email=email)


def _reset(record: LoginFailureRecord, reason: str, actor: Any = None) -> None:
    """Forget the failures; if a lock had been set, audit-log its end."""
    if record.locked_until is not None:
        log_action(actor, "authentication.account_unlocked", record, {"reason": reason})
    elif actor is not None:
        log_action(actor, "authentication.login_failures_cleared", record, {"reason": reason})
    record.failure_count = 0
    record.window_started_at = None
    record.locked_until = None
    record.save()


def record_login_failure(email: str, reason: str = "password") -> datetime | None:
    """Count one failed attempt; lock the address when the limit is reached.

    Returns the end of the lock if the address is (now) locked, else None. Attempts
    while locked are refused without being counted, so a lock never grows.
    """
    email = normalize_email(email)
    now = _now()
    window = timedelta(seconds=settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS)
    with transaction.atomic():
        record = _record_for_update(email)
        if record.is_locked(now):
            return record.locked_until
        if record.locked_until is not None:
            _reset(record, "expired")
        if record.window_started_at is None or record.window_started_at + window < now:
            record.failure_count = 0
            record.window_started_at = now
        record.failure_count += 1
        record.last_failure_at = now
        log_action(
            None,
            "authentication.login_failed",
            record,
            {"reason": reason, "failures": record.failure_count},
        )
        if record.failure_count >= settings.RATHAUS_LOGIN_MAX_FAILURES:
            record.locked_until = now + timedelta(seconds=settings.RATHAUS_LOGIN_LOCK_SECONDS)
            log_action(
                None,
                "authentication.account_locked",
                record,
                {"failures": record.failure_count, "until": record.locked_until},
            )
        record.save()
        return record.locked_until


def clear_login_failures(
    email: str, reason: str, *, force: bool = False, actor: Any = None
) -> None:
    """Reset the counter after a successful login (refused while locked) or a reset.

    Raises :class:`AccountLocked` if the address is locked, unless ``force`` is set
    (a password reset by mail proves ownership and lifts the lock).
    """
    email = normalize_email(email)
    with transaction.atomic():
        record = LoginFailureRecord.objects.select_for_update().filter(email=email).first()
        if record is None:
            return
        until = record.locked_until
        if until is not None and until > _now() and not force:
            raise AccountLocked(until)
        if record.failure_count or record.locked_until is not None:
            _reset(record, reason, actor)


def purge_stale_failure_records() -> int:
    """Delete records that no longer count or lock anything (for a periodic task)."""
    now = _now()
    window_start = now - timedelta(seconds=settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS)
    stale = LoginFailureRecord.objects.exclude(locked_until__gt=now).exclude(
        window_started_at__gte=window_start
    )
    deleted, _ = stale.delete()
    return deleted

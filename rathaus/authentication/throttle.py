"""Login throttle: growing waits instead of a lock (docs/decisions/0005).

Failed logins (a wrong password, a wrong second-factor code) are counted with
:mod:`rathaus.core.ratelimit` in :class:`LoginFailureRecord` under three keys:

* ``login-account-ip`` — one account from one client address:
  ``RATHAUS_LOGIN_SOURCE_MAX_FAILURES`` per window, then waits doubling from 1 s up to
  ``RATHAUS_LOGIN_MAX_DELAY_SECONDS``. This slows down guessing from one place.
* ``login-ip`` — one client address, whichever accounts (credential stuffing):
  ``RATHAUS_LOGIN_IP_MAX_FAILURES`` per window, the same waits.
* ``login-account`` — one account from anywhere (guessing from many addresses):
  ``RATHAUS_LOGIN_MAX_FAILURES`` per window, then waits from 5 s up to only
  ``RATHAUS_LOGIN_ACCOUNT_MAX_DELAY_SECONDS``. It is the only counter a stranger can
  drive for somebody else's account, so its wait stays short, and once it waits the
  owner gets a mail with a link (:mod:`rathaus.authentication.unlock`) that lets her
  browser session past it.

An attempt that has to wait is refused before the password is checked, with the same
answer whether the account exists or not. Nothing is ever locked: a stranger who fails
from his address slows down his own attempts, not the owner's from hers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from rathaus.accounts.models import normalize_email
from rathaus.audit.services import log_action
from rathaus.authentication.models import LoginFailureRecord
from rathaus.core.ratelimit import Decision, Key, Policy, RateLimiter, client_ip, key_string

ACCOUNT = "login-account"
SOURCE = "login-account-ip"
ADDRESS = "login-ip"
UNLOCK_MAIL = "login-unlock-mail"
#: Session key: the e-mail address whose unlock link was followed in this session.
UNLOCKED_SESSION_KEY = "rathaus.auth.unlocked"

limiter = RateLimiter(LoginFailureRecord)


@dataclass(frozen=True)
class Source:
    """Where a login attempt comes from: the client's address, and whether the owner
    followed the unlock link in this browser session (then the account's own counter
    does not hold her up)."""

    ip: str
    unlocked: bool = False


@dataclass(frozen=True)
class Failure:
    """``retry_after``: seconds before this source may try again (0: at once).
    ``account_waits``: the account's own counter makes everybody wait."""

    retry_after: int = 0
    account_waits: bool = False


def source_of(request: HttpRequest | None, email: str) -> Source | None:
    if request is None:
        return None
    session = getattr(request, "session", None)
    unlocked = session is not None and session.get(UNLOCKED_SESSION_KEY) == normalize_email(email)
    return Source(client_ip(request), unlocked)


def policy(counter: str) -> Policy:
    """The policy of a counter, from the settings as they are now."""
    window = settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS
    cap = settings.RATHAUS_LOGIN_MAX_DELAY_SECONDS
    if counter == ACCOUNT:
        account_cap = settings.RATHAUS_LOGIN_ACCOUNT_MAX_DELAY_SECONDS
        return Policy(settings.RATHAUS_LOGIN_MAX_FAILURES, window, 5, account_cap)
    if counter == SOURCE:
        return Policy(settings.RATHAUS_LOGIN_SOURCE_MAX_FAILURES, window, 1, cap)
    if counter == ADDRESS:
        return Policy(settings.RATHAUS_LOGIN_IP_MAX_FAILURES, window, 1, cap)
    if counter == UNLOCK_MAIL:
        period = settings.RATHAUS_LOGIN_UNLOCK_LINK_SECONDS
        return Policy(1, period, period, period)
    raise ValueError(counter)


def _keys(email: str, source: Source | None) -> list[Key]:
    keys: list[Key] = [(ACCOUNT, email)]
    if source is not None:
        keys += [(SOURCE, email, source.ip), (ADDRESS, source.ip)]
    return keys


def _holds_up(key: Key, source: Source | None) -> bool:
    return not (key[0] == ACCOUNT and source is not None and source.unlocked)


def wait_seconds(email: str, source: Source | None) -> int:
    """How long an attempt for this address from this source has to wait (0: none)."""
    keys = [key for key in _keys(normalize_email(email), source) if _holds_up(key, source)]
    return max((limiter.check(key, policy(key[0])).retry_after for key in keys), default=0)


def _audit_failure(email: str, reason: str, decisions: dict[Key, Decision]) -> None:
    account = (ACCOUNT, email)
    record = LoginFailureRecord.objects.get(key=key_string(account))
    log_action(
        None,
        "authentication.login_failed",
        record,
        {"reason": reason, "failures": decisions[account].hits},
    )
    started = [
        key[0]
        for key, decision in decisions.items()
        if decision.allowed and decision.hits == policy(key[0]).limit
    ]
    if started:
        log_action(None, "authentication.login_throttled", record, {"counters": started})


def record_login_failure(
    email: str, reason: str = "password", source: Source | None = None
) -> Failure:
    """Count one failed attempt under every key it belongs to; audit-logged (the client's
    address is not: the audit log is kept for good)."""
    email = normalize_email(email)
    with transaction.atomic():
        decisions = {key: limiter.hit(key, policy(key[0])) for key in _keys(email, source)}
        _audit_failure(email, reason, decisions)
    waits = [decision.retry_after for key, decision in decisions.items() if _holds_up(key, source)]
    return Failure(max(waits, default=0), decisions[(ACCOUNT, email)].retry_after > 0)


def throttled_until(email: str) -> datetime | None:
    """Until when the account's own counter makes every attempt wait, or None."""
    record = limiter.get((ACCOUNT, normalize_email(email)))
    if record is None or not record.is_blocked(timezone.now()):
        return None
    return record.blocked_until


locked_until = throttled_until  # the name before issue 13, for callers elsewhere


# --- Forgetting failures ---------------------------------------------------------------------


def _clear(records: Sequence[LoginFailureRecord], reason: str, actor: Any) -> None:
    """Forget the records' counts and waits; audit-logged if anything waited (or, for an
    admin, if anything was counted)."""
    waited = [record for record in records if record.blocked_until is not None]
    counted = [record for record in records if record.hits]
    if waited:
        log_action(actor, "authentication.account_unlocked", waited[0], {"reason": reason})
    elif counted and actor is not None:
        log_action(actor, "authentication.login_failures_cleared", counted[0], {"reason": reason})
    for record in records:
        record.clear()
        record.save()


def _locked_records(condition: Q) -> list[LoginFailureRecord]:
    """Row-locked in the order a failure locks them (the account's counter first: "|"
    sorts after "-"), so that a clear and a failure never deadlock."""
    return list(LoginFailureRecord.objects.select_for_update().filter(condition).order_by("-key"))


def clear_login_failures(email: str, reason: str, *, actor: Any = None) -> None:
    """Forget the account's failures from everywhere: after a password reset (the link
    in the mail proved the address) or by an admin."""
    email = normalize_email(email)
    condition = Q(key=key_string((ACCOUNT, email))) | Q(
        key__startswith=key_string((SOURCE, email, ""))
    )
    with transaction.atomic():
        _clear(_locked_records(condition), reason, actor)


def clear_for_owner(email: str, source: Source, reason: str) -> None:
    """Forget the account's own counter and the counter of this account from this
    address (the owner's); other addresses' counters stay."""
    email = normalize_email(email)
    keys = [key_string((ACCOUNT, email)), key_string((SOURCE, email, source.ip))]
    with transaction.atomic():
        _clear(_locked_records(Q(key__in=keys)), reason, None)


def clear_record(record: LoginFailureRecord, reason: str, actor: Any) -> None:
    """Forget one counter (the admin's action)."""
    with transaction.atomic():
        _clear(_locked_records(Q(pk=record.pk)), reason, actor)


def forget_source(email: str, source: Source | None) -> None:
    """After a successful login: forget this account's failures from this address."""
    if source is not None:
        limiter.reset((SOURCE, normalize_email(email), source.ip))


def purge_stale_failure_records() -> int:
    """Delete counters untouched for a window that make nobody wait (retention)."""
    window = max(
        settings.RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS, settings.RATHAUS_LOGIN_UNLOCK_LINK_SECONDS
    )
    return limiter.purge(timezone.now() - timedelta(seconds=window))

"""The unlock link: once an account as a whole has to wait after many failed logins, its
owner gets a mail with a link that lets her in at once (docs/decisions/0005).

* At most one mail per ``RATHAUS_LOGIN_UNLOCK_LINK_SECONDS`` (the ``login-unlock-mail``
  counter), and only to an active account; the login page never says whether one went
  out, so it reveals no registered addresses.
* The link is signed (``TimestampSigner``), valid for ``RATHAUS_LOGIN_UNLOCK_LINK_SECONDS``
  and works once: it names its mail by the moment the mail counter started, and
  following it resets that counter (a newer mail replaces it as well).
* The link opens a page; only its button (a POST) uses the link, so that mail scanners
  that fetch links do not use it up. Using it forgets the account's own counter and the
  counter of this account from the owner's address, and lets this browser session past
  the account's own counter from then on. The counters of other addresses stay: whoever
  caused the wait still waits.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from rathaus.accounts.models import User, normalize_email
from rathaus.accounts.services import TokenResult, send_account_mail, sign_token, unsign_token
from rathaus.audit.services import log_action
from rathaus.authentication import throttle
from rathaus.authentication.models import LoginFailureRecord
from rathaus.core.mail import absolute_link
from rathaus.core.ratelimit import client_ip, key_string

__all__ = ["offer_unlock_link", "unlock_link_state", "use_unlock_link"]

_SALT = "rathaus.authentication.unlock"


def _marker(record: LoginFailureRecord | None) -> int:
    """Which mail a link belongs to: when the account's mail counter started (µs)."""
    if record is None or record.window_started_at is None:
        return 0
    return int(record.window_started_at.timestamp() * 1_000_000)


def _mail_record(email: str, *, lock: bool = False) -> LoginFailureRecord | None:
    records = LoginFailureRecord.objects.filter(key=key_string((throttle.UNLOCK_MAIL, email)))
    return (records.select_for_update() if lock else records).first()


def offer_unlock_link(email: str) -> bool:
    """Mail the unlock link to the active account with this address, unless one went out
    within the link's period; True if a mail was sent (after commit)."""
    email = normalize_email(email)
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        return False
    with transaction.atomic():
        counter = throttle.UNLOCK_MAIL
        if not throttle.limiter.hit((counter, email), throttle.policy(counter)).allowed:
            return False
        payload = {"u": user.pk, "m": _marker(_mail_record(email))}
        token = sign_token(_SALT, payload)
        context: dict[str, Any] = {
            "user": user,
            "link": absolute_link("authentication:unlock_login", token=token),
            "valid_minutes": settings.RATHAUS_LOGIN_UNLOCK_LINK_SECONDS // 60,
        }
        log_action(None, "authentication.unlock_link_sent", user, {})
        send_account_mail("authentication/mail/unlock_login", user.email, context)
    return True


def _payload(token: str) -> tuple[dict[str, Any] | None, bool]:
    return unsign_token(_SALT, token, settings.RATHAUS_LOGIN_UNLOCK_LINK_SECONDS)


def _target(token: str, *, lock: bool = False) -> tuple[TokenResult, User | None]:
    payload, expired = _payload(token)
    if payload is None:
        return TokenResult.INVALID, None
    user = User.objects.filter(pk=payload.get("u", 0), is_active=True).first()
    if user is None:
        return TokenResult.INVALID, None
    if expired:
        return TokenResult.EXPIRED, None
    marker = _marker(_mail_record(user.email, lock=lock))
    if not marker or payload.get("m") != marker:  # used already, or a newer mail went out
        return TokenResult.INVALID, None
    return TokenResult.VALID, user


def unlock_link_state(token: str) -> TokenResult:
    """VALID, EXPIRED or INVALID (also once used), without using the link."""
    return _target(token)[0]


def use_unlock_link(request: HttpRequest, token: str) -> TokenResult:
    """Use the link: DONE, or why not (EXPIRED, INVALID)."""
    with transaction.atomic():
        result, user = _target(token, lock=True)
        if result != TokenResult.VALID or user is None:
            return result
        source = throttle.Source(client_ip(request))
        throttle.limiter.reset((throttle.UNLOCK_MAIL, user.email))
        throttle.clear_for_owner(user.email, source, "unlock_link")
        log_action(None, "authentication.unlock_link_used", user, {})
        request.session[throttle.UNLOCKED_SESSION_KEY] = user.email
    return TokenResult.DONE

"""Helpers of the authentication views: the current user, safe "next" URLs, wait text."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import ngettext

from rathaus.accounts import services as accounts
from rathaus.authentication import services

SETUP_SECRET_KEY = "rathaus.auth.totp_setup_secret"
SHOW_CODES_KEY = "rathaus.auth.show_recovery_codes"
AFTER_CODES_KEY = "rathaus.auth.after_recovery_codes"


# --- Helpers -----------------------------------------------------------------------------


def safe_next(request: HttpRequest, url: str | None) -> str:
    """``url`` if it is a page of this site (a path from ``/`` or a URL with this host),
    else an empty string. A relative ``foo`` or ``?x=1`` would be taken for a view name by
    ``redirect()`` (500) or resolved against whatever page the login ends on."""
    if not url or not (url.startswith("/") or urlsplit(url).netloc):
        return ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


def requested_next(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def wait_message(seconds: int) -> str:
    """Too many attempts: how long to wait. The same for every address, known or not."""
    if seconds < 120:
        return ngettext(
            "Zu viele Anmeldeversuche. Bitte warten Sie %(count)d Sekunde, bevor Sie es "
            "noch einmal versuchen.",
            "Zu viele Anmeldeversuche. Bitte warten Sie %(count)d Sekunden, bevor Sie es "
            "noch einmal versuchen.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Zu viele Anmeldeversuche. Bitte warten Sie %(count)d Minute, bevor Sie es noch "
        "einmal versuchen.",
        "Zu viele Anmeldeversuche. Bitte warten Sie %(count)d Minuten, bevor Sie es noch "
        "einmal versuchen.",
        minutes,
    ) % {"count": minutes}


def too_many_attempts(response: HttpResponse, seconds: int) -> HttpResponse:
    """An attempt refused unchecked: 429 with ``Retry-After``."""
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def landing(user, next_url: str) -> str:
    """Where a user goes after login: the page asked for (``next_url``, already checked
    with :func:`safe_next`), else the user's default landing. Staff without a device set
    one up first and carry that destination through the set-up."""
    destination = next_url or services.default_landing(user)
    if accounts.is_staff_member(user) and not services.has_confirmed_device(user):
        return with_next(reverse("authentication:totp_setup"), destination)
    return destination

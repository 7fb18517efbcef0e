"""View decorators: ``staff_required`` for staff pages, ``second_factor_exempt`` for the
few account pages a staff member may open before proving the second factor."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode

from rathaus.accounts.http import EXEMPT_ATTR, current_user, is_staff, second_factor_exempt
from rathaus.accounts.models import User
from rathaus.authentication.services import has_confirmed_device, is_second_factor_verified

__all__ = ["EXEMPT_ATTR", "current_user", "staff_required", "second_factor_exempt",
           "second_factor_redirect"]  # fmt: skip

STAFF_REQUIRED_ATTR = "rathaus_staff_required"


def second_factor_redirect(request: HttpRequest) -> HttpResponse:
    """Send a staff member to set up (no device yet) or enter the second factor."""
    name = (
        "authentication:second_factor"
        if has_confirmed_device(cast(User, request.user))
        else "authentication:totp_setup"
    )
    url = resolve_url(name)
    next_url = request.get_full_path() if request.method == "GET" else ""
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Staff only (403 for others), logged in, and with a verified second factor."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(request):
            raise PermissionDenied
        if not is_second_factor_verified(request):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    setattr(wrapped, STAFF_REQUIRED_ATTR, True)
    return wrapped

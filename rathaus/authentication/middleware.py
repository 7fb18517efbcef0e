"""Second factor enforcement for staff.

A staff member (``rathaus.accounts.http.is_staff``) whose session has not
proved the second factor is sent to set up the authenticator app (no device yet) or to
enter a code, instead of any staff page: the admin site, every URL under
``/verwaltung/``, every view decorated with ``staff_required``, and the personal account
pages. What stays reachable: public pages, static files, logout, and the views marked
``second_factor_exempt`` (login, second factor, setup, registration, password reset).

The admin site's own login and password change are redirected to ours, so the throttle,
the second factor and the audit log cannot be bypassed through them.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode

from rathaus.accounts.http import is_staff
from rathaus.authentication.decorators import (
    EXEMPT_ATTR,
    STAFF_REQUIRED_ATTR,
    second_factor_redirect,
)
from rathaus.authentication.services import is_second_factor_verified

GUARDED_NAMESPACES = frozenset({"admin", "accounts", "authentication"})
EXEMPT_VIEW_NAMES = frozenset({"admin:logout"})
ADMIN_REPLACEMENTS = {
    "admin:login": "authentication:login",
    "admin:password_change": "authentication:password_change",
}


def _staff_path_pattern() -> re.Pattern[str]:
    languages = "|".join(re.escape(code) for code, _ in settings.LANGUAGES)
    return re.compile(rf"^/(?:(?:{languages})/)?verwaltung/")


class SecondFactorMiddleware(MiddlewareMixin):
    def __init__(self, get_response):
        super().__init__(get_response)
        self.staff_paths = _staff_path_pattern()

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        view_name = match.view_name if match is not None else ""
        if view_name in ADMIN_REPLACEMENTS:
            return self._replace_admin_view(request, ADMIN_REPLACEMENTS[view_name])
        if not self._is_guarded(request, view_func, view_name):
            return None
        user = request.user
        if not user.is_authenticated or is_second_factor_verified(request):
            return None
        if not is_staff(request):
            return None
        return second_factor_redirect(request)

    def _is_guarded(self, request: HttpRequest, view_func, view_name: str) -> bool:
        if getattr(view_func, EXEMPT_ATTR, False) or view_name in EXEMPT_VIEW_NAMES:
            return False
        if getattr(view_func, STAFF_REQUIRED_ATTR, False):
            return True
        if self.staff_paths.match(request.path_info):
            return True
        namespaces = request.resolver_match.namespaces if request.resolver_match else []
        return bool(GUARDED_NAMESPACES.intersection(namespaces))

    def _replace_admin_view(self, request: HttpRequest, name: str) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{resolve_url(name)}?{urlencode({'next': next_url})}")

"""Middleware of the core app: request size limit, Permissions-Policy, a Land's languages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix
from django.utils.translation import get_language

from rathaus.core.branding import branding


class RequestSizeLimitMiddleware:
    """Refuse (413) any request whose declared body exceeds RATHAUS_MAX_REQUEST_BYTES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.RATHAUS_MAX_REQUEST_BYTES:
            return HttpResponse(
                "Request Entity Too Large", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """No page of Rathaus needs the camera, microphone, location or payment APIs."""

    POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class TenantLanguageMiddleware:
    """A Land answers only in its own languages (``Tenant.languages``): a page asked for in
    another one (``/en/…`` where the Land offers German only) is sent to the same page in
    German. After ``LocaleMiddleware``, which read the language from the URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = branding().languages
        language = get_language() or settings.LANGUAGE_CODE
        prefix = f"/{language}/"
        if (
            offered
            and language not in offered
            and settings.LANGUAGE_CODE in offered
            and request.method in ("GET", "HEAD")
            and request.path_info.startswith(prefix)
        ):
            target = get_script_prefix() + request.path_info[len(prefix) :]
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{target}?{query}" if query else target)
        return self.get_response(request)

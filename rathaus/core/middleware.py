"""Security middleware of the core app: request size limit and Permissions-Policy."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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

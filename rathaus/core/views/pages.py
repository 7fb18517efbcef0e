"""Thin views of the core app: home, health, error pages."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from rathaus.core.health import check_health

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    health = check_health()
    body = {
        "status": "ok" if health.ok else "unavailable",
        "database": health.database,
        "migrations": health.migrations,
    }
    return JsonResponse(body, status=200 if health.ok else 503)


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/errors/404.html", 404)


FALLBACK_500 = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
    "<title>Technischer Fehler</title></head><body><main><h1>Technischer Fehler</h1>"
    "<p>Es ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.</p>"
    '<p><a href="/">Zur Startseite</a></p></main></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site layout; plain HTML if even that cannot be rendered."""
    try:
        return _error(request, "core/errors/500.html", 500)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        logger.exception("The 500 page could not be rendered")
        return HttpResponse(FALLBACK_500, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, "core/errors/csrf.html", 403)

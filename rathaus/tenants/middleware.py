"""Route each request to its tenant and run the rest of the request in that tenant's scope."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string
from django.urls import get_resolver, get_script_prefix, set_script_prefix

from rathaus.tenants import services
from rathaus.tenants.routing import route
from rathaus.tenants.scope import activate

logger = logging.getLogger("rathaus.tenants")
# Answered for the whole platform, without a tenant (and without the database).
UNSCOPED_PATHS = frozenset({"/healthz"})


class TenantMiddleware:
    """Sets ``request.tenant`` and the scope; a path prefix (``/hamburg/``) becomes part of
    the script prefix, so every URL reversed inside the request keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Import the URL conf now, with no tenant in scope: it imports every view and form,
        # and a form field's queryset made at import inside the first request's scope
        # would keep that tenant's filter for every later request of every tenant.
        contextvars.Context().run(lambda: get_resolver().url_patterns)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in UNSCOPED_PATHS:
            return self.get_response(request)
        found = route(request.get_host(), request.path_info, services.slugs())
        tenant = services.by_slug(found.slug)
        if tenant is None:
            logger.error("No active tenant %r for host %s", found.slug, request.get_host())
            raise Http404("no active tenant")  # the site's 404 page, in the user's language
        request.tenant = tenant  # type: ignore[attr-defined]
        with activate(tenant):
            if found.refused:
                return self._refused(request, found.refused)
            if not found.prefix:
                return self.get_response(request)
            before = get_script_prefix()
            request.path_info = request.path_info[len(found.prefix) :] or "/"
            set_script_prefix(before.rstrip("/") + found.prefix + "/")
            try:
                return self.get_response(request)
            finally:
                set_script_prefix(before)

    def _refused(self, request: HttpRequest, slug: str) -> HttpResponse:
        logger.warning(
            "Refused %s on host %s: the prefix names another tenant (%s)",
            request.path,
            request.get_host(),
            slug,
        )
        other = services.by_slug(slug)
        hosts = services.hosts_of(slug)
        context = {
            "other": other,
            "other_url": f"{request.scheme}://{hosts[0]}/" if hosts else "",
            "request": request,
        }
        body = render_to_string("tenants/refused.html", context, request=request)
        return HttpResponseNotFound(body)

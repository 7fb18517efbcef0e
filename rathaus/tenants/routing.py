"""Which tenant a request is for: by host name, else by a path prefix, else the default.

``RATHAUS_TENANT_HOSTS`` maps host names to tenants (``hamburg.localhost`` → hamburg).
A host that is not mapped (one address serving all, ``127.0.0.1:8000``) serves the
default tenant (``RATHAUS_TENANT``) at ``/`` and every other tenant under its slug:
``/hamburg/…``. On a mapped host a prefix naming another tenant is refused, so one
tenant's address never shows another tenant's pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http.request import split_domain_port

__all__ = ["Route", "route"]


@dataclass(frozen=True)
class Route:
    slug: str  # the tenant to serve
    prefix: str  # "" or "/hamburg": taken off the path before URL resolution
    refused: str = ""  # a prefix naming another tenant than the host's


def _first_segment(path: str) -> str:
    return path.lstrip("/").split("/", 1)[0]


def route(host: str, path: str, slugs: frozenset[str]) -> Route:
    """The route of one request; ``slugs`` are the tenants that exist."""
    domain, _port = split_domain_port(host)
    mapped = settings.RATHAUS_TENANT_HOSTS.get(domain.lower())
    segment = _first_segment(path)
    if mapped is not None:
        if segment in slugs and segment != mapped:
            return Route(slug=mapped, prefix="", refused=segment)
        return Route(slug=mapped, prefix=f"/{segment}" if segment == mapped else "")
    if segment in slugs:
        return Route(slug=segment, prefix=f"/{segment}")
    return Route(slug=settings.RATHAUS_TENANT, prefix="")

"""Public API of the tenants app: look tenants up, load the shipped ones."""

from __future__ import annotations

import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction

from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate

__all__ = [
    "SHIPPED",
    "by_slug",
    "clear_cache",
    "ensure",
    "hosts_of",
    "load_shipped",
    "scope_of",
    "shipped",
    "shipped_tenant",
    "site_url",
    "slugs",
]

SHIPPED = Path(__file__).resolve().parent / "data" / "tenants.toml"
# Tenants change rarely (an administrator edits a name or a colour); every process
# re-reads them after this many seconds, its own edits at once.
CACHE_SECONDS = 60.0

_cache: dict[str, Any] = {"at": 0.0, "tenants": {}}


def shipped() -> list[dict[str, str]]:
    """The tenants this repository ships (``data/tenants.toml``), as plain fields."""
    with SHIPPED.open("rb") as handle:
        return list(tomllib.load(handle)["tenant"])


@transaction.atomic
def load_shipped(*, update: bool = False) -> list[Tenant]:
    """Create the shipped tenants that are missing; with ``update`` reset their fields."""
    loaded = []
    for fields in shipped():
        values = {key: value for key, value in fields.items() if key != "slug"}
        tenant, created = Tenant.objects.get_or_create(slug=fields["slug"], defaults=values)
        if update and not created:
            for key, value in values.items():
                setattr(tenant, key, value)
            tenant.full_clean()
            tenant.save()
        loaded.append(tenant)
    clear_cache()
    return loaded


def ensure(slug: str) -> Tenant:
    """The tenant ``slug``; a shipped one is created when the database lacks it."""
    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is not None:
        return tenant
    fields = next((item for item in shipped() if item["slug"] == slug), None)
    if fields is None:
        raise Tenant.DoesNotExist(f"no tenant {slug!r}")
    values = {key: value for key, value in fields.items() if key != "slug"}
    tenant, _ = Tenant.objects.get_or_create(slug=slug, defaults=values)
    clear_cache()
    return tenant


def shipped_tenant(slug: str) -> Tenant:
    """The shipped tenant ``slug`` as an unsaved row, read without the database (for pages
    that render when the database is down, such as the error pages)."""
    fields = next((item for item in shipped() if item["slug"] == slug), None)
    if fields is None:
        raise Tenant.DoesNotExist(f"no shipped tenant {slug!r}")
    return Tenant(**fields)


def clear_cache() -> None:
    _cache["at"] = 0.0
    _cache["tenants"] = {}


def _tenants() -> dict[str, Tenant]:
    now = time.monotonic()
    if now - _cache["at"] > CACHE_SECONDS or not _cache["tenants"]:
        _cache["tenants"] = {tenant.slug: tenant for tenant in Tenant.objects.filter(active=True)}
        _cache["at"] = now
    return _cache["tenants"]


def slugs() -> frozenset[str]:
    return frozenset(_tenants())


def by_slug(slug: str) -> Tenant | None:
    """The active tenant ``slug`` (cached), or None."""
    tenant = _tenants().get(slug)
    if tenant is None and not Tenant.objects.filter(slug=slug).exists():
        try:  # a fresh database: the shipped tenants exist from their first request on
            tenant = ensure(slug)
        except Tenant.DoesNotExist:
            return None
    return tenant


@contextmanager
def scope_of(model: type[models.Model], pk: object) -> Iterator[Tenant]:
    """Run a block in the scope of the tenant that owns row ``pk`` of ``model``: how a
    task, which gets only an id, finds the tenant it works for."""
    tenant_id = model._base_manager.filter(pk=pk).values_list("tenant_id", flat=True).first()
    if tenant_id is None:
        raise model.DoesNotExist(f"{model._meta.label} {pk} does not exist")  # type: ignore[attr-defined]
    with activate(Tenant.objects.get(pk=tenant_id)) as scope:
        yield scope.tenant  # type: ignore[misc]


def site_url(tenant: Tenant | None) -> str:
    """Where a tenant's pages live, for links that leave the request (mails, feeds):
    ``RATHAUS_SITE_URL`` for the default tenant (and outside any tenant); for another
    tenant its first host name (with the scheme and port of ``RATHAUS_SITE_URL``), else
    the site's address with the tenant's path prefix."""
    base = settings.RATHAUS_SITE_URL
    if tenant is None or tenant.slug == settings.RATHAUS_TENANT:
        return base
    hosts = hosts_of(tenant.slug)
    if not hosts:
        return f"{base}/{tenant.slug}"
    parts = urlsplit(base)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{hosts[0]}{port}"


def hosts_of(slug: str) -> list[str]:
    """The host names configured for a tenant (``RATHAUS_TENANT_HOSTS``)."""
    return sorted(host for host, name in settings.RATHAUS_TENANT_HOSTS.items() if name == slug)

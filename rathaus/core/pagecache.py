"""The shared cache of public pages: what anonymous visitors see, rendered once.

A GET (or HEAD) without a session or messages cookie is anonymous for certain: its page
is the same for every such visitor of the tenant, language, host, path and query. The
middleware serves it from the cache (``CACHES["default"]``: local memory per process by
default, Redis with ``CACHE_URL``) when it has it, else renders it and keeps it if the
answer is a plain 200 that sets no cookie and is not marked private (a page with a form
that posts carries a CSRF token and so sets a cookie: never cached).

Invalidation: every saved or deleted row of a model that public pages show bumps a
generation after the transaction commits: the row's tenant's, or the shared one (0) for
rows of no tenant (the catalogue, territory, shared definitions). A page's key holds both
generations, read per request in one small query, so the next request after a change
renders afresh in every process. Models that no public page shows register with
``private()`` (in their app's ``ready()``) so their writes do not empty the cache; a
forgotten registration costs speed, never correctness. Work that changes public rows
without ``save()`` (``QuerySet.update``, bulk writes) calls ``changed()``. Pages also
expire after ``RATHAUS_PAGE_CACHE_SECONDS`` (what depends on the clock, such as upcoming
events, is at most that old).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from rathaus.core.models import PageGeneration
from rathaus.tenants.scope import current_or_none

__all__ = ["PageCacheMiddleware", "changed", "connect", "private", "generations"]

logger = logging.getLogger(__name__)
SHARED = 0
# Rows no public page shows, of apps below core (which cannot call ``private``) and of
# Django's own; higher apps register theirs in ``ready()``.
_PRIVATE: set[str] = {"core.pagegeneration", "audit.auditentry", "audit.auditchainhead",
                      "search.searchentry", "sessions.session", "admin.logentry",
                      "contenttypes.contenttype", "auth.permission", "auth.group",
                      "django_tasks_database.dbtaskresult"}  # fmt: skip
HEADER = "X-Rathaus-Page-Cache"


def private(*labels: str) -> None:
    """Models no public page shows (``"app_label.modelname"``): their writes keep the cache."""
    _PRIVATE.update(label.lower() for label in labels)


def _bump(key: int) -> None:
    try:
        updated = PageGeneration.objects.filter(key=key).update(generation=F("generation") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    PageGeneration.objects.create(key=key, generation=1)
            except IntegrityError:  # created at the same moment by another process
                PageGeneration.objects.filter(key=key).update(generation=F("generation") + 1)
    except DatabaseError:  # only while migrating, before the table exists
        logger.warning("page cache generation %s not bumped", key, exc_info=True)


def changed(tenant_id: int | None = None) -> None:
    """Public content of ``tenant_id`` (``None``: of every tenant) changed: after commit,
    every page of it renders afresh."""
    key = SHARED if tenant_id is None else tenant_id
    transaction.on_commit(lambda: _bump(key))


def _on_write(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if not settings.RATHAUS_PAGE_CACHE or kwargs.get("raw"):  # off, or a fixture
        return
    if sender.__module__ == "__fake__" or sender._meta.label_lower in _PRIVATE:  # migrations
        return
    changed(getattr(instance, "tenant_id", None))


def connect() -> None:
    """Watch every model's writes (``CoreConfig.ready``)."""
    post_save.connect(_on_write, dispatch_uid="rathaus.pagecache.save")
    post_delete.connect(_on_write, dispatch_uid="rathaus.pagecache.delete")


def generations(tenant_id: int) -> tuple[int, int]:
    found = dict(
        PageGeneration.objects.filter(key__in=(SHARED, tenant_id)).values_list("key", "generation")
    )
    return found.get(SHARED, 0), found.get(tenant_id, 0)


def _eligible(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.RATHAUS_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def _key(request: HttpRequest, tenant_id: int) -> str:
    shared, own = generations(tenant_id)
    where = f"{request.get_host()}|{get_language()}|{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"rathaus:page:{tenant_id}:{shared}:{own}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in ("private", "no-cache", "no-store"))
        and not (hasattr(request, "session") and request.session.modified)
    )


class PageCacheMiddleware:
    """Serves and keeps anonymous pages (after ``LocaleMiddleware``: the language and the
    tenant are known; before CSRF, authentication and the view, which a hit skips)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = current_or_none()
        if tenant is None or not _eligible(request):
            return self.get_response(request)
        key = _key(request, tenant.pk)
        cache = caches["default"]
        found = cache.get(key)
        if found is not None:
            found[HEADER] = "hit"
            return found
        response = self.get_response(request)
        if _storable(request, response):
            response[HEADER] = "miss"
            cache.set(key, response, settings.RATHAUS_PAGE_CACHE_SECONDS)
        return response

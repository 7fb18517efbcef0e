"""Invalidation of the shared cache of public pages (the cache itself:
``rathaus.core.pagecache_middleware``; decision 0009).

Every saved or deleted row of a model that public pages show bumps a generation after the
transaction commits: the row's tenant's, or the shared one (0) for rows of no tenant (the
catalogue, territory, shared definitions). A page's key holds both generations, read per
request in one small query, so the next request after a change renders afresh in every
process. Models that no public page shows register with ``private()`` (in their app's
``ready()``) so their writes do not empty the cache; a forgotten registration costs speed,
never correctness. Work that changes public rows without ``save()`` (``QuerySet.update``,
bulk writes) calls ``changed()``. Pages also expire after ``RATHAUS_PAGE_CACHE_SECONDS``
(what depends on the clock, such as upcoming events, is at most that old).
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save

from rathaus.core.models import PageGeneration

__all__ = ["changed", "connect", "private", "generations"]

logger = logging.getLogger(__name__)
SHARED = 0
# Rows no public page shows, of apps below core (which cannot call ``private``) and of
# Django's own; higher apps register theirs in ``ready()``.
_PRIVATE: set[str] = {"core.pagegeneration", "core.outboxtask", "audit.auditentry",
                      "audit.auditchainhead", "search.searchentry", "sessions.session",
                      "admin.logentry", "contenttypes.contenttype", "auth.permission",
                      "auth.group", "django_tasks_database.dbtaskresult"}  # fmt: skip


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
    except DatabaseError:
        if PageGeneration._meta.db_table in connection.introspection.table_names():
            logger.warning("page cache generation %s not bumped", key, exc_info=True)
        # else: migrating a new database, before the table exists: nothing kept, nothing stale


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
    """The shared and the tenant's generation, read with each cached request: plain SQL on
    the driver's own cursor, as the ORM's building of this one query, and even Django's
    cursor wrapper, cost more than the rest of a hit. A read outside any transaction;
    errors propagate as the driver's (the request fails, as with Django's cursor)."""
    connection.ensure_connection()
    cursor = connection.connection.cursor()  # sqlite3's cursor is no context manager
    try:
        cursor.execute(_generations_sql(connection.vendor), (SHARED, tenant_id))
        found = dict(cursor.fetchall())
    finally:
        cursor.close()
    return found.get(SHARED, 0), found.get(tenant_id, 0)


@cache
def _generations_sql(vendor: str) -> str:
    table, key, generation = map(
        connection.ops.quote_name, (PageGeneration._meta.db_table, "key", "generation")
    )
    mark = "?" if vendor == "sqlite" else "%s"  # the drivers' own parameter styles
    return f"SELECT {key}, {generation} FROM {table} WHERE {key} IN ({mark}, {mark})"  # noqa: S608

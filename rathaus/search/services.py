"""German full-text search over documents of several kinds ("catalog.service", ...).

Apps index their objects with ``index`` (and ``remove``/``clear``) inside their own
transaction and query them with ``search``. Title weighs most, keywords next, body least.
Query words combine with AND; each matches any word it starts after stemming ("Anträge"
finds "Antrag", "Abfall" finds "Abfallentsorgung") and each of its synonyms.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from rathaus.search import backends, text
from rathaus.search.models import SearchEntry
from rathaus.search.synonyms import SYNONYMS
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import ScopeMissing, active, every_tenant

__all__ = ["Hit", "clear", "expand_query", "index", "remove", "search"]


@dataclass(frozen=True, slots=True)
class Hit:
    object_id: str
    rank: float


def index(
    kind: str,
    object_id: str | int,
    *,
    title: str,
    body: str = "",
    keywords: str = "",
    tenant: Tenant | None = None,
) -> None:
    """Add or replace the document ``object_id`` of ``kind``: found in ``tenant`` only, or
    everywhere when ``tenant`` is None (an object all tenants share)."""
    values = {"title": title, "body": body, "keywords": keywords, "tenant": tenant}
    with transaction.atomic(), every_tenant():
        entry, _ = SearchEntry.objects.update_or_create(
            kind=kind, object_id=str(object_id), defaults=values
        )
        backends.current().store(entry)


def remove(kind: str, object_id: str | int) -> None:
    with every_tenant():
        _delete(SearchEntry.objects.filter(kind=kind, object_id=str(object_id)))


def clear(kind: str) -> None:
    """Remove every document of ``kind`` that the scope sees (with every tenant: all)."""
    _delete(SearchEntry.objects.filter(kind=kind))


def _delete(entries: QuerySet[SearchEntry]) -> None:
    with transaction.atomic():
        backends.current().forget(list(entries.values_list("pk", flat=True)))
        entries.delete()


def search(kind: str, query: str, *, limit: int = 50) -> list[Hit]:
    """Documents of ``kind`` matching every word of ``query``, best first: the shared ones
    and those of the tenant in scope (every tenant's in the operator's scope)."""
    scope = active()
    if scope is None:
        raise ScopeMissing("search without a tenant scope")
    groups = expand_query(query)
    if not groups or limit < 1:
        return []
    tenant_id = scope.tenant.pk if scope.tenant is not None else None
    rows = backends.current().query(kind, groups, limit, tenant_id)
    return [Hit(object_id, rank) for object_id, rank in rows]


def expand_query(query: str) -> list[list[str]]:
    """The normalised query words (at most 12), each as a list of OR alternatives: the word
    itself, matched as a prefix, then its synonyms, matched as whole words."""
    synonyms = _synonyms_by_stem()
    groups = []
    for term in text.query_terms(query):
        alternatives = [term, *synonyms.get(text.stem(term), [])]
        groups.append(list(dict.fromkeys(alternatives)))
    return groups


@functools.cache
def _synonyms_by_stem() -> dict[str, list[str]]:
    by_stem: dict[str, list[str]] = {}
    for key, values in SYNONYMS.items():
        by_stem.setdefault(text.stem(key.casefold()), []).extend(v.casefold() for v in values)
    return by_stem

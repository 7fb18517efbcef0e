"""The vendor-specific half of the search: writing the searchable form and querying it.

A query arrives as groups of words (``services.expand_query``): the groups combine with
AND, the words in a group with OR. The first word of a group (the one the user typed)
matches as a prefix of a stemmed token, its synonyms after it as whole words. Words hold
only letters and digits, so they are safe inside the quoted query syntax of both FTS5 and
``to_tsquery``.
"""

from __future__ import annotations

from typing import Protocol

from django.db import connection

from rathaus.search import text
from rathaus.search.models import SearchEntry

# The tables (search_fts only on SQLite) are created by migration 0001. The SQL below is
# literal so that nothing but parameters varies; FTS5 column order: title, keywords, body.
_SQLITE_DELETE = "DELETE FROM search_fts WHERE rowid = %s"
_SQLITE_INSERT = "INSERT INTO search_fts (rowid, title, keywords, body) VALUES (%s, %s, %s, %s)"
_SQLITE_QUERY = """
    SELECT e.object_id, -bm25(search_fts, 10.0, 4.0, 1.0) AS score
    FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid
    WHERE search_fts MATCH %s AND e.kind = %s AND (%s OR e.tenant_id IS NULL OR e.tenant_id = %s)
    ORDER BY score DESC, e.id LIMIT %s
"""
# ts_rank_cd (normalised into [0, 1)) plus 1 when the title alone matches the whole query:
# unlike bm25 it grows with every repetition, so weights alone would let a long body win.
_POSTGRESQL_QUERY = """
    SELECT object_id, (document @@ to_tsquery('german', %s))::int + ts_rank_cd(document, q, 32)
        AS score
    FROM search_searchentry, to_tsquery('german', %s) AS q
    WHERE kind = %s AND document @@ q AND (%s OR tenant_id IS NULL OR tenant_id = %s)
    ORDER BY score DESC, id LIMIT %s
"""

Row = tuple[str, float]


class Backend(Protocol):
    def store(self, entry: SearchEntry) -> None: ...
    def forget(self, entry_ids: list[int]) -> None: ...
    def query(
        self, kind: str, groups: list[list[str]], limit: int, tenant_id: int | None
    ) -> list[Row]: ...


class SqliteBackend:
    """FTS5 rows keyed by the entry's id, holding the text stemmed in Python."""

    def store(self, entry: SearchEntry) -> None:
        columns = (entry.title, entry.keywords, entry.body)
        with connection.cursor() as cursor:
            cursor.execute(_SQLITE_DELETE, [entry.pk])
            cursor.execute(_SQLITE_INSERT, [entry.pk, *map(text.indexed, columns)])

    def forget(self, entry_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(_SQLITE_DELETE, [[entry_id] for entry_id in entry_ids])

    def query(
        self, kind: str, groups: list[list[str]], limit: int, tenant_id: int | None
    ) -> list[Row]:
        match = " AND ".join(_fts5_group(group) for group in groups)
        return _fetch(_SQLITE_QUERY, [match, kind, *_tenant(tenant_id), limit])


class PostgresBackend:
    """A generated ``document`` tsvector column (weights A/B/C) with a GIN index."""

    def store(self, entry: SearchEntry) -> None:
        """Nothing to do: PostgreSQL computes ``document`` from the row itself."""

    def forget(self, entry_ids: list[int]) -> None:
        """Nothing to do: ``document`` goes with the row."""

    def query(
        self, kind: str, groups: list[list[str]], limit: int, tenant_id: int | None
    ) -> list[Row]:
        # Quoted operands are stemmed by the `german` configuration; a stop word or a word
        # without lexemes is dropped by PostgreSQL instead of being a syntax error.
        in_title = " & ".join(_tsquery_group(group, "A") for group in groups)
        tsquery = " & ".join(_tsquery_group(group) for group in groups)
        return _fetch(_POSTGRESQL_QUERY, [in_title, tsquery, kind, *_tenant(tenant_id), limit])


def _tenant(tenant_id: int | None) -> list[object]:
    """Parameters of the tenant condition: every entry (None) or the tenant's and shared."""
    return [tenant_id is None, tenant_id or 0]


def _fts5_group(group: list[str]) -> str:
    first, *synonyms = (text.stem(word) for word in group)
    return "(" + " OR ".join([f'"{first}"*', *(f'"{word}"' for word in synonyms)]) + ")"


def _tsquery_group(group: list[str], weight: str = "") -> str:
    """The group as tsquery; ``weight`` "A" restricts every word to the title."""
    first, *synonyms = group
    whole = f":{weight}" if weight else ""
    operands = [f"'{first}':*{weight}", *(f"'{word}'{whole}" for word in synonyms)]
    return "(" + " | ".join(operands) + ")"


def _fetch(sql: str, params: list) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(object_id, float(score)) for object_id, score in cursor.fetchall()]


def current() -> Backend:
    """The backend of the default database."""
    if connection.vendor == "sqlite":
        return SqliteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"rathaus.search does not support {connection.vendor}")

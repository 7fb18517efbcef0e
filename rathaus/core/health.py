"""Readiness of the installation: database reachable and every migration applied."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


@dataclass(frozen=True)
class Health:
    ok: bool
    database: str
    migrations: str


def check_health() -> Health:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return Health(False, "unreachable", "unknown")
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return Health(False, "ok", "unknown")
    if plan:
        return Health(False, "ok", f"{len(plan)} unapplied")
    return Health(True, "ok", "applied")

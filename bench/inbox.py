"""The clerk's inbox with a million cases over 400 authorities, on SQLite and PostgreSQL.

Generates ``BENCH_CASES`` cases (default 1,000,000) spread over 400 authorities, then
measures for one clerk the first inbox page and a filtered page (state "rueckfrage",
overdue) as the whole rendered view (counts, filters, table) and as the query alone,
against the raw SQL query that selects the same rows. Prints p50/p95 and ratios; the
target is p95 <= 50 ms for the page. Each database runs in a child process with a fresh
test database. Run: ``make bench`` (or ``python bench/inbox.py``).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = int(os.environ.get("BENCH_CASES", "1000000"))
AUTHORITIES = 400
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "100"))
BATCH = 20_000
STATES = ["eingegangen", "in_bearbeitung", "rueckfrage", "entschieden", "abgeschlossen"]
sys.path.insert(0, str(ROOT))
from bench.submit_throughput import POSTGRES, postgres_reachable  # noqa: E402
from bench.testdb import run_child, run_parent  # noqa: E402


def parent() -> None:
    targets = [("SQLite", "")] + ([("PostgreSQL", POSTGRES)] if postgres_reachable() else [])
    print(f"inbox: {CASES:,} cases over {AUTHORITIES} authorities, {ROUNDS} rounds per page")
    run_parent(__file__, targets, report)


def report(label: str, result: dict) -> None:
    own, seconds = result["own"], result["generated_s"]
    print(f"  {label} (generated in {seconds:.0f} s; {own:,} cases belong to the clerk)")
    for name in ("first page", "filtered page"):
        view, query, raw = (result[name][k] for k in ("view", "query", "raw"))
        print(
            f"    {name:<14} view p50 {view[0]:6.1f} ms p95 {view[1]:6.1f} ms | "
            f"query p50 {query[0]:5.1f} p95 {query[1]:5.1f} | raw SQL p50 {raw[0]:5.1f} "
            f"p95 {raw[1]:5.1f} | ratio view/raw p95 {view[1] / max(raw[1], 0.001):5.1f}"
        )


def child() -> None:
    run_child("bench-inbox", measure)


def generate() -> tuple[object, int]:
    """Authorities, one published definition, and CASES submissions with their cases."""
    from django.db import connection, transaction
    from django.utils import timezone

    from rathaus.catalog.loading import load_catalog
    from rathaus.catalog.models import Service
    from rathaus.core import importers
    from rathaus.core.models import Authority, Territory
    from rathaus.definitions.services import SHIPPED_DIR, load_shipped

    importers.import_shipped_extract()
    version = load_shipped([SHIPPED_DIR / "eheurkunde.yaml"])[0]
    load_catalog()
    service = Service.objects.get(slug="eheurkunde")
    places = list(Territory.objects.filter(level="gemeinde").order_by("key")[:AUTHORITIES])
    authorities = Authority.objects.bulk_create(
        [Authority(name=f"Behörde {p.short_name}", slug=f"b-{p.key}", territory=p) for p in places]
    )
    now = timezone.now()
    with connection.cursor() as cursor, transaction.atomic():
        for start in range(0, CASES, BATCH):
            numbers = range(start, min(start + BATCH, CASES))
            submissions, cases = [], []
            for n in numbers:
                ident = uuid_text(n, connection.vendor)
                authority = authorities[n % AUTHORITIES]
                at = now - timedelta(minutes=n)
                submissions.append((
                    ident, f"HE-2026-{n:07d}", version.pk, service.pk, authority.pk,
                    authority.territory_id, "{}", "{}", "de", at, at.date(), "", "",
                    authority.tenant_id,
                ))  # fmt: skip
                state = STATES[n % len(STATES)]
                cases.append((n + 1, ident, authority.pk, state, "default",
                              1, at, at + timedelta(days=5), "", at, at,
                              authority.tenant_id))  # fmt: skip
            cursor.executemany(
                "INSERT INTO submissions_submission (id, reference, version_id, service_id, "
                "authority_id, municipality_id, answers, fees, language, submitted_at, "
                "retain_until, contact_email, receipt, tenant_id) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                submissions,
            )
            cursor.executemany(
                "INSERT INTO cases_case (id, submission_id, authority_id, state, workflow, "
                "version, state_since, due_at, outcome, created_at, updated_at, tenant_id) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                cases,
            )
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('cases_case', 'id'), %s)", [CASES + 1]
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    return authorities[7], CASES // AUTHORITIES


def uuid_text(number: int, vendor: str) -> str:
    """A UUID as the database stores it (SQLite: 32 hex digits; PostgreSQL: native)."""
    value = uuid.UUID(int=number + 1)
    return value.hex if vendor == "sqlite" else str(value)


def timed(function, rounds: int) -> tuple[float, float]:
    function()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def measure() -> dict:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from rathaus.accounts import services as accounts
    from rathaus.accounts.models import Role
    from rathaus.authentication.testing import login_with_second_factor
    from rathaus.cases import inbox

    start = time.perf_counter()
    authority, own = generate()
    generated = time.perf_counter() - start
    clerk = accounts.create_staff(
        "clerk@bench.invalid", "Bench-Passwort-2026", authority, Role.CLERK
    )
    client = Client()
    login_with_second_factor(client, clerk)
    raw = (
        "SELECT c.id, c.state, c.created_at, s.reference, v.name FROM cases_case c "
        "JOIN submissions_submission s ON s.id = c.submission_id "
        "JOIN catalog_service v ON v.id = s.service_id WHERE c.authority_id = %s {extra} "
        "ORDER BY c.created_at DESC, c.id DESC LIMIT 26"
    )

    def raw_query(extra: str, params: list) -> None:
        with connection.cursor() as cursor:
            cursor.execute(raw.format(extra=extra), [authority.pk, *params])
            cursor.fetchall()

    result = {"generated_s": generated, "own": own}
    overdue = inbox.Filters(state="rueckfrage", overdue=True)
    pages = {
        "first page": ("", inbox.Filters(), "", []),
        "filtered page": ("?state=rueckfrage&overdue=on", overdue,
                          "AND c.state = %s AND c.due_at < %s", ["rueckfrage", timezone.now()]),
    }  # fmt: skip
    for name, (query, filters, extra, params) in pages.items():
        response = client.get(f"/verwaltung/vorgaenge/{query}")
        assert response.status_code == 200, response.status_code
        result[name] = {
            "view": timed(lambda q=query: client.get(f"/verwaltung/vorgaenge/{q}"), ROUNDS),
            "query": timed(lambda f=filters: inbox.page(clerk, f), ROUNDS),
            "raw": timed(lambda e=extra, p=params: raw_query(e, p), ROUNDS),
        }
    return result


if __name__ == "__main__":
    child() if os.environ.get("BENCH_CHILD") else parent()

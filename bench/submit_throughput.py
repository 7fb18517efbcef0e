"""Submissions per second, end to end, on SQLite and (when reachable) PostgreSQL.

One round is what a citizen's browser causes: start a draft, save the four steps of the
shipped Eheurkunde, submit (reference, case, audit entry in one transaction), then the
after-submit work (receipt PDF, postbox message, mail) that the task worker would do,
run here inline. The baseline in the same run is the rate of raw SQL inserts of a row
with the same JSON answers, one transaction each, on the same database.

Each database runs in a child process with a fresh test database. Run: ``make bench``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "100"))
POSTGRES = "postgres://postgres@127.0.0.1:5432/rathaus_bench"


def postgres_database(name: str, create: bool = True) -> str:
    """A fresh database ``name`` on the local PostgreSQL (dropped first, connections
    closed); ``create=False`` only drops it. Returns its URL."""
    import psycopg

    server = POSTGRES.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


def postgres_reachable() -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", 5432)) == 0


def parent() -> None:
    targets = [("SQLite", "")] + ([("PostgreSQL", POSTGRES)] if postgres_reachable() else [])
    print(f"submit_throughput: {ROUNDS} submissions of the Eheurkunde per database")
    for label, url in targets:
        env = {**os.environ, "BENCH_CHILD": "1", "DATABASE_URL": url}
        if not url:
            env.pop("DATABASE_URL", None)
        output = subprocess.run(
            [sys.executable, __file__],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if output.returncode != 0:
            print(f"  {label}: failed\n{output.stderr[-2000:]}")
            continue
        result = json.loads(output.stdout.strip().splitlines()[-1])
        print(
            f"  {label:<10} {result['per_s']:7.1f} submissions/s   "
            f"raw inserts {result['raw_per_s']:8.1f}/s   ratio {result['ratio']:.4f}"
        )


def child() -> None:
    sys.path.insert(0, str(ROOT))
    from bench.testdb import run_child

    run_child("bench-submit", measure)


def prepare():
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from rathaus.accounts import services as accounts
    from rathaus.catalog.loading import load_catalog
    from rathaus.catalog.models import Offer, Service
    from rathaus.core import importers
    from rathaus.core.models import Authority, Territory
    from rathaus.definitions.services import SHIPPED_DIR, load_shipped

    importers.import_shipped_extract()
    load_shipped([SHIPPED_DIR / "eheurkunde.yaml"])
    load_catalog()
    darmstadt = Territory.objects.get(key="06411000")
    registry = Authority.objects.create(name="Standesamt", slug="standesamt", territory=darmstadt)
    service = Service.objects.get(slug="eheurkunde")
    Offer.objects.create(service=service, authority=registry, territory=darmstadt)
    user = accounts.create_citizen("bench@example.org", "Bench-Passwort-2026", "Ben", "Chmark")
    return service, darmstadt, user, SessionStore()


def one_submission(service, municipality, user, session) -> None:
    from django.http import QueryDict

    from rathaus.submissions import services
    from rathaus.submissions.stepdata import StepInput
    from tests.service_fixtures import eheurkunde_steps

    draft = services.start_draft(service, municipality, user, session)
    steps = services.navigation(draft).steps
    for step, data in zip(steps, eheurkunde_steps(), strict=True):
        post = QueryDict(mutable=True)
        for key, value in data.items():
            post[key] = value
        assert services.save_step(draft, step, StepInput(post)).valid
    draft.refresh_from_db()
    services.submit(draft, str(draft.idempotency_key), user)


def raw_inserts(rounds: int, answers: str) -> float:
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_raw (id integer primary key, answers text)")
    start = time.perf_counter()
    for number in range(rounds):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_raw VALUES (%s, %s)", [number, answers])
    return rounds / (time.perf_counter() - start)


def measure() -> dict[str, float]:
    from rathaus.submissions.models import Submission

    service, municipality, user, session = prepare()
    one_submission(service, municipality, user, session)  # warm up
    start = time.perf_counter()
    for _ in range(ROUNDS):
        one_submission(service, municipality, user, session)
    per_s = ROUNDS / (time.perf_counter() - start)
    assert Submission.objects.count() == ROUNDS + 1
    answers = json.dumps(Submission.objects.first().answers)
    raw_per_s = raw_inserts(ROUNDS * 10, answers)
    return {"per_s": per_s, "raw_per_s": raw_per_s, "ratio": per_s / raw_per_s}


if __name__ == "__main__":
    child() if os.environ.get("BENCH_CHILD") else parent()

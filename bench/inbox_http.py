"""The clerk's inbox first page through gunicorn, with a million cases, against the one-file page.

Generates ``BENCH_CASES`` cases (default 1,000,000) over 400 authorities with
``bench/inbox.py``'s generator into a fresh database (SQLite in a temporary directory;
PostgreSQL ``rathaus_bench_inbox`` when one answers on 127.0.0.1:5432), signs a clerk
of one authority in (a session with her verified second factor, as after the TOTP step),
then serves Rathaus with its production settings and ``bench/onefile/`` under the same
gunicorn (``BENCH_WORKERS``, default 2) and drives both with wrk at 32 connections for
``BENCH_SECONDS`` (default 8): the one-file page before and after, the inbox's first page
between, then the floor of any page for her (the layout around an empty page). Prints
requests/s, p50, p99 and the shares of the one-file page (goal of issue 16 for the inbox:
>= 20 %). Needs ``wrk``. Run: ``python bench/inbox_http.py [--no-postgres]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import wrk  # noqa: E402
from bench.http_pages import serve_onefile, warm  # noqa: E402
from bench.http_throughput import PY, ROOT, WORKERS, environment  # noqa: E402
from bench.http_throughput import serve as serve_rathaus  # noqa: E402
from bench.inbox import CASES  # noqa: E402
from bench.submit_throughput import postgres_database, postgres_reachable  # noqa: E402

DATABASE = "rathaus_bench_inbox"

SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
INBOX = "/verwaltung/vorgaenge/"
FLOOR = "/bench/signed-layout"  # the layout around an empty page for the same clerk
GOAL = 0.20


def generate_and_sign_in() -> None:
    """Child (bench settings, the bench's database): the cases, a clerk, her session."""
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from bench.inbox import generate
    from rathaus.accounts import services as accounts
    from rathaus.accounts.models import Role
    from rathaus.authentication.services import SECOND_FACTOR_SESSION_KEY
    from rathaus.tenants import scope, services

    with scope.activate(services.ensure(settings.RATHAUS_TENANT)):
        started = time.perf_counter()
        authority, own = generate()
        seconds = time.perf_counter() - started
        clerk = accounts.create_staff("clerk@bench.invalid", "Bench-Passwort-2026", authority,
                                      Role.CLERK)  # fmt: skip
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(clerk.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = clerk.get_session_auth_hash()
        session[SECOND_FACTOR_SESSION_KEY] = clerk.pk
        session.create()
        accounts.keep_staff_status(clerk)  # what a login does
    cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    print(json.dumps({"cookie": cookie, "own": own, "generated_s": seconds}))


def measure(label: str, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="rathaus-bench-inbox-") as tmpdir:
        env = environment(Path(tmpdir))
        if database_url:
            env["DATABASE_URL"] = database_url
        for args in (["migrate", "--noinput", "-v", "0"],
                     ["collectstatic", "--noinput", "-v", "0"]):  # fmt: skip
            subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True,
                           capture_output=True)  # fmt: skip
        child = subprocess.run([PY, __file__, "--child"], cwd=ROOT, env=env, check=False,
                               capture_output=True, text=True)  # fmt: skip
        if child.returncode != 0:
            raise SystemExit(f"generating the cases failed:\n{child.stderr[-3000:]}")
        signed = json.loads(child.stdout.strip().splitlines()[-1])
        rathaus, port = serve_rathaus(env)
        onefile, base_port = serve_onefile(env)
        headers = {"Cookie": signed["cookie"]}
        try:
            warm(port, INBOX, headers)
            warm(base_port, "/", {})
            before = wrk.run(base_port, ["/"], seconds=SECONDS)
            inbox = wrk.run(port, [INBOX], seconds=SECONDS, headers=headers)
            floor = wrk.run(port, [FLOOR], seconds=SECONDS, headers=headers)
            after = wrk.run(base_port, ["/"], seconds=SECONDS)
        finally:
            for server in (rathaus, onefile):
                server.terminate()
                server.wait(timeout=30)
    report(label, signed, inbox, floor, [before, after])


def report(label: str, signed: dict, inbox: dict, floor: dict, baseline: list[dict]) -> None:
    base = max(baseline, key=lambda run: run["rps"])  # the stricter share
    share = inbox["rps"] / base["rps"]
    print(f"  {label} ({CASES:,} cases generated in {signed['generated_s']:.0f} s; "
          f"{signed['own']:,} belong to the clerk's authority)")  # fmt: skip
    print(f"  {'page':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'share':>7}")
    for name, row in (("one-file page (before)", baseline[0]), ("inbox, first page", inbox),
                      ("floor: empty layout", floor),
                      ("one-file page (after)", baseline[1])):  # fmt: skip
        flag = f" ({row['bad']} non-2xx/3xx, {row['errors']} errors)" if row["bad"] or row[
            "errors"] else ""  # fmt: skip
        print(f"  {name:<26} {row['rps']:8.1f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} "
              f"{row['rps'] / base['rps']:7.1%}{flag}")  # fmt: skip
    verdict = "met" if share >= GOAL else "NOT met"
    print(f"  inbox share {share:.1%} (goal >= {GOAL:.0%}: {verdict})")
    if inbox["bad"] or inbox["errors"]:
        raise SystemExit("the inbox did not answer 200 every time: figures are not valid")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only-postgres", action="store_true")
    args = parser.parse_args()
    if args.child:
        return generate_and_sign_in()
    if not wrk.available():
        raise SystemExit("bench/inbox_http.py needs wrk: apt-get install wrk (make bench does)")
    print(f"inbox_http: the clerk's first inbox page, gunicorn {WORKERS} workers, wrk 32 "
          f"connections, {SECONDS:.0f} s per run")  # fmt: skip
    if not args.only_postgres:
        measure("SQLite", None)
    if not args.no_postgres and postgres_reachable():
        try:
            measure("PostgreSQL", postgres_database(DATABASE))
        finally:
            postgres_database(DATABASE, create=False)


if __name__ == "__main__":
    main()

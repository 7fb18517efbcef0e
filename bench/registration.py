"""Event registrations per second through the public form, against a bare row insert.

Starts Rathaus under gunicorn with production settings (``bench.settings``) on a fresh
database: SQLite in a temporary directory, and PostgreSQL when one answers on
127.0.0.1:5432 (database ``rathaus_bench_registration``, dropped afterwards). One
published event with 400 seats. Then 32 concurrent keep-alive clients, each with its own
CSRF cookie from one GET of the form, POST the public registration form
(``events:register``: validation, event row lock, seat count, insert, audit entry, mail
queued) with a new e-mail address each time, until ``BENCH_COUNT`` registrations or
``BENCH_SECONDS`` have passed; the same clients then POST ``/bench/insert`` (one row in
one transaction, no checks) as the baseline. Prints both rates, their ratio, and checks
that no more than 400 are confirmed. Run: ``make bench`` (or ``python bench/registration.py``).
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_throughput import PY, environment, free_port, wait_until_up  # noqa: E402
from bench.submit_throughput import postgres_database, postgres_reachable  # noqa: E402

CLIENTS = 32
CAPACITY = 400
COUNT = int(os.environ.get("BENCH_COUNT", "2000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
PG_NAME = "rathaus_bench_registration"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SETUP = f"""
from datetime import timedelta
from django.db import connection
from django.utils import timezone
from rathaus.core.models import Authority, Territory
from rathaus.events.models import Event
from rathaus.tenants import scope, services
tenant_scope = scope.activate(services.ensure("hessen"))  # kept: a dropped one ends
tenant_scope.__enter__()  # the default tenant, as its requests
land = Territory.objects.get(key="06")
office = Authority.objects.create(name="Geschäftsstelle", slug="bench-office", territory=land)
start = timezone.now() + timedelta(days=30)
Event.objects.create(slug="bench-kongress", title="Kongress", kind="kongress",
    format="praesenz", state="published", summary="Bench", starts_at=start,
    ends_at=start + timedelta(hours=8), capacity={CAPACITY}, organiser=office,
    retention_until=(start + timedelta(days=90)).date())
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE bench_row (id {{}} PRIMARY KEY, email varchar(254))".format(
        "SERIAL" if connection.vendor == "postgresql" else "INTEGER"))
"""
COUNT_SQL = """
from rathaus.events.models import Registration
from rathaus.tenants import scope, services
tenant_scope = scope.activate(services.ensure("hessen"))
tenant_scope.__enter__()
print("COUNTS", Registration.objects.filter(status="confirmed").count(),
      Registration.objects.filter(status="waiting").count())
"""


class Run:
    """Shared state of the clients: a budget of requests, a counter, the outcomes."""

    def __init__(self, deadline: float):
        self.lock = threading.Lock()
        self.budget, self.number, self.ok, self.errors = COUNT, 0, 0, 0
        self.deadline = deadline

    def next(self) -> int | None:
        with self.lock:
            if self.budget <= 0 or time.monotonic() >= self.deadline:
                return None
            self.budget -= 1
            self.number += 1
            return self.number

    def done(self, ok: bool) -> None:
        with self.lock:
            if ok:
                self.ok += 1
            else:
                self.errors += 1


def csrf(conn: http.client.HTTPConnection, path: str) -> tuple[str, str]:
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read().decode()
    cookie = next(
        (c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []
         if "csrftoken=" in c.split(";")[0]), ""
    )  # fmt: skip
    match = TOKEN.search(body)
    if response.status != 200 or not cookie or not match:
        raise SystemExit(f"the registration form did not answer with a form ({response.status})")
    return cookie, match.group(1)


def client(port: int, path: str, run: Run, register: bool) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cookie, token = csrf(conn, path) if register else ("", "")
    while (number := run.next()) is not None:
        email = f"person{number}@bench.example"
        fields = {"given_name": "Bench", "family_name": f"Nr {number}", "email": email,
                  "csrfmiddlewaretoken": token}  # fmt: skip
        headers = {"Host": "127.0.0.1", "Cookie": cookie,
                   "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
        try:
            conn.request("POST", path, body=urlencode(fields), headers=headers)
            response = conn.getresponse()
            response.read()
            run.done(response.status in (200, 302) if not register else response.status == 302)
        except (OSError, http.client.HTTPException):
            run.done(False)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.close()


def drive(port: int, path: str, register: bool) -> dict[str, float]:
    started = time.monotonic()
    run = Run(started + SECONDS)
    threads = [threading.Thread(target=client, args=(port, path, run, register))
               for _ in range(CLIENTS)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return {"ok": run.ok, "errors": run.errors, "seconds": wall, "per_s": run.ok / wall}


def manage(env: dict[str, str], *args: str, code: str = "") -> str:
    command = [PY, "manage.py", *args] + (["-c", code] if code else [])
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def measure(label: str, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="rathaus-bench-") as tmpdir:
        env = environment(Path(tmpdir))
        if database_url:
            env["DATABASE_URL"] = database_url
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_territory")
        manage(env, "shell", code=SETUP)
        port = free_port()
        server = subprocess.Popen(
            [PY, "-m", "gunicorn", "rathaus.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", WORKERS, "--log-level", "warning"], cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            wait_until_up(port, server)
            form = drive(port, "/veranstaltungen/bench-kongress/anmelden/", register=True)
            bare = drive(port, "/bench/insert", register=False)
        finally:
            server.terminate()
            server.wait(timeout=30)
        counts = re.search(r"COUNTS (\d+) (\d+)", manage(env, "shell", code=COUNT_SQL))
        assert counts is not None
        confirmed, waiting = int(counts.group(1)), int(counts.group(2))
    report(label, form, bare, confirmed, waiting)


def report(label: str, form: dict, bare: dict, confirmed: int, waiting: int) -> None:
    print(f"  {label}")
    for name, result in (("registration form", form), ("bare row insert", bare)):
        print(f"    {name:<18} {result['per_s']:8.1f}/s  ({result['ok']} ok, "
              f"{result['errors']} errors, {result['seconds']:.1f} s)")  # fmt: skip
    print(f"    ratio registration/insert {form['per_s'] / bare['per_s']:.3f}; "
          f"{confirmed} confirmed (seats {CAPACITY}), {waiting} waiting")  # fmt: skip
    if confirmed > CAPACITY or confirmed + waiting != form["ok"]:
        raise SystemExit("more confirmed than seats, or registrations lost: figures invalid")
    if form["errors"] or bare["errors"]:
        raise SystemExit("errors during the run: figures are not valid")


def main() -> None:
    print(f"registration: {CLIENTS} clients, gunicorn workers={WORKERS}, "
          f"<= {COUNT} requests / {SECONDS:.0f}s per kind")  # fmt: skip
    measure("SQLite", None)
    if postgres_reachable():
        try:
            measure("PostgreSQL", postgres_database(PG_NAME))
        finally:
            postgres_database(PG_NAME, create=False)
    else:
        print("  PostgreSQL: not reachable on 127.0.0.1:5432, skipped")


if __name__ == "__main__":
    main()

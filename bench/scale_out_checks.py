"""What bench/scale_out.py checks after its run: the webhook target counting deliveries,
the queue drained, and the rows, mails and deliveries counted against what the clients
saw. Each check prints PASS or FAIL with its figures."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench import mailbox
from bench.http_throughput import free_port
from bench.registration import CAPACITY, manage
from bench.scale_out_load import CITIZEN, Outcome

RECEIVED_SUBJECT = "Ihr Antrag ist eingegangen"
RELAY = """
from django.utils import timezone
from rathaus.core.models import OutboxTask
from rathaus.core.outbox import GRACE, relay
print("LEFT", sorted(OutboxTask.objects.values_list("task", "created_at")))
print("RELAYED", relay(now=timezone.now() + GRACE))
"""


class Receiver:
    """The specialist system: counts the webhook deliveries per submission reference."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        counts, lock = self.counts, threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with lock:
                    counts[body["metadata"]["reference"]] += 1
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{port}/fachverfahren"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def sql(database_url: str, query: str, *params: object) -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute(query, params or None).fetchall()  # type: ignore[arg-type]


def existing(database_url: str) -> set[str]:
    return {row[0] for row in sql(database_url, "SELECT id::text FROM submissions_submission")}


def wait_healthy(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("HAProxy did not answer /healthz")


def drain(database_url: str, redis_url: str, timeout: float = 120) -> float:
    """Seconds until the queue, the running jobs and the outbox are empty."""
    from redis import Redis
    from rq import Queue

    queue = Queue("default", connection=Redis.from_url(redis_url))
    started, idle = time.monotonic(), 0
    while time.monotonic() - started < timeout and idle < 3:  # empty three times in a row
        busy = queue.count + queue.started_job_registry.count
        busy += sql(database_url, "SELECT count(*) FROM core_outboxtask")[0][0]
        idle = idle + 1 if busy == 0 else 0
        time.sleep(0.5)
    return time.monotonic() - started


def relay_left(env: dict[str, str]) -> int:
    """After the drain, what a minute's ``relay_tasks`` would enqueue again."""
    output = manage(env, "shell", code=RELAY)
    print("  left in the outbox after the drain:", re.findall(r"LEFT (.*)", output)[0][:300])
    found = re.search(r"RELAYED (\d+)", output)
    return int(found.group(1)) if found else -1


@dataclass
class Figures:
    outcome: Outcome
    gave_up: list[str]
    kill: dict[str, float]
    seconds: float
    drained: float
    relayed: int
    delivered: Counter[str]
    mails: Path


def _subject(message: object) -> str:
    return str(make_header(decode_header(str(message["Subject"]))))  # type: ignore[index]


TASKS = """
SELECT s.reference, s.receipt <> '', s.notified_at IS NOT NULL,
  (SELECT count(*) FROM postbox_message m WHERE m.submission_id = s.id),
  (SELECT count(*) FROM deliveries_delivery d WHERE d.submission_id = s.id
     AND d.status = 'delivered'),
  (SELECT count(*) FROM deliveries_deliveryattempt a JOIN deliveries_delivery d
     ON a.delivery_id = d.id WHERE d.submission_id = s.id AND a.ok),
  EXISTS (SELECT 1 FROM submissions_draft r WHERE r.submission_id = s.id)
FROM submissions_submission s
"""


def report(database_url: str, before: set[str], figures: Figures) -> bool:
    """Print the figures and a verdict per check; True when any check failed."""
    rows = [row for row in sql(database_url, TASKS + " WHERE NOT (s.id::text = ANY(%s))",
                               list(before))]  # fmt: skip
    outcome = figures.outcome
    stored = {row[0] for row in rows}
    mails = mailbox.read(figures.mails)
    received = sum(
        1 for m in mails if str(m["To"]) == CITIZEN[0] and _subject(m) == RECEIVED_SUBJECT
    )
    per_address = Counter(str(m["To"]) for m in mails if str(m["To"]).endswith("@bench.example"))
    registrations = dict(sql(database_url, "SELECT email, status FROM events_registration "
                                           "WHERE email LIKE '%%@bench.example'"))  # fmt: skip
    confirmed = sum(1 for status in registrations.values() if status == "confirmed")
    kill = figures.kill
    window = (kill.get("killed", 0) - 0.1, kill.get("up", 0) + 5)
    during = [e for t, e in outcome.errors if window[0] <= t <= window[1]]
    outside = [e for t, e in outcome.errors if not window[0] <= t <= window[1]]
    print(f"  {outcome.requests} requests in {figures.seconds:.0f} s "
          f"({outcome.requests / figures.seconds:.1f}/s): "
          + ", ".join(f"{k} {v}" for k, v in sorted(outcome.kinds.items())))  # fmt: skip
    print(f"  app server 1 killed with {kill.get('in_flight', '?')} requests in flight, "
          f"up again after {kill.get('up', 0) - kill.get('killed', 0):.1f} s; "
          f"queue drained {figures.drained:.1f} s after the load, "
          f"{figures.relayed} tasks relayed from the outbox")  # fmt: skip
    checks = [
        ("every client finished its work", not figures.gave_up, "; ".join(figures.gave_up[:3])),
        ("no submission lost", outcome.references <= stored,
         f"{len(outcome.references)} confirmed to clients, {len(stored)} stored, "
         f"{len(outcome.references - stored)} confirmed but missing"),
        ("no submission duplicated", all(row[6] for row in rows) and len(rows) == len(stored),
         f"{sum(1 for row in rows if not row[6])} stored without their draft, "
         f"{len(stored - outcome.references)} never confirmed"),
        ("no registration over the seats", confirmed <= CAPACITY
         and outcome.registered <= set(registrations),
         f"{confirmed} confirmed of {CAPACITY} seats, "
         f"{len(registrations) - confirmed} waiting, {len(outcome.registered)} answered"),
        ("receipt and postbox message once per submission",
         all(row[1] and row[3] == 1 for row in rows),
         f"{sum(1 for r in rows if r[1])} receipts, {sum(r[3] for r in rows)} messages"),
        ("delivery once per submission",
         all(r[4] == 1 and r[5] == 1 and figures.delivered[r[0]] == 1 for r in rows),
         f"{sum(r[4] for r in rows)} delivered, {sum(figures.delivered.values())} received "
         f"by the webhook for {len(figures.delivered)} references"),
        ("mail once per submission", received == len(rows) and all(r[2] for r in rows),
         f"{received} 'received' mails for {len(rows)} submissions"),
        ("mail once per registration",
         set(per_address) == set(registrations) and set(per_address.values()) <= {1},
         f"{sum(per_address.values())} mails to {len(per_address)} addresses, "
         f"{len(registrations)} registrations"),
        ("nothing left in the queue or the outbox", figures.drained < 120, "after the relay"),
        ("errors during the kill <= requests in flight",
         len(during) <= kill.get("in_flight", 0),
         f"{len(during)} errors during the kill: {'; '.join(during[:4])}"),
        ("no errors outside the kill", not outside, "; ".join(outside[:4])),
    ]  # fmt: skip
    for name, passed, detail in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {name}" + (f": {detail}" if detail else ""))
    return not all(passed for _name, passed, _detail in checks)

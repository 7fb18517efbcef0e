"""Scale-out on one machine: two app servers behind HAProxy, PostgreSQL and Redis shared,
one app server killed and started again under load; afterwards nothing is lost or doubled.

Two gunicorn processes (``BENCH_WORKERS`` sync workers each, production settings) on two
ports behind Debian's HAProxy (health check ``/healthz``), one PostgreSQL database
(``rathaus_bench_scale_out``, dropped afterwards), one free Redis database for the cache,
the sessions and the RQ tasks (flushed afterwards), two RQ workers. The clients
(``bench/scale_out_load.py``) read public pages, sign in and apply for the Eheurkunde,
and register for an event with 400 seats, for ``BENCH_SECONDS`` (default 75); after 40 %
of it one app server is killed (SIGKILL to its master and workers) and started again 3 s
later. Then the queue drains and the bench checks, printing PASS or FAIL per check and
exiting non-zero on a failure: no submission lost or doubled, no more confirmed
registrations than seats, every task (receipt, postbox message, delivery to a webhook,
mail) done exactly once, and no more failed requests than were in flight on the killed
server. Run: ``make bench`` (or ``python bench/scale_out.py``; needs haproxy).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import scale_out_checks as checks  # noqa: E402
from bench.http_pages import ANONYMOUS, first_link  # noqa: E402
from bench.http_pages import prepare as load_content  # noqa: E402
from bench.http_throughput import PY, WORKERS, environment, free_port, serve  # noqa: E402
from bench.registration import SETUP, manage  # noqa: E402
from bench.scale_out_load import run_clients  # noqa: E402
from bench.submit_throughput import postgres_database  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "75"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "3"))  # of each kind
DATABASE = "rathaus_bench_scale_out"
EVENT = "/veranstaltungen/bench-kongress/anmelden/"
ROUTE = """
from rathaus.catalog.models import Offer
from rathaus.deliveries.models import DeliveryRoute
from rathaus.tenants import scope, services
with scope.activate(services.ensure("hessen")):
    for offer in Offer.objects.filter(service__slug="eheurkunde"):
        DeliveryRoute.objects.get_or_create(offer=offer, defaults={{"plugin": "webhook",
            "config": {{"url": "{url}", "secret": "bench"}}}})
"""
STEPS = (
    "import json; from tests.service_fixtures import eheurkunde_steps as s; print(json.dumps(s()))"
)
HAPROXY = """global
    maxconn 512
    stats socket {dir}/haproxy.sock mode 600 level admin
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout queue 30s
    retries 3
    option redispatch 1
frontend rathaus
    bind 127.0.0.1:{port}
    default_backend app
backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server check inter 1s fall 3 rise 2 maxconn {workers}
    default-server observe layer4 error-limit 1 on-error mark-down
{servers}
"""


def free_redis_database() -> int:
    import redis

    for number in range(15, 0, -1):
        if redis.Redis(db=number).dbsize() == 0:
            return number
    raise SystemExit("no empty Redis database (1-15) for the bench")


def haproxy(tmp: Path, ports: list[int]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    servers = "\n".join(f"    server app{n} 127.0.0.1:{p}" for n, p in enumerate(ports, 1))
    config = tmp / "haproxy.cfg"
    config.write_text(HAPROXY.format(dir=tmp, port=port, workers=WORKERS, servers=servers))
    balancer = subprocess.Popen([shutil.which("haproxy") or "/usr/sbin/haproxy", "-db",
                                 "-f", str(config)])  # fmt: skip
    return balancer, port


def server_stats(tmp: Path, server: str) -> dict[str, int]:
    """HAProxy's figures of ``server``: requests being answered (scur), waiting in its queue
    for one of its workers (qcur), and sent to it so far (stot)."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(tmp / "haproxy.sock"))
        sock.sendall(b"show stat\n")
        data = b"".join(iter(lambda: sock.recv(65536), b"")).decode()
    header, *rows = data.lstrip("# ").splitlines()
    names = header.split(",")
    for row in rows:
        values = dict(zip(names, row.split(","), strict=False))
        if values.get("pxname") == "app" and values.get("svname") == server:
            return {key: int(values[key] or 0) for key in ("scur", "qcur", "stot")}
    raise SystemExit(f"HAProxy does not know {server}")


def stop(process: subprocess.Popen) -> None:
    """Terminate a process started with its own group, with everything it started."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)


def kill_and_restart(env: dict, apps: list, tmp: Path, at: float) -> dict[str, float]:
    """At ``at`` kill app server 1 (master and workers at once), start it 3 s later."""
    time.sleep(max(0.0, at - time.monotonic()))
    before = server_stats(tmp, "app1")
    killed = time.monotonic()
    os.killpg(apps[0][0].pid, signal.SIGKILL)
    apps[0][0].wait()
    time.sleep(3)  # HAProxy has marked it down by now: nothing more is sent to it
    after = server_stats(tmp, "app1")
    # In flight on the killed server: what it was answering or had queued at the kill, and
    # what HAProxy sent it before noticing that it was gone.
    flight = before["scur"] + before["qcur"] + after["stot"] - before["stot"]
    apps[0] = serve(env, port=apps[0][1], own_group=True)
    return {"in_flight": flight, "killed": killed, "up": time.monotonic()}


def run(tmp: Path, stack: ExitStack) -> int:
    redis_db = free_redis_database()
    redis_url = f"redis://127.0.0.1:6379/{redis_db}"
    stack.callback(lambda: __import__("redis").Redis(db=redis_db).flushdb())
    stack.callback(postgres_database, DATABASE, False)
    mails = tmp / "mail"
    mails.mkdir()
    env = {**environment(tmp), "DATABASE_URL": postgres_database(DATABASE), "CACHE_URL": redis_url,
           "SESSION_STORE": "cache", "REDIS_URL": redis_url, "TASKS_BACKEND": "immediate",
           "DJANGO_SETTINGS_MODULE": "bench.settings_scale_out",
           "BENCH_MAIL_DIR": str(mails)}  # fmt: skip
    receiver = checks.Receiver()
    stack.callback(receiver.close)
    load_content(env)
    manage(env, "shell", code=SETUP)
    manage(env, "shell", code=ROUTE.format(url=receiver.url))
    steps = json.loads(manage(env, "shell", code=STEPS).splitlines()[-1])
    for mail in mails.iterdir():  # the demo content's mails: not part of the run
        mail.unlink()
    env["TASKS_BACKEND"] = "rq"
    manage(env, "migrate", "--noinput", "-v", "0")  # django_rq's tables, installed with rq
    before = checks.existing(env["DATABASE_URL"])
    apps = [serve(env, own_group=True) for _ in range(2)]
    workers = [subprocess.Popen([PY, "manage.py", "rqworker", "default", "--with-scheduler",
                                 "-v", "0"], cwd=ROOT, env=env, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for _ in range(2)]  # fmt: skip
    for process in workers:
        stack.callback(stop, process)
    stack.callback(lambda: [stop(server) for server, _ in apps])
    balancer, port = haproxy(tmp, [p for _, p in apps])
    stack.callback(lambda: (balancer.terminate(), balancer.wait(timeout=10)))
    checks.wait_healthy(port)
    places = {"project": first_link(port, "/smart-region/projekte/",
                                    r'href="(/smart-region/projekte/[a-z0-9-]+/)"'),
              "event": first_link(port, "/veranstaltungen/",
                                  r'href="(/veranstaltungen/[a-z0-9-]+/)"')}  # fmt: skip
    pages = [path.format(**places) for _name, path in ANONYMOUS]
    print(f"scale_out: 2 app servers x {WORKERS} workers behind HAProxy, PostgreSQL, Redis "
          f"db {redis_db} (cache, sessions, RQ), 2 RQ workers; {CLIENTS} clients of each kind, "
          f"{SECONDS:.0f} s; app server 1 killed at {0.4 * SECONDS:.0f} s")  # fmt: skip
    kill: dict[str, float] = {}
    killer = threading.Thread(target=lambda: kill.update(
        kill_and_restart(env, apps, tmp, time.monotonic() + 0.4 * SECONDS)))  # fmt: skip
    started = time.monotonic()
    killer.start()
    outcome, gave_up = run_clients(port, SECONDS, pages, EVENT, steps, CLIENTS)
    killer.join()
    seconds = time.monotonic() - started
    drained = checks.drain(env["DATABASE_URL"], redis_url)
    relayed = checks.relay_left(env)
    if relayed:
        drained = checks.drain(env["DATABASE_URL"], redis_url)
    figures = checks.Figures(outcome, gave_up, kill, seconds, drained,
                             relayed, receiver.counts, mails)  # fmt: skip
    return checks.report(env["DATABASE_URL"], before, figures)


def main() -> None:
    if not shutil.which("haproxy") and not Path("/usr/sbin/haproxy").exists():
        raise SystemExit(
            "bench/scale_out.py needs haproxy: apt-get install haproxy (make bench does)"
        )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on kill as on Ctrl-C
    with tempfile.TemporaryDirectory(prefix="rathaus-bench-scale-") as tmpdir, ExitStack() as stack:
        try:
            failed = run(Path(tmpdir), stack)
        except subprocess.CalledProcessError as error:
            raise SystemExit(f"{error.cmd[:4]} failed:\n{(error.stderr or '')[-3000:]}") from None
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

"""HTTP throughput of the home page against a bare Django view, in the same run.

Starts Rathaus under gunicorn with production settings on 127.0.0.1 (a fresh SQLite
database in a temporary directory, migrated, territory loaded, static files collected),
then drives a bounded load (request count and time) from a second process against
/bench/bare (baseline: routing + the whole middleware stack, no template) and / (the home
page). Prints requests/s and p95 of both and, last, their ratio, which survives a noisy
machine better than the absolute figures.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
COUNT = int(os.environ.get("BENCH_COUNT", "3000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        RATHAUS_SITE_URL="https://127.0.0.1",  # production refuses http; no mail is sent
        EMAIL_URL="smtp://127.0.0.1:25",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(env: dict[str, str]) -> None:
    for args in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PY, "manage.py", "load_territory"], cwd=ROOT, env=env, check=True, capture_output=True
    )


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before serving")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz in time")


def serve(
    env: dict[str, str], port: int | None = None, own_group: bool = False
) -> tuple[subprocess.Popen, int]:
    """gunicorn on ``port`` (else a free one) of 127.0.0.1, answering /healthz; with
    ``own_group`` in a process group of its own (master and workers die together)."""
    port = port or free_port()
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "rathaus.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", WORKERS, "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=own_group,
    )  # fmt: skip
    try:
        wait_until_up(port, server)
    except SystemExit:
        server.kill()  # not left running when it never answered
        raise
    return server, port


def load(port: int, path: str, env: dict[str, str], host_header: str | None = None) -> dict:
    cmd = [PY, str(ROOT / "bench" / "load.py"), "--port", str(port), "--path", path]
    cmd += ["--count", str(COUNT), "--seconds", str(SECONDS)]
    cmd += ["--host-header", host_header] if host_header else []
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rathaus-bench-") as tmpdir:
        env = environment(Path(tmpdir))
        prepare(env)
        server, port = serve(env)
        try:
            load(port, "/bench/bare", env)  # warm-up: imports, template caches, connections
            load(port, "/", env)
            bare = load(port, "/bench/bare", env)
            home = load(port, "/", env)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"gunicorn workers={WORKERS}, load: 4 connections, <= {COUNT} requests / {SECONDS}s")
    for name, result in (("bare Django view", bare), ("home page", home)):
        print(
            f"{name:<17} {result['rps']:>8.1f} req/s  p50 {result['p50_ms']:>7.2f} ms  "
            f"p95 {result['p95_ms']:>7.2f} ms  ({result['requests']} ok, "
            f"{result['errors']} errors, {result['seconds']} s)"
        )
    if bare["errors"] or home["errors"]:
        raise SystemExit("errors during the run: figures are not valid")
    print(
        f"ratio home/bare: throughput {home['rps'] / bare['rps']:.2f}, "
        f"p95 latency {home['p95_ms'] / bare['p95_ms']:.2f}"
    )


if __name__ == "__main__":
    main()

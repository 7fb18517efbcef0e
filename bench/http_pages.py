"""Every page type people hit, under gunicorn, against a one-file Django page in the same run.

Rathaus runs with its production settings (2 sync workers, ``BENCH_WORKERS``) on SQLite
or PostgreSQL (``--postgres``) with the ``make run`` content (three Länder, catalogue,
projects, demo); the baseline is ``bench/onefile/app.py`` (one template, no database)
under the same gunicorn. wrk drives 32 connections per page for ``BENCH_SECONDS``
(default 8); the baseline is measured before the first, the middle and after the last
page and its median counts. Printed per page: requests/s, p50, p99, the share of the
baseline, and the goal (anonymous pages >= 50 %, signed-in >= 25 %, p99 <= 100 ms);
then the mixed load (every anonymous page in turn) and its share, and two floors of every
signed-in page (a signed-in view rendering nothing, and the layout around an empty page;
``bench/urls.py``). ``--growth`` renders
the catalogue and project search pages (page cache off) with the demo content and with
ten times as much (``bench/grow_content.py``) and prints both shares and their ratio
(goal: within 20 %). ``--pages`` and ``--cache`` pick a part. Needs ``wrk`` (``make
bench`` installs Debian's package).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import wrk  # noqa: E402
from bench.http_throughput import PY, ROOT, WORKERS, environment, free_port  # noqa: E402
from bench.http_throughput import serve as serve_rathaus  # noqa: E402
from bench.submit_throughput import postgres_database, postgres_reachable  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
ANONYMOUS = [
    ("home", "/"),
    ("home, English", "/en/"),
    ("catalogue", "/leistungen/"),
    ("catalogue, search", "/leistungen/?q=Pass"),
    ("catalogue, Gemeinde", "/leistungen/?gemeinde=06411000"),
    ("catalogue, English", "/en/leistungen/"),
    ("service with Gemeinde", "/leistungen/eheurkunde/?gemeinde=06411000"),
    ("municipality look-up", "/gebiete/suche/?q=Darm"),
    ("project search", "/smart-region/projekte/"),
    ("project search, text", "/smart-region/projekte/?q=Verkehr"),
    ("project search, facet", "/smart-region/projekte/?handlungsfeld=mobilitaet"),
    ("project page", "{project}"),
    ("events calendar", "/veranstaltungen/"),
    ("event page", "{event}"),
    ("OZG coverage", "/smart-region/ozg-abdeckung/"),
    ("legal page", "/impressum/"),
    ("legal page, English", "/en/datenschutz/"),
]
SIGNED_IN = [("Mein Konto", "/konto/"), ("postbox", "/konto/postfach/"), ("form step", "{step}")]
# What every signed-in page costs at least (bench/urls.py): no signed-in page can be faster
FLOORS = [("floor: signed in, no page", "/bench/signed"),
          ("floor: signed in, empty layout", "/bench/signed-layout")]  # fmt: skip
STEP_POST = "urkundenart=eheurkunde&anzahl=2&zweck=rente"


def prepare(env: dict[str, str]) -> None:
    def manage(*args: str) -> None:
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)

    for args in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"],
                 ["load_tenants"], ["load_territory"], ["load_catalog"],
                 ["import_model_projects"], ["load_demo", "--force"]):  # fmt: skip
        manage(*args)


def serve_onefile(env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "bench.onefile.app:application", "--bind", f"127.0.0.1:{port}",
         "--workers", WORKERS, "--log-level", "warning"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": ""},
    )  # fmt: skip
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return server, port
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the one-file app did not answer")


def first_link(port: int, page: str, pattern: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{page}", timeout=30) as response:
        html = response.read().decode()
    found = re.search(pattern, html)
    if found is None:
        raise SystemExit(f"no link like {pattern} on {page}")
    return found.group(1)


def warm(port: int, path: str, headers: dict[str, str]) -> None:
    for _ in range(10):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")


def measure(
    database: str, page_cache: bool, only: tuple[str, ...] = ("",), factor: int = 1
) -> dict:
    with tempfile.TemporaryDirectory(prefix="rathaus-bench-pages-") as tmpdir:
        env = environment(Path(tmpdir))
        env["PAGE_CACHE"] = "on" if page_cache else "off"
        if database == "PostgreSQL":
            env["DATABASE_URL"] = postgres_database("rathaus_bench_pages")
        prepare(env)
        if factor > 1:
            grown = subprocess.run(
                [PY, str(ROOT / "bench" / "grow_content.py"), str(factor)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            print(f"  content x{factor}: {grown.stdout.strip().splitlines()[-1]}")  # fmt: skip
        signed = json.loads(subprocess.run(
            [PY, str(ROOT / "bench" / "pages_session.py")], cwd=ROOT, env=env, check=True,
            capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1])  # fmt: skip
        rathaus, port = serve_rathaus(env)
        onefile, base_port = serve_onefile(env)
        try:
            places = {
                "project": first_link(port, "/smart-region/projekte/",
                                      r'href="(/smart-region/projekte/[a-z0-9-]+/)"'),
                "event": first_link(port, "/veranstaltungen/",
                                    r'href="(/veranstaltungen/[a-z0-9-]+/)"'),
                "step": signed["step"],
            }  # fmt: skip
            rows = run_all(port, base_port, places, signed, only)
        finally:
            for server in (rathaus, onefile):
                server.terminate()
                server.wait(timeout=30)
            if database == "PostgreSQL":
                postgres_database("rathaus_bench_pages", create=False)  # nothing left behind
    return rows


def run_all(port: int, base_port: int, places: dict, signed: dict, only: tuple[str, ...]) -> dict:
    cookie = {"Cookie": signed["cookie"]}
    pages = [(n, p.format(**places), {}, "anonymous") for n, p in ANONYMOUS]
    pages += [(n, p.format(**places), cookie, "signed-in") for n, p in SIGNED_IN]
    pages += [(n, p, cookie, "floor") for n, p in FLOORS]
    pages = [page for page in pages if any(part in page[0] for part in only)]
    for _name, path, headers, _kind in pages:
        warm(port, path, headers)
    warm(base_port, "/", {})
    baseline = [wrk.run(base_port, ["/"], seconds=SECONDS)]
    rows: dict = {}
    for number, (name, path, headers, kind) in enumerate(pages):
        rows[name] = (kind, wrk.run(port, [path], seconds=SECONDS, headers=headers))
        if number == len(pages) // 2:
            baseline.append(wrk.run(base_port, ["/"], seconds=SECONDS))
    post_headers = {**cookie, "Content-Type": "application/x-www-form-urlencoded"}
    body = f"csrfmiddlewaretoken={signed['csrf']}&{STEP_POST}"
    if any(part in "form step, valid POST" for part in only):
        rows["form step, valid POST"] = ("signed-in", wrk.run(
            port, [places["step"]], seconds=SECONDS, headers=post_headers, method="POST",
            body=body,
        ))  # fmt: skip
    if only == ("",):
        anonymous = [p.format(**places) for _n, p in ANONYMOUS]
        rows["mixed (every anonymous page)"] = ("mixed", wrk.run(port, anonymous,
                                                                 seconds=2 * SECONDS))  # fmt: skip
    baseline.append(wrk.run(base_port, ["/"], seconds=SECONDS))
    rows["one-file page (baseline)"] = ("baseline", _median(baseline))
    return rows


def _median(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


GOALS = {"anonymous": 0.50, "signed-in": 0.25, "mixed": 0.50}


def report(label: str, rows: dict) -> None:
    base = rows["one-file page (baseline)"][1]["rps"]
    print(f"  {label}: gunicorn {WORKERS} workers, wrk 32 connections, {SECONDS:.0f} s per page")
    print(f"  {'page':<30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'share':>7}  goal")
    shares = []
    for name, (kind, row) in rows.items():
        share = row["rps"] / base
        goal = GOALS.get(kind)
        verdict = ""
        if goal is not None:
            met = share >= goal and (kind != "anonymous" or row["p99_ms"] <= 100)
            verdict = f">= {goal:.0%}{', p99 <= 100' if kind == 'anonymous' else ''}: " + (
                "met" if met else "NOT met"
            )
        if kind == "anonymous":
            shares.append(share)
        flag = (
            f" ({row['bad']} non-2xx/3xx, {row['errors']} errors)"
            if row["bad"] or row["errors"]
            else ""
        )
        print(f"  {name:<30} {row['rps']:8.1f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} "
              f"{share:7.1%}  {verdict}{flag}")  # fmt: skip
    if shares:
        print(f"  slowest anonymous page: {min(shares):.1%} of the one-file page")


GROWTH = 10


def growth(database: str) -> None:
    """The pages whose cost could grow with the content, with the demo content and with
    ``GROWTH`` times as much, rendered (page cache off) and as served (on); each run
    against its own baseline."""
    grows = ("catalogue", "project search")
    pages = [name for name, _path in ANONYMOUS if name.startswith(grows)]
    for page_cache in (False, True):
        state = "on" if page_cache else "off"
        print(f"  {database}, page cache {state}: demo content and x{GROWTH}")
        runs = {factor: measure(database, page_cache, grows, factor) for factor in (1, GROWTH)}
        print(f"  {'page':<30} {'x1 share':>9} {f'x{GROWTH} share':>10} {'ratio':>7}  goal >= 0.8")
        for name in pages:
            shares = [runs[f][name][1]["rps"] / runs[f]["one-file page (baseline)"][1]["rps"]
                      for f in (1, GROWTH)]  # fmt: skip
            ratio = shares[1] / shares[0]
            bad = sum(runs[f][name][1]["bad"] + runs[f][name][1]["errors"] for f in (1, GROWTH))
            verdict = ("met" if ratio >= 0.8 else "NOT met") + (f" ({bad} failed)" if bad else "")
            print(f"  {name:<30} {shares[0]:9.1%} {shares[1]:10.1%} {ratio:7.2f}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--only-postgres", action="store_true")
    parser.add_argument("--cache", choices=("on", "off", "both"), default="both")
    parser.add_argument(
        "--pages", default="", help="only the pages whose name has one of these (comma-separated)"
    )
    growth_help = f"the catalogue and project search with {GROWTH}x the content"
    parser.add_argument("--growth", action="store_true", help=growth_help)
    args = parser.parse_args()
    if not wrk.available():
        raise SystemExit("bench/http_pages.py needs wrk: apt-get install wrk (make bench does)")
    print("http_pages: every page type against a one-file Django page, same run")
    databases = [] if args.only_postgres else ["SQLite"]
    if (args.postgres or args.only_postgres) and postgres_reachable():
        databases.append("PostgreSQL")
    for database in databases:
        if args.growth:
            growth(database)
            continue
        for page_cache in {"on": (True,), "off": (False,), "both": (False, True)}[args.cache]:
            label = f"{database}, page cache {'on' if page_cache else 'off'}"
            report(label, measure(database, page_cache, tuple(args.pages.split(","))))


if __name__ == "__main__":
    main()

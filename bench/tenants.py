"""Tenancy overhead: the portal pages with three tenants and their content against the same
pages with one tenant, in the same run.

Two installations under gunicorn (production settings, fresh SQLite databases, migrated,
territory, catalogue and demo content loaded): "one" holds only Hessen, "three" holds
Hessen, Hamburg and Schleswig-Holstein. Each page of Hessen's portal is loaded on both,
alternately, twice each, and the better run of each counts (less noise on a small
machine). Prints requests/s and p50 per page, the ratio three/one per page, their
geometric mean (target: at least 0.95, i.e. at most 5 % overhead), Hamburg's pages on the
three-tenant installation, and the bare Django view as baseline.
"""

from __future__ import annotations

import http.client
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("BENCH_SECONDS", "6")  # per page and run: 8 pages x 2 rounds x 2
os.environ.setdefault("BENCH_COUNT", "1500")

from bench.http_throughput import PY, ROOT, WORKERS, environment, load, serve  # noqa: E402

HOSTS = "hessen.bench.test=hessen,hamburg.bench.test=hamburg,sh.bench.test=schleswig-holstein"
PAGES = [
    "/",
    "/leistungen/",
    "/leistungen/reisepass/",
    "/smart-region/projekte/",
    "/veranstaltungen/",
    "/smart-region/ozg-abdeckung/",
    "/kontakt/",
]


def prepare(env: dict[str, str], tenant: str | None) -> None:
    def manage(*args: str) -> None:
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)

    manage("migrate", "--noinput", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    manage("load_tenants")
    manage("load_territory", *(["--land", "06"] if tenant else []))
    manage("load_catalog")
    manage("import_model_projects")
    manage("load_demo", "--force", *(["--tenant", tenant] if tenant else []))


def measure(port: int, path: str, env: dict[str, str], host: str) -> dict:
    return load(port, path, env, host_header=host)


def warm(port: int, path: str, host: str, times: int = 20) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(times):
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{host}{path} answered {response.status}")
    connection.close()


def best(*runs: dict) -> dict:
    if any(run["errors"] for run in runs):
        raise SystemExit(f"errors while loading {runs[0]['path']}: figures are not valid")
    return max(runs, key=lambda run: run["rps"])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rathaus-bench-tenants-") as tmpdir:
        servers = {}
        try:
            for name, tenant in (("one", "hessen"), ("three", None)):
                env = environment(Path(tmpdir) / name)
                (Path(tmpdir) / name).mkdir()
                env["ALLOWED_HOSTS"] = "127.0.0.1"
                env["RATHAUS_TENANT_HOSTS"] = HOSTS
                prepare(env, tenant)
                servers[name] = (*serve(env), env)
            results = run_pages(servers)
        finally:
            for server, _port, _env in servers.values():
                server.terminate()
                server.wait(timeout=30)
    report(results)


def run_pages(servers: dict) -> dict:
    results: dict[str, dict] = {}
    for _server, port, _env in servers.values():  # warm-up: imports, templates, caches
        for path in ["/bench/bare", *PAGES]:
            warm(port, path, "hessen.bench.test")
    for path in ["/bench/bare", *PAGES]:
        runs: dict[str, list[dict]] = {"one": [], "three": []}
        for _round in range(2):
            for name, (_server, port, env) in servers.items():
                runs[name].append(measure(port, path, env, "hessen.bench.test"))
        results[path] = {name: best(*found) for name, found in runs.items()}
    _server, port, env = servers["three"]
    for path in PAGES:
        results[path]["hamburg"] = best(measure(port, path, env, "hamburg.bench.test"))
    return results


def report(results: dict) -> None:
    print(f"tenants: gunicorn workers={WORKERS}, Hessen's pages on one vs three tenants")
    print(f"  {'page':<30} {'one req/s':>10} {'three req/s':>12} {'ratio':>7} "
          f"{'p50 one':>8} {'p50 three':>10} {'Hamburg req/s':>14}")  # fmt: skip
    ratios = []
    for path, row in results.items():
        ratio = row["three"]["rps"] / row["one"]["rps"]
        hamburg = f"{row['hamburg']['rps']:14.1f}" if "hamburg" in row else " " * 14
        if path != "/bench/bare":
            ratios.append(ratio)
        print(f"  {path:<30} {row['one']['rps']:10.1f} {row['three']['rps']:12.1f} "
              f"{ratio:7.3f} {row['one']['p50_ms']:8.2f} {row['three']['p50_ms']:10.2f} "
              f"{hamburg}")  # fmt: skip
    mean = math.exp(sum(map(math.log, ratios)) / len(ratios))
    bare = results["/bench/bare"]["three"]["rps"]
    slowest = min(row["three"]["rps"] for path, row in results.items() if path != "/bench/bare")
    print(f"  geometric mean three/one over {len(ratios)} pages: {mean:.3f} "
          f"(overhead {100 * (1 - mean):.1f} %, target <= 5 %)")  # fmt: skip
    print(f"  slowest page / bare view (three tenants): {slowest / bare:.3f}")


if __name__ == "__main__":
    main()

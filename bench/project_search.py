"""Faceted project search over 10,000 projects, on SQLite and PostgreSQL.

Generates ``BENCH_PROJECTS`` published projects (default 10,000; ``bench/project_data.py``)
and measures ``rathaus.projects.finder.find`` (what the list page uses) on a fixed, seeded
mix of queries: start page, text only, facets only (1-3 facets, several values), text plus
facets, second page, text sorted newest first. The index is warm; its one-off build and the
per-request signature check are reported on their own. The baseline in the same run is the
full-text query alone for the same words: ``rathaus.search.services.search`` (ranked, every
hit, as ``find`` asks for it) and raw SQL (FTS5 ``MATCH`` / ``to_tsquery``, ranked). Last,
the whole list page through Django's test client. Prints p50/p95/mean and ratios; the target
is p95 <= 30 ms. Each database runs in a child process with a fresh test database
(PostgreSQL: ``DATABASE_URL`` when it names one, else 127.0.0.1:5432 when reachable).
Run: ``make bench`` (or ``python bench/project_search.py``).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECTS = int(os.environ.get("BENCH_PROJECTS", "10000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
HTTP_ROUNDS = max(ROUNDS // 4, 10)
QUERIES = 20  # distinct queries per kind
TARGET_MS = 30.0
sys.path.insert(0, str(ROOT))
from bench.submit_throughput import POSTGRES, postgres_reachable  # noqa: E402
from bench.testdb import run_child, run_parent  # noqa: E402

# Words people type (stems and parts of compounds included), and pairs of them.
WORDS = ["Abfall", "Parkraum", "Parken", "Beteiligung", "Sensoren", "LoRaWAN", "Beleuchtung",
         "Straßenbeleuchtung", "Winterdienst", "Ladesäulen", "Glasfaser", "Bürgerbüro",
         "Luftqualität", "Hochwasserschutz", "Telemedizin", "Feuerwehr", "Datenplattform",
         "Leerstand", "Bibliothek", "Ehrenamt", "Wärmeplanung", "Geodaten"]  # fmt: skip


def parent() -> None:
    url = os.environ.get("DATABASE_URL", "")
    postgres = url if url.startswith("postgres") else POSTGRES if postgres_reachable() else ""
    targets = [("SQLite", "")] + ([("PostgreSQL", postgres)] if postgres else [])
    print(f"project_search: {PROJECTS:,} projects, {ROUNDS} rounds per kind of query "
          f"({QUERIES} queries each), page {HTTP_ROUNDS} rounds per query")  # fmt: skip
    run_parent(__file__, targets, report)


def line(name: str, figures: list[float], extra: str = "") -> str:
    p50, p95, mean = figures
    return f"    {name:<22} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  mean {mean:6.2f} ms{extra}"


def report(label: str, result: dict) -> None:
    build = result["build_ms"]
    print(f"  {label} (generated in {result['generated_s']:.0f} s; index build "
          f"{build[0]:.0f} ms cold, {build[1]:.0f} ms rebuilt; signature check "
          f"p50 {result['signature'][0]:.2f} ms p95 {result['signature'][1]:.2f} ms)")  # fmt: skip
    print("   find() by kind of query:")
    for name, figures in result["find"].items():
        print(line(name, figures, f"  | median {result['hits'][name]:6,.0f} hits"))
    text, search, raw = result["find"]["text only"], result["search"], result["raw"]
    print("   the full-text query alone, same words as 'text only':")
    print(line("services.search()", search, f"  | find/search p95 {text[1] / search[1]:4.1f}"))
    print(line("raw SQL", raw, f"  | find/raw p95 {text[1] / raw[1]:4.1f}"))
    print("   the list page (test client):")
    for name, figures in result["page"].items():
        print(line(name, figures))
    for name in ("find", "page"):
        worst = max(f[1] for f in result[name].values())
        verdict = "met" if worst <= TARGET_MS else "MISSED"
        print(f"   target p95 <= {TARGET_MS:.0f} ms, {name}: {verdict} (worst p95 {worst:.1f} ms)")


def child() -> None:
    run_child("bench-projects", measure)


def figures(samples: list[float]) -> list[float]:
    samples = sorted(samples)
    p95 = samples[max(int(len(samples) * 0.95) - 1, 0)]
    return [statistics.median(samples), p95, statistics.fmean(samples)]


def timed(function, arguments: list, rounds: int) -> list[float]:
    """Calls ``function`` ``rounds`` times, cycling through ``arguments`` (warmed up once)."""
    for argument in arguments:
        function(argument)
    samples = []
    for number in range(rounds):
        argument = arguments[number % len(arguments)]
        start = time.perf_counter()
        function(argument)
        samples.append((time.perf_counter() - start) * 1000)
    return figures(samples)


def facet_values() -> dict[str, list[str]]:
    from rathaus.core.models import Territory
    from rathaus.projects.models import FieldOfAction, SizeClass, Technology

    return {
        "handlungsfeld": list(FieldOfAction.objects.values_list("slug", flat=True)),
        "technologie": list(Technology.objects.values_list("slug", flat=True)),
        "stand": ["idee", "planung", "umsetzung", "betrieb", "abgeschlossen"],
        "groesse": [str(value) for value in SizeClass.values],
        "bezirk": ["064", "065", "066"],
        "kreis": list(Territory.objects.filter(level="kreis").values_list("key", flat=True)),
    }


def query_mix(seed: int = 7) -> dict[str, list]:
    """The same queries in every run: ``QUERIES`` of each kind."""
    from rathaus.projects.finder import ProjectQuery

    rng, values = random.Random(seed), facet_values()

    def text() -> str:
        return " ".join(rng.sample(WORDS, rng.choice([1, 1, 2])))

    def selected() -> dict[str, tuple[str, ...]]:
        names = rng.sample(sorted(values), rng.randint(1, 3))
        return {n: tuple(rng.sample(values[n], rng.randint(1, min(3, len(values[n])))))
                for n in names}  # fmt: skip

    def many(make) -> list:
        return [make() for _ in range(QUERIES)]

    return {
        "start page": [ProjectQuery()],
        "text only": many(lambda: ProjectQuery(text=text())),
        "facets only": many(lambda: ProjectQuery(selected=selected())),
        "text + facets": many(lambda: ProjectQuery(text=text(), selected=selected())),
        "second page": many(lambda: ProjectQuery(text=rng.choice(["", text()]),
                                                 selected=rng.choice([{}, selected()]), page=2)),
        "text, newest first": many(lambda: ProjectQuery(text=text(), sort="neu")),
    }  # fmt: skip


def raw_sql():
    """The text query as one bare SQL statement, ranked, every matching id (the floor)."""
    from django.db import connection

    from rathaus.search import backends
    from rathaus.search.services import expand_query

    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank"

        def params(groups):
            return [" AND ".join(backends._fts5_group(group) for group in groups)]
    else:
        sql = ("SELECT id FROM search_searchentry, to_tsquery('german', %s) AS q "
               "WHERE document @@ q ORDER BY ts_rank_cd(document, q) DESC")  # fmt: skip

        def params(groups):
            return [" & ".join(backends._tsquery_group(group) for group in groups)]

    def run(text: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params(expand_query(text)))
            cursor.fetchall()

    return run


def measure() -> dict:
    from django.test import Client

    from bench.project_data import generate
    from rathaus.projects import facets, indexing, query
    from rathaus.projects.finder import MAX_HITS, find
    from rathaus.search import services as search

    start = time.perf_counter()
    generate(PROJECTS)
    result: dict = {"generated_s": time.perf_counter() - start, "build_ms": []}
    for _ in range(2):
        facets._cached = None
        start = time.perf_counter()
        index = facets.current_index()
        result["build_ms"].append((time.perf_counter() - start) * 1000)
    assert len(index.ids) == PROJECTS, len(index.ids)
    result["signature"] = timed(lambda _: facets._signature(), [None], ROUNDS)
    mix = query_mix()
    result["find"] = {name: timed(find, queries, ROUNDS) for name, queries in mix.items()}
    result["hits"] = {
        name: statistics.median(find(q).total for q in queries) for name, queries in mix.items()
    }
    words = [q.text for q in mix["text only"]]
    result["search"] = timed(lambda t: search.search(indexing.KIND, t, limit=MAX_HITS), words,
                             ROUNDS)  # fmt: skip
    result["raw"] = timed(raw_sql(), words, ROUNDS)
    client = Client()

    def page(params: str) -> None:
        response = client.get(f"/smart-region/projekte/?{params}")
        assert response.status_code == 200, response.status_code

    result["page"] = {
        name: timed(page, [query.to_params(q, page=q.page) for q in queries[:5]], HTTP_ROUNDS)
        for name, queries in mix.items()
    }
    return result


if __name__ == "__main__":
    child() if os.environ.get("BENCH_CHILD") else parent()

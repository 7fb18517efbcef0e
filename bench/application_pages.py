"""The pages of an application, as a citizen's browser hits them, against a bare view.

Through Django's test client (the whole request: middleware, session, templates), for the
shipped Eheurkunde on SQLite and (when reachable) PostgreSQL: step 1 shown (it has a
conditional field, so the rule context and its script are rendered), step 1 sent with an
error (shown again with everything typed), step 2 shown, step 2 sent valid (saved, then
redirected), the check page of a complete draft, and the bare Django view of
``bench/urls.py`` as the baseline of the same run. Prints p50/p95 and the p95 ratio to
the bare view. Run: ``make bench`` (``BENCH_ROUNDS`` sets the rounds, default 200).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
sys.path.insert(0, str(ROOT))
from bench.submit_throughput import POSTGRES, postgres_reachable  # noqa: E402
from bench.testdb import run_child, run_parent  # noqa: E402

# The error post comes last: it leaves step 1 undone until it is sent valid again.
KINDS = ["bare view", "step 1 shown", "step 2 shown", "step 2 sent", "check page",
         "step 1 with error"]  # fmt: skip


def parent() -> None:
    targets = [("SQLite", "")] + ([("PostgreSQL", POSTGRES)] if postgres_reachable() else [])
    print(f"application_pages: Eheurkunde, {ROUNDS} rounds per page, test client")
    run_parent(__file__, targets, report)


def report(label: str, result: dict) -> None:
    bare = result["bare view"][1]
    print(f"  {label}")
    for kind in KINDS:
        p50, p95 = result[kind]
        print(f"    {kind:<18} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  ratio p95/bare "
              f"{p95 / max(bare, 0.001):6.1f}")  # fmt: skip


def _figures(samples: list[float]) -> list[float]:
    ordered = sorted(samples)
    return [statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000]


def _timed(call, expected: int) -> float:
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    assert response.status_code == expected, (response.status_code, expected)
    return elapsed


def measure() -> dict:
    from django.test import Client, override_settings

    from bench.submit_throughput import prepare
    from tests.service_fixtures import eheurkunde_steps

    prepare()
    steps = eheurkunde_steps()
    with override_settings(ROOT_URLCONF="bench.urls"):
        client = Client()
        client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": "06411000"})
        from rathaus.submissions.models import Draft

        draft = Draft.objects.latest("created_at")
        base = f"/antrag/{draft.pk}/"
        for number, data in enumerate(steps, start=1):
            assert client.post(f"{base}schritt/{number}/", data).status_code == 302
        wrong = {**steps[0], "anzahl": "", "zweck_sonstiges": "Für die Rente"}
        calls = {
            "bare view": (lambda: client.get("/bench/bare"), 200),
            "step 1 shown": (lambda: client.get(f"{base}schritt/1/"), 200),
            "step 1 with error": (lambda: client.post(f"{base}schritt/1/", wrong), 400),
            "step 2 shown": (lambda: client.get(f"{base}schritt/2/"), 200),
            "step 2 sent": (lambda: client.post(f"{base}schritt/2/", steps[1]), 302),
            "check page": (lambda: client.get(f"{base}pruefen/"), 200),
        }
        samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for _round in range(ROUNDS + 5):  # interleaved, so noise hits every kind alike
            for kind in KINDS:
                call, expected = calls[kind]
                elapsed = _timed(call, expected)
                if _round >= 5:
                    samples[kind].append(elapsed)
            # the error post left step 1 undone: send it valid again for the next round
            assert client.post(f"{base}schritt/1/", steps[0]).status_code == 302
    return {kind: _figures(values) for kind, values in samples.items()}


if __name__ == "__main__":
    run_child("bench-application-pages", measure) if os.environ.get("BENCH_CHILD") else parent()

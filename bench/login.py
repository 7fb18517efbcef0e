"""The login as people hit it, against a bare view: since issue 13 every attempt asks the
rate limiter (database rows under a row lock) before the password is checked.

Through Django's test client (middleware, session, templates; the test settings' cheaper
Argon2 parameters, so the password hash weighs less than in production), on SQLite and
(when reachable) PostgreSQL: the login page shown, a wrong password (counted, limits set
high so it never waits), an attempt that must wait (429, refused before the password is
checked), the right password (a new browser session each time), and the bare Django view
of ``bench/urls.py`` as the baseline of the same run. Run: ``make bench``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
sys.path.insert(0, str(ROOT))
from bench.application_pages import _figures, _timed  # noqa: E402
from bench.submit_throughput import POSTGRES, postgres_reachable  # noqa: E402
from bench.testdb import run_child, run_parent  # noqa: E402

KINDS = ["bare view", "login page", "wrong password", "must wait", "right password"]
PASSWORD = "Ein-langes-Passwort-2026"


def parent() -> None:
    targets = [("SQLite", "")] + ([("PostgreSQL", POSTGRES)] if postgres_reachable() else [])
    print(f"login: {ROUNDS} rounds per kind, test client")
    run_parent(__file__, targets, report)


def report(label: str, result: dict) -> None:
    bare = result["bare view"][1]
    print(f"  {label}")
    for kind in KINDS:
        p50, p95 = result[kind]
        print(f"    {kind:<15} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  ratio p95/bare "
              f"{p95 / max(bare, 0.001):6.1f}")  # fmt: skip


def _calls():
    from django.test import Client

    def attempt(email: str, password: str, ip: str):
        data = {"email": email, "password": password}
        return Client().post("/anmelden/", data, REMOTE_ADDR=ip)

    page = Client()
    return {
        "bare view": (lambda: page.get("/bench/bare"), 200),
        "login page": (lambda: page.get("/anmelden/"), 200),
        "wrong password": (lambda: attempt("erika@example.org", "falsch", "203.0.113.7"), 200),
        "must wait": (lambda: attempt("mallory@example.org", "falsch", "198.51.100.9"), 429),
        "right password": (lambda: attempt("erika@example.org", PASSWORD, "203.0.113.8"), 302),
    }


def measure() -> dict:
    from datetime import timedelta

    from django.test import override_settings
    from django.utils import timezone

    from rathaus.accounts import services as accounts
    from rathaus.authentication.models import LoginFailureRecord

    accounts.create_citizen("erika@example.org", PASSWORD, given_names="Erika",
                            family_name="Mustermann", verified=True)  # fmt: skip
    never = 10**6  # limits so high that the wrong password is counted but never waits
    settings = {
        "ROOT_URLCONF": "bench.urls",
        "RATHAUS_LOGIN_SOURCE_MAX_FAILURES": never,
        "RATHAUS_LOGIN_IP_MAX_FAILURES": never,
        "RATHAUS_LOGIN_MAX_FAILURES": never,
    }
    with override_settings(**settings):
        calls = _calls()
        with override_settings(RATHAUS_LOGIN_SOURCE_MAX_FAILURES=1):
            for _ in range(2):  # mallory from her address now waits ...
                calls["must wait"][0]()
        waits = LoginFailureRecord.objects.filter(key__contains="mallory@example.org")
        waits.update(blocked_until=timezone.now() + timedelta(hours=1))  # ... all the run
        samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for _round in range(ROUNDS + 5):  # interleaved, so noise hits every kind alike
            for kind in KINDS:
                elapsed = _timed(*calls[kind])
                if _round >= 5:
                    samples[kind].append(elapsed)
    return {kind: _figures(values) for kind, values in samples.items()}


if __name__ == "__main__":
    run_child("bench-login", measure) if os.environ.get("BENCH_CHILD") else parent()

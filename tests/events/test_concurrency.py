"""Never more confirmed participants than seats, also when everyone registers at once: on
PostgreSQL in this process (threads, each with its connection), on SQLite in a subprocess
with its own file database (see ``tests/events/race.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.events import race

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def run(scenario: str, tmp_path: Path) -> dict:
    if connection.vendor == "postgresql":
        return race.SCENARIOS[scenario]()
    assert connection.vendor == "sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "tests.events.race", scenario, str(tmp_path / "race.sqlite3")],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_1000_parallel_registrations_for_400_seats(tmp_path):
    outcome = run("registrations", tmp_path)
    assert outcome["errors"] == []
    assert outcome["counts"] == {"confirmed": 400, "waiting": 600}
    # Their audit entries, written at once into several chains, chain up in every one.
    assert outcome["logged"] == 1000 and outcome["chains"] > 1 and outcome["audit_intact"]


def test_parallel_cancellations_of_one_registration_move_exactly_one_up(tmp_path):
    outcome = run("cancellations", tmp_path)
    assert outcome["errors"] == []
    assert outcome["counts"] == {"confirmed": 9, "offered": 1, "cancelled": 1, "waiting": 24}
    assert outcome["first_waiting"] == "offered"


def test_seats_freed_while_people_queue_go_to_them(tmp_path):
    outcome = run("seats_freed", tmp_path)
    assert outcome["errors"] == []
    counts = outcome["counts"]
    assert sum(counts.values()) == 30 and counts["cancelled"] == 5
    # More newcomers than freed seats: every seat is held again (confirmed, or offered to
    # someone who waited), none twice, and the rest wait.
    assert counts.get("confirmed", 0) + counts.get("offered", 0) == 10
    assert counts["waiting"] == 15

"""The child side of the database benchmarks: Django set up with the test settings, a fresh
test database (SQLite in ``var/<name>.sqlite3``, else the server's ``test_`` database),
``measure()`` run and its result printed as JSON for the parent, the database dropped."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_child(sqlite_name: str, measure: Callable[[], dict]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rathaus.conf.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if connection.vendor == "sqlite":
        (ROOT / "var").mkdir(exist_ok=True)
        connection.settings_dict["TEST"]["NAME"] = str(ROOT / "var" / f"{sqlite_name}.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from django.conf import settings

    from rathaus.tenants import scope, services

    try:
        with scope.activate(services.ensure(settings.RATHAUS_TENANT)):
            result = measure()  # in the default tenant's scope, as its requests run
        print(json.dumps(result))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run_parent(script: str, targets: list[tuple[str, str]], report: Callable[[str, dict], None]):
    """Run ``script`` as a child once per (label, DATABASE_URL) and report its JSON result."""
    import subprocess
    import sys

    for label, url in targets:
        env = {**os.environ, "BENCH_CHILD": "1", "DATABASE_URL": url}
        if not url:
            env.pop("DATABASE_URL", None)
        done = subprocess.run([sys.executable, script], env=env, cwd=ROOT, capture_output=True,
                              text=True, check=False)  # fmt: skip
        if done.returncode != 0:
            print(f"  {label}: failed\n{done.stderr[-3000:]}")
            continue
        report(label, json.loads(done.stdout.strip().splitlines()[-1]))

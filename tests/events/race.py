"""Many people at once: registrations and cancellations from parallel threads, each with
its own database connection.

Used in-process on PostgreSQL, and as ``python -m tests.events.race <scenario> <file>``
on SQLite: the test database of the suite is in memory (one shared-cache connection per
thread does not behave like a server), so the SQLite run gets its own file database in a
subprocess, migrated from scratch, with the same ``BEGIN IMMEDIATE`` settings as
production. Prints the outcome as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

WORKERS = {"postgresql": 32, "sqlite": 16}


def _in_thread(work: Callable[[int], Any]) -> Callable[[int], Any]:
    from django.db import connection

    from rathaus.tenants.scope import carried

    @carried
    def run(number: int) -> Any:
        try:
            return work(number)
        except Exception as error:  # refused or failed: reported, counted by the caller
            return f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    return run


def _parallel(work: Callable[[int], Any], numbers: range) -> list[Any]:
    from django.db import connection

    with ThreadPoolExecutor(max_workers=WORKERS.get(connection.vendor, 16)) as pool:
        return list(pool.map(_in_thread(work), numbers))


def _counts(event: Any) -> dict[str, int]:
    from tests.events.helpers import statuses

    return statuses(event)


def registrations(people: int = 1000, seats: int = 400) -> dict[str, Any]:
    """``people`` register at once for an event with ``seats`` seats."""
    from rathaus.audit.models import AuditEntry
    from rathaus.audit.services import verify_chain
    from tests.events.helpers import make_event, sign_up

    event = make_event(slug="ansturm", capacity=seats)
    results = _parallel(lambda n: sign_up(event, n).status, range(people))
    errors = [r for r in results if r not in ("confirmed", "waiting")]
    logged = AuditEntry.objects.filter(verb="events.registered")
    return {"counts": _counts(event), "errors": errors[:5], "logged": logged.count(),
            "chains": len(set(logged.values_list("shard", flat=True))),
            "audit_intact": verify_chain() is None}  # fmt: skip


def cancellations(seats: int = 10, waiting: int = 5) -> dict[str, Any]:
    """A full event: the same registration is cancelled eight times at once while twenty
    new people register; exactly one person may move up."""
    from rathaus.events.models import Registration
    from rathaus.events.registration import cancel
    from tests.events.helpers import make_event, sign_up

    event = make_event(slug="storno", capacity=seats)
    people = [sign_up(event, n) for n in range(seats + waiting)]
    leaving = people[0]

    def act(number: int) -> Any:
        if number < 8:
            return cancel(Registration.objects.get(pk=leaving.pk)).status
        return sign_up(event, 1000 + number).status

    results = _parallel(act, range(28))
    first_waiting = Registration.objects.get(pk=people[seats].pk)
    return {"counts": _counts(event), "first_waiting": first_waiting.status,
            "errors": [r for r in results if "Error" in str(r)][:5]}  # fmt: skip


def seats_freed(seats: int = 10, leaving: int = 5, newcomers: int = 20) -> dict[str, Any]:
    """A full event with nobody waiting: ``leaving`` people cancel while ``newcomers``
    register at once (these join the waiting list under the shared lock while the event
    looks full). No seat may stay free while someone waits, none be given twice."""
    from rathaus.events.models import Registration
    from rathaus.events.registration import cancel
    from tests.events.helpers import make_event, sign_up

    event = make_event(slug="frei", capacity=seats)
    people = [sign_up(event, n) for n in range(seats)]

    def act(number: int) -> Any:
        if number < leaving:
            return cancel(Registration.objects.get(pk=people[number].pk)).status
        return sign_up(event, 1000 + number).status

    results = _parallel(act, range(leaving + newcomers))
    return {"counts": _counts(event), "errors": [r for r in results if "Error" in str(r)][:5]}


SCENARIOS = {"registrations": registrations, "cancellations": cancellations,
             "seats_freed": seats_freed}  # fmt: skip


def main(scenario: str, database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "rathaus.conf.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from rathaus.tenants import scope, services

    call_command("migrate", verbosity=0)
    with scope.activate(services.ensure(settings.RATHAUS_TENANT)):
        print(json.dumps(SCENARIOS[scenario]()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

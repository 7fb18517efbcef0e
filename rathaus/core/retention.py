"""Retention periods: every app registers a purge function for personal data it keeps.

``manage.py apply_retention`` (run it daily, e.g. from cron or a systemd timer) calls
them all; each deletes what has outlived its period, audit-logs it and returns a count.
A purge works on what the scope shows: the command runs them in ``every_tenant()``, so
each runs once over every tenant's rows (and the rows of no tenant); an audit entry
about one tenant's row goes to that tenant's chain, any other to the platform's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rathaus.core.registry import Registry

__all__ = ["PURGERS", "register", "purgers", "apply_retention"]

Purger = Callable[[datetime | None], int]
PURGERS: Registry[Purger] = Registry("retention purge")


def register(name: str, purger: Purger) -> None:
    PURGERS.register(name, purger)


def purgers() -> dict[str, Purger]:
    """The registered purges by name, in name order."""
    return dict(PURGERS.items())


def apply_retention(now: datetime | None = None) -> dict[str, int]:
    """Run every registered purge in name order, in the caller's scope (the command's:
    every tenant); return how many records each deleted."""
    return {name: purger(now) for name, purger in PURGERS.items()}

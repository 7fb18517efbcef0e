"""Retention periods: every app registers a purge function for personal data it keeps.

``manage.py apply_retention`` (run it daily, e.g. from cron or a systemd timer) calls
them all; each deletes what has outlived its period, audit-logs it and returns a count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

__all__ = ["register", "purgers", "apply_retention"]

Purger = Callable[[datetime | None], int]
_PURGERS: dict[str, Purger] = {}


def register(name: str, purger: Purger) -> None:
    _PURGERS[name] = purger


def purgers() -> dict[str, Purger]:
    return dict(_PURGERS)


def apply_retention(now: datetime | None = None) -> dict[str, int]:
    """Run every registered purge; return how many records each one deleted."""
    return {name: purger(now) for name, purger in sorted(_PURGERS.items())}

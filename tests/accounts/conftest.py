"""Fixtures shared by the accounts and authentication tests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


class Clock:
    """A controllable ``django.utils.timezone.now``."""

    def __init__(self) -> None:
        self.now = timezone.now()

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(timezone, "now", lambda: fake.now)
    return fake


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block so that its on-commit callbacks (the mails) run at its end."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run

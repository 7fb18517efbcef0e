"""The one base class of domain errors.

A service refuses what its rules do not allow by raising a ``DomainError`` (or a subclass):
``message`` is written for the person (German by default, lazily translated), ``field``
optionally names the form field it concerns so a view can show it there. Views catch
``DomainError`` and show the message; nothing is changed when one is raised.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DomainError"]


class DomainError(Exception):
    def __init__(self, message: Any = "", field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field

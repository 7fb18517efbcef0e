"""The one error the FIM importer raises for bad input."""

from __future__ import annotations


class FimError(ValueError):
    """Bad input (not XML, not a Stammdatenschema, too large, ...); ``message`` is German
    text for the person who uploaded it."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)

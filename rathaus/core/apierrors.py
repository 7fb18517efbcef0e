"""The error bodies every operation of the REST API declares (OpenAPI) and returns.

Shared by the routers in ``<app>/api.py``; ``rathaus.api.errors`` installs the handler that
turns invalid requests into ``ValidationError`` bodies.
"""

from __future__ import annotations

from ninja import Schema

__all__ = ["Error", "FieldError", "ValidationError"]


class Error(Schema):
    """An error: ``detail`` says what went wrong (English, for the developer)."""

    detail: str


class FieldError(Schema):
    """One invalid value: where (``loc``: ``path``, ``query`` or ``body``, then the names),
    what is wrong (``msg``) and a code for it (``type``)."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationError(Error):
    """The request does not match the operation's parameters or body schema."""

    errors: list[FieldError]

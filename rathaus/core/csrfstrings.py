"""CSRF secrets and masks from one read of the system's random source.

Django draws each of the 32 characters of a CSRF secret, and again of the mask that every
rendered token carries, with its own ``secrets.choice`` call: 64 reads of the random
source for each page with a form. A cached public page with a form (the service page's
"Online beantragen") spends a quarter of its time there. ``install`` puts in a generator
of the same strings (32 characters, uniformly from ``CSRF_ALLOWED_CHARS``, from the
operating system's CSPRNG) that reads the random source once.
"""

from __future__ import annotations

import secrets

from django.middleware import csrf

__all__ = ["install", "new_csrf_string"]

_CHARS = csrf.CSRF_ALLOWED_CHARS
_LIMIT = 256 - 256 % len(_CHARS)  # bytes from here on would favour the first characters


def new_csrf_string() -> str:
    """``CSRF_SECRET_LENGTH`` characters, each uniform over ``CSRF_ALLOWED_CHARS``
    (rejection sampling: a byte at or above ``_LIMIT`` is drawn again)."""
    chars: list[str] = []
    while len(chars) < csrf.CSRF_SECRET_LENGTH:
        draw = secrets.token_bytes(csrf.CSRF_SECRET_LENGTH + 8)
        chars.extend(_CHARS[byte % len(_CHARS)] for byte in draw if byte < _LIMIT)
    return "".join(chars[: csrf.CSRF_SECRET_LENGTH])


def install() -> None:
    """Used by Django's CSRF middleware, ``get_token`` and ``{% csrf_token %}`` from now
    on (a Django without the private hook keeps its own)."""
    if callable(getattr(csrf, "_get_new_csrf_string", None)):
        csrf._get_new_csrf_string = new_csrf_string

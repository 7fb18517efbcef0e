"""What views of every app need to know about the person behind a request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest

from rathaus.accounts.models import User

__all__ = ["EXEMPT_ATTR", "current_user", "second_factor_exempt"]

EXEMPT_ATTR = "rathaus_second_factor_exempt"


def current_user(request: HttpRequest) -> User:
    """The signed-in user (views behind ``login_required``/``staff_required``)."""
    return cast(User, request.user)


def second_factor_exempt[V: Callable[..., Any]](view: V) -> V:
    """Mark a view a staff member may use before proving the second factor (the account
    pages; ``authentication.middleware`` honours the mark)."""
    setattr(view, EXEMPT_ATTR, True)
    return view

"""What views of every app need to know about the person behind a request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, QueryDict

from rathaus.accounts.models import User

__all__ = ["EXEMPT_ATTR", "current_user", "posted", "second_factor_exempt"]

EXEMPT_ATTR = "rathaus_second_factor_exempt"


def current_user(request: HttpRequest) -> User:
    """The signed-in user (views behind ``login_required``/``staff_required``)."""
    return cast(User, request.user)


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, ``None`` for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def second_factor_exempt[V: Callable[..., Any]](view: V) -> V:
    """Mark a view a staff member may use before proving the second factor (the account
    pages; ``authentication.middleware`` honours the mark)."""
    setattr(view, EXEMPT_ATTR, True)
    return view

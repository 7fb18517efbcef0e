"""What views of every app need to know about the person behind a request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, QueryDict

from rathaus.accounts.models import User
from rathaus.accounts.services import is_staff_member

__all__ = ["EXEMPT_ATTR", "current_user", "is_staff", "posted", "second_factor_exempt"]

EXEMPT_ATTR = "rathaus_second_factor_exempt"
_STAFF_ATTR = "_rathaus_is_staff"


def current_user(request: HttpRequest) -> User:
    """The signed-in user (views behind ``login_required``/``staff_required``)."""
    return cast(User, request.user)


def is_staff(request: HttpRequest) -> bool:
    """``is_staff_member`` of the person behind the request, asked once per request (the
    second factor middleware, the header and the page all want it) and again only when
    another user signed in or out within the request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    known = getattr(request, _STAFF_ATTR, None)
    if known is None or known[0] != user.pk:
        known = (user.pk, is_staff_member(cast(User, user)))
        setattr(request, _STAFF_ATTR, known)
    return known[1]


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, ``None`` for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def second_factor_exempt[V: Callable[..., Any]](view: V) -> V:
    """Mark a view a staff member may use before proving the second factor (the account
    pages; ``authentication.middleware`` honours the mark)."""
    setattr(view, EXEMPT_ATTR, True)
    return view

"""Which staff areas (``/verwaltung/`` and the pages behind it) a user may open.

The staff landing page, the header and the home page link into an area only when the
user may open it, so no link shown answers 403 and nobody misses a way to their work.
Each app declares who may open its area with :func:`register` in its ``AppConfig.ready()``
(the permission function that guards its pages), so this lower layer names no higher app
and restates no rule. Flags are worked out lazily and at most once, and
:func:`for_request` keeps one ``StaffAreas`` per request: the header (on every page)
reads ``staff`` and ``cases`` only, so it costs two small queries for staff and one for
citizens.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.http import HttpRequest

from rathaus.accounts import services as accounts
from rathaus.accounts.http import is_staff
from rathaus.accounts.models import Role
from rathaus.core.registry import Registry

__all__ = ["AREAS", "StaffAreas", "for_request", "register"]

_REQUEST_ATTR = "_rathaus_staff_areas"
AREAS: Registry[Callable[[Any], bool]] = Registry("staff area")


def register(name: str, may_open: Callable[[Any], bool]) -> None:
    """Declare a staff area: ``may_open(user)`` is the check that guards its pages; the
    templates read it as ``areas.<name>``."""
    AREAS.register(name, may_open)


class StaffAreas:
    """The staff areas ``user`` may open; none for citizens and anonymous visitors."""

    def __init__(self, user: Any = None, request: HttpRequest | None = None) -> None:
        self.user = user
        self._request = request  # asks ``accounts.http.is_staff`` (once per request)
        self._known: dict[str, bool] = {}

    def __getattr__(self, name: str) -> bool:
        """A registered area (``areas.cases``, ``areas.events`` ...), asked at most once."""
        if name.startswith("_") or name not in AREAS:
            raise AttributeError(name)
        if name not in self._known:
            self._known[name] = self.staff and bool(AREAS.get(name)(self.user))
        return self._known[name]

    @cached_property
    def staff(self) -> bool:
        """``/verwaltung/``: every staff member (``staff_required``)."""
        if self.user is None:
            return False
        if self._request is not None:
            return is_staff(self._request)
        return accounts.is_staff_member(self.user)

    @cached_property
    def roles(self) -> set[Role]:
        """The roles of a staff member (``accounts.roles_of``); none for others."""
        return accounts.roles_of(self.user) if self.staff else set()

    @cached_property
    def admin_site(self) -> bool:
        """The platform administration ``/admin/`` (Django's ``is_staff``)."""
        return self.staff and bool(self.user.is_staff)


def for_request(request: HttpRequest) -> StaffAreas:
    """The staff areas of ``request.user``, one object per request and user (the header,
    the page and the view all ask)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return StaffAreas()
    found = getattr(request, _REQUEST_ATTR, None)
    if found is None or found.user.pk != user.pk:  # a login or logout within the request
        found = StaffAreas(user, request)
        setattr(request, _REQUEST_ATTR, found)
    return found

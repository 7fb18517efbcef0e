"""Which staff areas (``/verwaltung/`` and the pages behind it) a user may open.

The staff landing page, the header and the home page link into an area only when the
user may open it, so no link shown answers 403 and nobody misses a way to their work.
Each flag asks the permission function that guards the area's pages; none restates a
rule. Flags are worked out lazily and at most once, and :func:`for_request` keeps one
``StaffAreas`` per request: the header (on every page) reads ``staff`` and ``cases``
only, so it costs two small queries for staff and one for citizens.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.consulting import services as consulting
from rathaus.events import access as events
from rathaus.projects import services as projects

__all__ = ["StaffAreas", "for_request"]

_REQUEST_ATTR = "_rathaus_staff_areas"


class StaffAreas:
    """The staff areas ``user`` may open; none for citizens and anonymous visitors."""

    def __init__(self, user: Any = None) -> None:
        self.user = user

    @cached_property
    def staff(self) -> bool:
        """``/verwaltung/``: every staff member (``staff_required``)."""
        return self.user is not None and accounts.is_staff_member(self.user)

    @cached_property
    def roles(self) -> set[Role]:
        """The roles of a staff member (``accounts.roles_of``); none for others."""
        return accounts.roles_of(self.user) if self.staff else set()

    @cached_property
    def cases(self) -> bool:
        """The clerks' inbox; its guard (``cases.views._clerk``) admits clerks and
        platform administrators, and the cases app has no public predicate for it."""
        return bool(self.roles & {Role.CLERK, Role.PLATFORM_ADMIN})

    @cached_property
    def definitions(self) -> bool:
        """Designing online services; guarded like the inbox (``definitions.views._designer``)."""
        return bool(self.roles & {Role.DESIGNER, Role.PLATFORM_ADMIN})

    @cached_property
    def projects(self) -> bool:
        """The project desk and adoption requests hold something: the office's or the
        user's municipalities' projects."""
        user = self.user
        return self.staff and (
            projects.is_office(user) or bool(projects.municipal_authorities(user))
        )

    @cached_property
    def consulting(self) -> bool:
        """Digitalisation consulting: the same three roles ``consulting.views.index`` admits."""
        user = self.user
        return self.staff and (
            consulting.is_office(user) or consulting.is_consultant(user)
            or consulting.is_municipal(user)
        )  # fmt: skip

    @cached_property
    def events(self) -> bool:
        """The events back office: the office creates events, anyone on an event's team
        organises that event."""
        user = self.user
        return self.staff and (events.can_create(user) or events.managed_events(user).exists())

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
        found = StaffAreas(user)
        setattr(request, _REQUEST_ATTR, found)
    return found

"""What every designer page needs: the designer, the definition, its head version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from rathaus.accounts.http import current_user
from rathaus.accounts.models import User
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.definitions.services import current_version, head_of, may_design
from rathaus.designer import services


def designer(request: HttpRequest) -> User:
    user = current_user(request)
    if not may_design(user):
        raise PermissionDenied
    return user


@dataclass
class Opened:
    user: User
    definition: Definition
    head: DefinitionVersion
    can_edit: bool
    can_publish: bool

    @property
    def document(self) -> dict[str, Any]:
        return self.head.document


def opened(request: HttpRequest, slug: str, *, edit: bool = False) -> Opened:
    """The definition the page is about; 404 when the designer may not see it, 403 when
    she may see but not change it and the page changes it."""
    user = designer(request)
    definition = services.visible_definitions(user).filter(slug=slug).first()
    head = head_of(definition) if definition else None
    if definition is None or head is None:
        raise Http404
    can_edit = services.may_edit(user, definition)
    if edit and not can_edit:
        raise PermissionDenied
    can_publish = services.may_publish(user, definition)
    if not (can_edit or can_publish):  # another authority's service: what it published
        head = current_version(definition.slug) or head
    return Opened(user, definition, head, can_edit, can_publish)


def base_of(request: HttpRequest, fallback: int) -> int:
    """The version number the posted form was made from."""
    try:
        return int(request.POST.get("base", fallback))
    except ValueError:
        return fallback

"""Who may do what with projects: members of a municipality its own, the office everything."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from rathaus.accounts.models import User
from rathaus.accounts.services import is_smart_region_office
from rathaus.core.models import Authority
from rathaus.organisations import services as organisations
from rathaus.projects.models import Project

__all__ = [
    "is_office",
    "municipal_authorities",
    "municipal_territory_ids",
    "can_edit",
    "editable_projects",
    "published_projects",
    "has_desk",
]


def is_office(user: User) -> bool:
    return is_smart_region_office(user)


def municipal_authorities(user: User) -> list[Authority]:
    """The administrations for which the user maintains projects: members of a
    municipality's organisation who may act in its name."""
    return list(organisations.municipal_authorities(user).select_related("territory"))


def municipal_territory_ids(user: User) -> set[int]:
    return {a.territory_id for a in municipal_authorities(user)}


def _territory_ids(project: Project) -> set[int]:
    """The municipalities that own the project: the submitting authority's (always, so a
    partner cannot remove it and a withdrawn project stays on its desk) and every one named
    in the draft or the published revision."""
    ids: set[int] = {project.authority.territory_id}
    for revision in (project.draft, project.published):
        if revision is not None:
            ids.update(revision.territories.values_list("pk", flat=True))
    return ids


def can_edit(user: User, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if is_office(user):
        return True
    return bool(_territory_ids(project) & municipal_territory_ids(user))


def editable_projects(user: User) -> QuerySet[Project]:
    """The projects on the user's desk: all for the office, her municipalities' otherwise."""
    projects = Project.objects.select_related("draft", "published", "authority")
    if is_office(user):
        return projects
    ids = municipal_territory_ids(user)
    if not ids:
        return projects.none()
    mine = (
        Q(authority__territory__in=ids)
        | Q(draft__territories__in=ids)
        | Q(published__territories__in=ids)
    )
    return projects.filter(mine).distinct()


def published_projects() -> QuerySet[Project]:
    return Project.objects.filter(published__isnull=False).exclude(state=Project.State.WITHDRAWN)


def has_desk(user: User) -> bool:
    """The project desk holds something for the office and for municipal staff."""
    return is_office(user) or bool(municipal_authorities(user))

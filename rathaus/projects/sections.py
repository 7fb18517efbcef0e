"""The territory page's section on Smart Region projects and Modellprojekte Smart Cities."""

from __future__ import annotations

from typing import Any

from rathaus.core.models import Territory
from rathaus.projects.access import published_projects
from rathaus.projects.models import ModelProject

SECTION_LIMIT = 10


def territory_projects(territory: Territory) -> tuple[str, dict[str, Any]] | None:
    model_projects = list(ModelProject.objects.filter(territory=territory))
    projects = list(
        published_projects()
        .filter(published__territories=territory)
        .select_related("published")
        .order_by("-first_published_at")[:SECTION_LIMIT]
    )
    if not model_projects and not projects:
        return None
    context = {"model_projects": model_projects, "projects": projects, "territory": territory}
    return "projects/_territory_section.html", context

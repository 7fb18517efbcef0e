"""What the project templates show: facet groups, page links, the detail page's parts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from rathaus.core.markdown import render_markdown
from rathaus.projects import query as query_params
from rathaus.projects import services, transfer
from rathaus.projects.finder import Facet, Found, ProjectQuery
from rathaus.projects.forms import parse_links
from rathaus.projects.models import Project

PAGE_WINDOW = 2
FACET_LABELS = {
    "handlungsfeld": _("Handlungsfeld"),
    "bezirk": _("Regierungsbezirk"),
    "kreis": _("Kreis"),
    "groesse": _("Größe der Kommune"),
    "stand": _("Projektstand"),
    "technologie": _("Technologie"),
}


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    facet: Facet
    remove_links: list[tuple[str, str]]  # (value label, query string without it)


def facet_groups(facets: list[Facet], query: ProjectQuery) -> list[FacetGroup]:
    groups = []
    for facet in facets:
        removals = [
            (value.label, query_params.toggle(query, facet.name, value.key))
            for value in facet.values
            if value.selected
        ]
        groups.append(FacetGroup(facet.name, str(FACET_LABELS[facet.name]), facet, removals))
    return groups


def page_links(query: ProjectQuery, found: Found) -> list[tuple[int, str, bool, bool]]:
    """(number, query string, current, gap before it) for the first, the last and the pages
    around the current one (``PAGE_WINDOW`` either side), when there is more than one page."""
    if found.pages < 2:
        return []
    near = range(max(1, found.page - PAGE_WINDOW), min(found.pages, found.page + PAGE_WINDOW) + 1)
    numbers = sorted({1, found.pages, *near})
    return [
        (number, query_params.to_params(query, page=number), number == found.page,
         index > 0 and number - numbers[index - 1] > 1)
        for index, number in enumerate(numbers)
    ]  # fmt: skip


def detail_context(project: Project, user) -> dict[str, object]:
    revision = project.published
    assert revision is not None
    links = parse_links(revision.links) if revision.links else []
    return {
        "description": render_markdown(revision.description),
        "results": render_markdown(revision.results),
        "lessons": render_markdown(revision.lessons_learned),
        "requirements": render_markdown(revision.transfer_requirements),
        "links": links,
        "territories": list(revision.territories.all()),
        "adopted_by": list(project.adopted_by.order_by("name")),
        "related": services.related_projects(project),
        "show_contact": revision.contact_consent and bool(revision.contact_name),
        "transfer_options": transfer.can_request_transfer(user, project)
        if user.is_authenticated
        else [],
        "can_edit": user.is_authenticated and services.can_edit(user, project),
    }

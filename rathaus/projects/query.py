"""Reading a project search from the URL (shareable) and writing it back for links."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.http import urlencode

from rathaus.projects.facets import FACETS
from rathaus.projects.finder import ProjectQuery

__all__ = ["from_params", "to_params", "toggle"]

MAX_VALUES = 30
MAX_VALUE_LENGTH = 60


def _page(raw: str) -> int:
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


def from_params(params: QueryDict, text: str, sort: str) -> ProjectQuery:
    """Unknown facet values simply match nothing; nonsense never raises."""
    selected = {}
    for name in FACETS:
        values = [v[:MAX_VALUE_LENGTH] for v in params.getlist(name) if v][:MAX_VALUES]
        if values:
            selected[name] = tuple(dict.fromkeys(values))
    return ProjectQuery(
        text=text, selected=selected, sort=sort, page=_page(params.get("seite", ""))
    )


def to_params(query: ProjectQuery, **changes: object) -> str:
    pairs: list[tuple[str, str]] = []
    if query.text:
        pairs.append(("q", query.text))
    for name in FACETS:
        pairs += [(name, value) for value in query.selected.get(name, ())]
    if query.sort:
        pairs.append(("sort", query.sort))
    page = changes.get("page", 1)
    if isinstance(page, int) and page > 1:
        pairs.append(("seite", str(page)))
    return urlencode(pairs)


def toggle(query: ProjectQuery, facet: str, value: str) -> str:
    """The query string with ``value`` of ``facet`` switched on or off (back to page 1)."""
    values = list(query.selected.get(facet, ()))
    values = [v for v in values if v != value] if value in values else [*values, value]
    selected = {**query.selected, facet: tuple(values)}
    return to_params(ProjectQuery(query.text, selected, query.sort))

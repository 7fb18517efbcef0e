"""Search published projects: full text plus facets, sorted, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from rathaus.projects import indexing
from rathaus.projects.facets import FACETS, PLACES, FacetIndex, current_index
from rathaus.projects.models import (
    Project,
    ProjectRevision,
    SizeClass,
)
from rathaus.search import services as search

__all__ = ["ProjectQuery", "FacetValue", "Facet", "Found", "find", "facet_labels", "with_content"]

PAGE_SIZE = 20
MAX_HITS = 100_000


@dataclass(frozen=True)
class ProjectQuery:
    text: str = ""
    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = ""  # "relevanz" (default with text) or "neu" (default without)
    page: int = 1

    @property
    def by_relevance(self) -> bool:
        return bool(self.text) and self.sort != "neu"


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    values: list[FacetValue]


@dataclass
class Found:
    total: int
    page: int
    pages: int
    projects: list[Project]
    facets: list[Facet]
    places: dict[int, int] = field(default_factory=dict)  # territory id -> matching projects
    version: object = None  # the facet index's signature: changes with every publication


def facet_labels(index: FacetIndex) -> dict[str, dict[str, str]]:
    """Display names of every facet value, in the active language (no query: the index
    holds the lists and names as of its state)."""
    english = (get_language() or "de")[:2] == "en"
    places = index.territory_names
    return {
        "handlungsfeld": {
            slug: (name_en or name) if english else name for slug, name, name_en in index.fields
        },
        "bezirk": {key: name for key, name in places.items() if len(key) == 3},
        "kreis": {key: name for key, name in places.items() if len(key) == 5},
        "groesse": {str(value): str(label) for value, label in SizeClass.choices},
        "stand": {str(v): str(label) for v, label in ProjectRevision.Status.choices},
        "technologie": dict(index.technologies),
    }


def _text_positions(index: FacetIndex, text: str) -> tuple[int, list[int]]:
    hits = search.search(indexing.KIND, text, limit=MAX_HITS)
    position = index.position
    ordered = [position[int(h.object_id)] for h in hits if int(h.object_id) in position]
    mask = 0
    for bit in ordered:
        mask |= 1 << bit
    return mask, ordered


def _facets(index: FacetIndex, query: ProjectQuery, base: int) -> list[Facet]:
    labels = facet_labels(index)
    masks = {name: index.facet_mask(name, query.selected.get(name, ())) for name in FACETS}
    facets = []
    for name in FACETS:
        within = base
        for other in FACETS:
            if other != name:
                within &= masks[other]
        counts = index.counts(name, within)
        chosen = set(query.selected.get(name, ()))
        values = [
            FacetValue(key, labels[name].get(key, key), counts.get(key, 0), key in chosen)
            for key in _ordered_keys(name, labels[name], counts, chosen)
        ]
        facets.append(Facet(name, values))
    return facets


def _ordered_keys(name: str, labels: dict[str, str], counts: dict[str, int], chosen: set[str]):
    shown = [key for key in labels if counts.get(key, 0) > 0 or key in chosen]
    if name in ("handlungsfeld", "groesse", "stand"):
        return shown  # the data's own order
    return sorted(shown, key=lambda key: labels[key].casefold())


def with_content(projects: QuerySet[Project]) -> QuerySet[Project]:
    revisions = ProjectRevision.objects.prefetch_related("territories", "fields", "technologies")
    return projects.select_related("authority").prefetch_related(
        Prefetch("published", queryset=revisions)
    )


def find(query: ProjectQuery) -> Found:
    index = current_index()
    base, order = index.everything, index.newest
    if query.text:
        base, relevance = _text_positions(index, query.text)
        if query.by_relevance:
            order = relevance
    selected = base
    for name in FACETS:
        selected &= index.facet_mask(name, query.selected.get(name, ()))
    total = selected.bit_count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    window = index.members(selected, order, (page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    by_id = {p.pk: p for p in with_content(Project.objects.filter(pk__in=window))}
    projects = [by_id[pk] for pk in window if pk in by_id]
    places = {int(k): n for k, n in index.counts(PLACES, selected).items() if n}
    facets = _facets(index, query, base)
    return Found(total, page, pages, projects, facets, places, index.signature)

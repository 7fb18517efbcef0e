"""Faceted search over published projects, answered from an in-memory bitmap index.

Every published project gets a bit position; every facet value a Python ``int`` whose set
bits are the projects having it. Values selected in one facet combine with OR, facets with
AND, and each facet's counts are taken with all *other* facets applied, so a second
Handlungsfeld still shows how many projects it adds. The index is rebuilt when the
published set changes, detected by one cheap query (count and highest published revision).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max

from rathaus.core.models import Territory
from rathaus.core.services import TerritoryKind
from rathaus.projects.models import FieldOfAction, Project, ProjectRevision, SizeClass, Technology
from rathaus.tenants.scope import current_or_none

__all__ = ["FACETS", "PLACES", "FacetIndex", "current_index", "size_class", "territory_facets"]

FACETS = ("handlungsfeld", "bezirk", "kreis", "groesse", "stand", "technologie")
PLACES = "ort"  # not a facet: the territories themselves, for the map
CITY_KINDS = {TerritoryKind.KREISFREIE_STADT, TerritoryKind.STADTKREIS}  # Kreis-level cities


def size_class(territory: Territory) -> str:
    if territory.level == Territory.Level.KREIS and territory.kind not in CITY_KINDS:
        return SizeClass.KREIS
    population = territory.population or 0
    if population >= 100_000:
        return SizeClass.LARGE
    if population >= 20_000:
        return SizeClass.MEDIUM
    return SizeClass.SMALL if population >= 5_000 else SizeClass.RURAL


def territory_facets(territory: Territory, by_id: dict[int, Territory]) -> dict[str, str]:
    """Regierungsbezirk, Kreis and size class of a Gemeinde or Kreis (keys, not names)."""
    values = {"groesse": size_class(territory)}
    node: Territory | None = territory
    while node is not None:
        if node.level == Territory.Level.KREIS:
            values["kreis"] = node.key
        elif node.level == Territory.Level.REGIERUNGSBEZIRK:
            values["bezirk"] = node.key
        node = by_id.get(node.parent_id) if node.parent_id else None
    return values


@dataclass
class FacetIndex:
    signature: tuple[object, ...]
    ids: list[int] = field(default_factory=list)
    newest: list[int] = field(default_factory=list)  # bit positions, newest first
    masks: dict[str, dict[str, int]] = field(default_factory=dict)
    position: dict[int, int] = field(default_factory=dict)  # project id -> bit
    # The office's lists as part of the state (slug, name, ...), and the names of the
    # Regierungsbezirke and Kreise: the labels need no query of their own per request.
    fields: tuple[tuple[str, str, str], ...] = ()
    technologies: tuple[tuple[str, str], ...] = ()
    territory_names: dict[str, str] = field(default_factory=dict)

    @property
    def everything(self) -> int:
        return (1 << len(self.ids)) - 1

    def mask_of(self, project_ids: Iterable[int]) -> int:
        mask = 0
        for pk in project_ids:
            if pk in self.position:
                mask |= 1 << self.position[pk]
        return mask

    def members(self, mask: int, order: list[int], start: int, stop: int) -> list[int]:
        """Project ids of the bits set in ``mask``, in ``order``, from ``start`` to ``stop``."""
        bits = bin(mask)[:1:-1]  # bits[i] == "1" when bit i is set
        width = len(bits)
        chosen = [bit for bit in order if bit < width and bits[bit] == "1"]
        return [self.ids[bit] for bit in chosen[start:stop]]

    def facet_mask(self, facet: str, selected: Iterable[str]) -> int:
        values = self.masks.get(facet, {})
        selected = list(selected)
        if not selected:
            return self.everything
        mask = 0
        for value in selected:
            mask |= values.get(value, 0)
        return mask

    def counts(self, facet: str, within: int) -> dict[str, int]:
        return {value: (mask & within).bit_count() for value, mask in self.masks[facet].items()}


def _signature() -> tuple[object, ...]:
    row = Project.objects.aggregate(
        n=Count("published"), top=Max("published"), latest=Max("last_published_at")
    )
    # The office may rename, reorder or remove list entries: they are part of the state.
    fields = tuple(FieldOfAction.objects.values_list("slug", "name", "name_en"))  # its order
    technologies = tuple(Technology.objects.values_list("slug", "name"))
    return (row["n"], row["top"], row["latest"], fields, technologies)


def _add(index: FacetIndex, facet: str, value: str, position: int) -> None:
    values = index.masks[facet]
    values[value] = values.get(value, 0) | (1 << position)


def _build(signature: tuple[object, ...]) -> FacetIndex:
    index = FacetIndex(signature, masks={name: {} for name in (*FACETS, PLACES)})
    index.fields, index.technologies = signature[4], signature[5]  # type: ignore[assignment]
    higher = Territory.Level.REGIERUNGSBEZIRK, Territory.Level.KREIS
    index.territory_names = dict(
        Territory.objects.filter(level__in=higher).values_list("key", "short_name")
    )
    rows = list(
        Project.objects.filter(published__isnull=False)
        .order_by("-last_published_at", "-pk")
        .values_list("pk", "published_id", "published__status")
    )
    position_of_revision = {}
    for position, (pk, revision_id, status) in enumerate(rows):
        index.ids.append(pk)
        index.position[pk] = position
        position_of_revision[revision_id] = position
        _add(index, "stand", status, position)
    index.newest = list(range(len(rows)))
    through = ProjectRevision.fields.through.objects.filter(
        projectrevision_id__in=position_of_revision
    )
    for revision_id, slug in through.values_list("projectrevision_id", "fieldofaction__slug"):
        _add(index, "handlungsfeld", slug, position_of_revision[revision_id])
    tech = ProjectRevision.technologies.through.objects.filter(
        projectrevision_id__in=position_of_revision
    )
    for revision_id, slug in tech.values_list("projectrevision_id", "technology__slug"):
        _add(index, "technologie", slug, position_of_revision[revision_id])
    _add_territories(index, position_of_revision)
    return index


def _add_territories(index: FacetIndex, position_of_revision: dict[int, int]) -> None:
    links = list(
        ProjectRevision.territories.through.objects.filter(
            projectrevision_id__in=position_of_revision
        ).values_list("projectrevision_id", "territory_id")
    )
    by_id = {t.pk: t for t in Territory.objects.exclude(level=Territory.Level.GEMEINDE)}
    by_id.update((t.pk, t) for t in Territory.objects.filter(pk__in={tid for _, tid in links}))
    for revision_id, territory_id in links:
        position = position_of_revision[revision_id]
        _add(index, PLACES, str(territory_id), position)
        for facet, value in territory_facets(by_id[territory_id], by_id).items():
            _add(index, facet, value, position)


_lock = threading.Lock()
_cached: dict[int | None, FacetIndex] = {}  # per tenant (None: the operator's view)


def current_index() -> FacetIndex:
    """The index of the tenant in scope for what is published now (rebuilt at most once
    per change)."""
    tenant = current_or_none()
    key = tenant.pk if tenant is not None else None
    signature = (key, *_signature())
    with _lock:
        index = _cached.get(key)
        if index is None or index.signature != signature:
            index = _cached[key] = _build(signature)
        return index

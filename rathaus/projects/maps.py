"""Where the listed projects are: the server-rendered SVG map of the tenant's Land
(core.svgmap; with outlines where they ship) plus
the rows of the table shown underneath it."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from rathaus.core.branding import branding
from rathaus.core.models import Territory
from rathaus.core.svgmap import LegendEntry, MapPoint, land_frame, render_map

__all__ = ["PlaceRow", "project_map"]


@dataclass(frozen=True)
class PlaceRow:
    key: str
    name: str
    href: str
    count: int


def _legend() -> list[LegendEntry]:
    return [
        LegendEntry("one", _("1 Projekt"), "#2f6f9f", "circle"),
        LegendEntry("few", _("2 bis 3 Projekte"), "#7a4e00", "square"),
        LegendEntry("many", _("4 und mehr Projekte"), "#a4133c", "diamond"),
    ]


def _category(count: int) -> str:
    return "one" if count == 1 else "few" if count <= 3 else "many"


def project_map(
    places: dict[int, int], version: object = None
) -> tuple[SafeString | None, list[PlaceRow]]:
    """The map and its table rows (most projects first); no map when nothing has coordinates.

    The same places give the same map (the start page, popular filters): answers are kept
    per language, ``version`` (the facet index's signature) and places."""
    language = get_language() or "de"
    return _cached(language, version, tuple(sorted(places.items())))


@functools.lru_cache(maxsize=64)
def _cached(language: str, version: object, places: tuple[tuple[int, int], ...]):
    counts = dict(places)
    territories = Territory.objects.filter(pk__in=counts).order_by("name")
    pattern = reverse("core:territory_detail", args=["0"])  # one reverse() for all rows
    rows, points = [], []
    for territory in territories:
        count = counts[territory.pk]
        href = pattern.replace("/0/", f"/{territory.key}/")
        rows.append(PlaceRow(territory.key, territory.name, href, count))
        if territory.latitude is None or territory.longitude is None:
            continue
        tooltip = ngettext("%(n)s Projekt", "%(n)s Projekte", count) % {"n": count}
        points.append(MapPoint(territory.key, territory.short_name, territory.latitude,
                               territory.longitude, _category(count), href, tooltip))  # fmt: skip
    rows.sort(key=lambda row: -row.count)
    if not points:
        return None, rows
    bounds, outlines = land_frame(branding().land_key)
    title = _("Karte der gefundenen Projekte in %(land)s") % {"land": branding().land}
    svg = render_map(
        points, _legend(), title=title, outlines=outlines,
        description=_("Eine Markierung je Kommune; Form und Farbe zeigen die Zahl der Projekte. "
                      "Dieselben Angaben stehen in der Tabelle unter der Karte."),
        bounds=bounds, id_prefix="projects-map", legend_title=_("Zahl der Projekte"),
    )  # fmt: skip
    return svg, rows

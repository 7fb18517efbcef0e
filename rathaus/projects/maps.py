"""Where the listed projects are: the server-rendered SVG map of Hessen (core.svgmap) plus
the rows of the table shown underneath it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rathaus.core.models import Territory
from rathaus.core.svgmap import HESSEN_BOUNDS, LegendEntry, MapPoint, render_map

__all__ = ["PlaceRow", "project_map"]


@dataclass(frozen=True)
class PlaceRow:
    territory: Territory
    count: int


def _legend() -> list[LegendEntry]:
    return [
        LegendEntry("one", _("1 Projekt"), "#2f6f9f", "circle"),
        LegendEntry("few", _("2 bis 3 Projekte"), "#7a4e00", "square"),
        LegendEntry("many", _("4 und mehr Projekte"), "#a4133c", "diamond"),
    ]


def _category(count: int) -> str:
    return "one" if count == 1 else "few" if count <= 3 else "many"


def project_map(places: dict[int, int]) -> tuple[SafeString | None, list[PlaceRow]]:
    """The map and its table rows (most projects first); no map when nothing has coordinates."""
    territories = Territory.objects.filter(pk__in=places).order_by("name")
    rows = sorted((PlaceRow(t, places[t.pk]) for t in territories), key=lambda r: -r.count)
    points = [
        MapPoint(
            key=row.territory.key,
            label=row.territory.short_name,
            latitude=row.territory.latitude,
            longitude=row.territory.longitude,
            category=_category(row.count),
            href=reverse("core:territory_detail", args=[row.territory.key]),
            tooltip=ngettext("%(n)s Projekt", "%(n)s Projekte", row.count) % {"n": row.count},
        )
        for row in rows
        if row.territory.latitude is not None and row.territory.longitude is not None
    ]
    if not points:
        return None, rows
    svg = render_map(
        points, _legend(), title=_("Karte der gefundenen Projekte in Hessen"),
        description=_("Eine Markierung je Kommune; Form und Farbe zeigen die Zahl der Projekte. "
                      "Dieselben Angaben stehen in der Tabelle unter der Karte."),
        bounds=HESSEN_BOUNDS, id_prefix="projects-map", legend_title=_("Zahl der Projekte"),
    )  # fmt: skip
    return svg, rows

"""The coverage map and the Kreis chart, drawn with ``core.svgmap`` and ``core.svgchart``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rathaus.core.branding import branding
from rathaus.core.models import Territory
from rathaus.core.services import kind_label
from rathaus.core.svgchart import Bar, format_value, render_bar_chart
from rathaus.core.svgmap import LegendEntry, MapPoint, land_frame, render_map
from rathaus.coverage.services import CoverageReport, MunicipalityCoverage

__all__ = ["Category", "CATEGORIES", "category_of", "coverage_map", "kreis_chart", "kreis_label"]


@dataclass(frozen=True)
class Category:
    """A band of coverage on the map: ``below`` is its exclusive upper bound in percent."""

    key: str
    below: float
    colour: str  # every colour has at least 4.4:1 contrast on the map background
    shape: str
    label: Callable[[], str]


CATEGORIES = (
    Category("none", 0.0, "#a50f15", "triangle-down", lambda: _("0 % (nichts online)")),
    Category("low", 25.0, "#c2410c", "diamond", lambda: _("unter 25 %")),
    Category("mid", 50.0, "#8a6d00", "square", lambda: _("25 bis unter 50 %")),
    Category("high", 75.0, "#2b7a3d", "triangle", lambda: _("50 bis unter 75 %")),
    Category("top", float("inf"), "#1d4e89", "circle", lambda: _("ab 75 %")),
)


def category_of(row: MunicipalityCoverage) -> Category:
    if row.online == 0:
        return CATEGORIES[0]
    return next(c for c in CATEGORIES[1:] if row.percent < c.below)


def kreis_label(kreis: Territory) -> str:
    """Short name with the kind, so "Kassel (Kreisfreie Stadt)" and "Kassel (Landkreis)"
    can be told apart."""
    return f"{kreis.short_name} ({kind_label(kreis)})"


def _legend(counts: Counter[str]) -> list[LegendEntry]:
    return [
        LegendEntry(
            category.key,
            ngettext("%(band)s: %(count)d Gemeinde", "%(band)s: %(count)d Gemeinden", n)
            % {"band": category.label(), "count": n},
            category.colour,
            category.shape,
        )
        for category in CATEGORIES
        for n in [counts[category.key]]
    ]


def _tooltip(row: MunicipalityCoverage) -> str:
    return _("%(percent)s online (%(online)d von %(total)d Leistungen), Rang %(rank)d") % {
        "percent": format_value(row.percent, "%"),
        "online": row.online,
        "total": row.total,
        "rank": row.rank,
    }


def _point(row: MunicipalityCoverage, href: Callable[[MunicipalityCoverage], str]):
    place = row.municipality
    if place.latitude is None or place.longitude is None:
        return None  # not on the map; still in the table
    return MapPoint(
        key=place.key,
        label=place.short_name,
        latitude=place.latitude,
        longitude=place.longitude,
        category=category_of(row).key,
        href=href(row),
        tooltip=_tooltip(row),
    )


def coverage_map(report: CoverageReport, href: Callable[[MunicipalityCoverage], str]) -> SafeString:
    """The map of all Gemeinden with coordinates, in alphabetical (keyboard) order."""
    rows = sorted(
        report.municipalities,
        key=lambda r: (r.municipality.short_name.casefold(), r.municipality.key),
    )
    counts = Counter(category_of(row).key for row in report.municipalities)
    points = [point for row in rows if (point := _point(row, href)) is not None]
    bounds, outlines = land_frame(branding().land_key)
    return render_map(
        points,
        _legend(counts),
        title=_("Karte: OZG-Abdeckung je Gemeinde"),
        description=_(
            "Jede Gemeinde ist ein Zeichen an ihrem Ort; Farbe und Form zeigen den Anteil "
            "der Leistungen, die online beantragt werden können. Dieselben Angaben stehen in "
            "der Tabelle unter der Karte."
        ),
        bounds=bounds,
        outlines=outlines,
        id_prefix="coverage-map",
    )


def kreis_chart(report: CoverageReport) -> SafeString:
    return render_bar_chart(
        [Bar(kreis_label(kreis.kreis), kreis.percent) for kreis in report.kreise],
        title=_("Diagramm: OZG-Abdeckung je Kreis"),
        description=_(
            "Anteil der online beantragbaren Leistungen im Mittel der Gemeinden jedes Kreises "
            "und jeder kreisfreien Stadt, höchster Wert zuerst. Dieselben Angaben stehen in "
            "der Tabelle unter dem Diagramm."
        ),
        unit="%",
        maximum=100,
        id_prefix="coverage-chart",
    )

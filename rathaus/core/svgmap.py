"""Maps rendered on the server as inline SVG: one mark per place, no tiles, no scripts.

``render_map(points, legend, title=..., description=...)`` projects each point's WGS 84
coordinates onto a viewBox (equirectangular, longitudes shrunk by the cosine of the middle
latitude so distances look right at German latitudes) and draws one mark per point. A
point with an ``href`` becomes a link (``<a href>`` with a ``<title>``, so it has a name,
a tooltip and a place in the keyboard order); marks are drawn, and reached with the Tab
key, in the order given. Each category of the legend has a colour *and* a shape, so the
map can be read without telling colours apart; the caller still shows the same data as
a table underneath (the map is never the only place the information lives).

Accessibility: the ``<svg>`` has ``<title>``/``<desc>`` referenced by ``aria-labelledby``
and ``aria-describedby``. It is ``role="img"`` when no mark is a link, and
``role="group"`` when marks are links, because an image's children are presentational
and links inside it would be hidden from assistive technology. Only SVG presentation
attributes are used (the Content-Security-Policy forbids ``style`` attributes); focus and
hover styles live in ``core/rathaus.css`` (``.svg-map``). Every text is escaped.

Under the marks, ``render_map`` draws Hessen (filled with ``LAND_FILL`` and outlined) and the
borders of its 26 Kreise, so a reader can tell where a mark is (``core.outlines``: the
simplified BKG VG5000 Kreise shipped in ``core/data``, read once per process); the licence
asks for the attribution that the legend carries. They are projected like the marks, drawn
once per frame and kept, and are decorative (``aria-hidden``); ``outlines=False`` leaves
them out.

Colours must be ``#rrggbb``; pick them with at least 3:1 contrast against the map's
background (``BACKGROUND``) and against ``LAND_FILL`` as WCAG 1.4.11 asks for graphical
objects.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rathaus.core.outlines import Line, borders

__all__ = [
    "BACKGROUND",
    "LAND_FILL",
    "SHAPES",
    "Bounds",
    "HESSEN_BOUNDS",
    "LegendEntry",
    "MapPoint",
    "bounds_of",
    "land_frame",
    "render_map",
    "render_symbol",
]

BACKGROUND = "#f3f4f7"  # outside Hessen
LAND_FILL = "#ffffff"  # Hessen
LAND_BORDER = "#3f4559"  # 9.5:1 on LAND_FILL
KREIS_BORDER = "#767c96"  # 4.1:1 on LAND_FILL
SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_MIN_SPAN = 0.02  # degrees; keeps a single point (or a row of points) from dividing by zero


@dataclass(frozen=True)
class Bounds:
    """A latitude/longitude box in degrees (WGS 84)."""

    south: float
    west: float
    north: float
    east: float


# Hessen with a small margin (its Gemeinden lie within 49.40–51.65 N, 7.80–10.17 E).
HESSEN_BOUNDS = Bounds(south=49.35, west=7.72, north=51.70, east=10.25)


@dataclass(frozen=True)
class LegendEntry:
    """One category of marks: ``key`` is what ``MapPoint.category`` refers to."""

    key: str
    label: str
    colour: str
    shape: str = "circle"


@dataclass(frozen=True)
class MapPoint:
    """One mark. ``tooltip`` is added to the label in the mark's title (its name)."""

    key: str
    label: str
    latitude: float | Decimal
    longitude: float | Decimal
    category: str
    href: str = ""
    tooltip: str = ""

    @property
    def title(self) -> str:
        return f"{self.label}: {self.tooltip}" if self.tooltip else self.label


# The Länder whose outlines ship (core.outlines): their fixed frame. Other Länder's maps
# frame their points and draw no outline.
OUTLINED = {"06": HESSEN_BOUNDS}


def land_frame(land_key: str) -> tuple[Bounds | None, bool]:
    """(bounds, outlines) of a map of one Land: Hessen's fixed frame and outline, else the
    box around the points without an outline."""
    bounds = OUTLINED.get(land_key)
    return bounds, bounds is not None


def bounds_of(points: Iterable[MapPoint], margin: float = 0.05) -> Bounds:
    """The box around the points, widened by ``margin`` (a share of each side's span)."""
    latitudes = [float(p.latitude) for p in points]
    longitudes = [float(p.longitude) for p in points] if latitudes else []
    if not latitudes:
        return HESSEN_BOUNDS
    lat_pad = max(max(latitudes) - min(latitudes), _MIN_SPAN) * margin + _MIN_SPAN / 2
    lon_pad = max(max(longitudes) - min(longitudes), _MIN_SPAN) * margin + _MIN_SPAN / 2
    return Bounds(
        south=min(latitudes) - lat_pad,
        west=min(longitudes) - lon_pad,
        north=max(latitudes) + lat_pad,
        east=max(longitudes) + lon_pad,
    )


class _Projection:
    """Equirectangular projection of ``bounds`` onto a viewBox ``width`` units wide."""

    def __init__(self, bounds: Bounds, width: int) -> None:
        self.bounds = bounds
        self.x_factor = math.cos(math.radians((bounds.south + bounds.north) / 2))
        span_x = max(bounds.east - bounds.west, _MIN_SPAN) * self.x_factor
        span_y = max(bounds.north - bounds.south, _MIN_SPAN)
        self.scale = width / span_x
        self.width = width
        self.height = round(span_y * self.scale)

    def __call__(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = (longitude - self.bounds.west) * self.x_factor * self.scale
        y = (self.bounds.north - latitude) * self.scale
        return x, y


def _path(lines: Iterable[Line], project: _Projection) -> str:
    parts = []
    for line in lines:
        points = (project(latitude, longitude) for longitude, latitude in line)
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points))
    return "".join(parts)


@functools.lru_cache(maxsize=8)
def _base_map(bounds: Bounds, width: int) -> SafeString:
    """Hessen filled and outlined, with the Kreis borders; decorative. The lines keep their
    width in CSS pixels however small the map is drawn (``non-scaling-stroke``). Kept per
    frame: every map of a page type uses the same one (``HESSEN_BOUNDS``)."""
    project = _Projection(bounds, width)
    land, inner = borders()
    return format_html(
        '<g class="svg-map__base" aria-hidden="true">'
        '<path d="{}" fill="{}" fill-rule="evenodd" stroke="{}" stroke-width="2" '
        'stroke-linejoin="round" vector-effect="non-scaling-stroke"/>'
        '<path d="{}" fill="none" stroke="{}" stroke-width="1" stroke-linejoin="round" '
        'stroke-linecap="round" vector-effect="non-scaling-stroke"/></g>',
        _path(land, project), LAND_FILL, LAND_BORDER, _path(inner, project), KREIS_BORDER,
    )  # fmt: skip


def _polygon(x: float, y: float, radius: float, angles: Sequence[float]) -> str:
    corners = (
        (x + radius * math.cos(math.radians(a)), y + radius * math.sin(math.radians(a)))
        for a in angles
    )
    return "M" + " L".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners) + " Z"


_ANGLES = {
    "diamond": (-90, 0, 90, 180),
    "triangle": (-90, 30, 150),
    "triangle-down": (90, 210, 330),
}


def _shape(shape: str, x: float, y: float, size: float, colour: str, css: str) -> SafeString:
    """One mark of roughly equal area for every shape, centred on (x, y), with a thin
    white edge that keeps neighbouring marks apart."""
    paint = format_html('class="{}" fill="{}" stroke="#ffffff" stroke-width="0.75"', css, colour)
    if shape == "circle":
        return format_html(
            '<circle cx="{}" cy="{}" r="{}" {}/>', f"{x:.1f}", f"{y:.1f}", f"{size:.1f}", paint
        )
    if shape == "square":
        side = size * 1.8
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" {}/>',
            f"{x - side / 2:.1f}", f"{y - side / 2:.1f}", f"{side:.1f}", f"{side:.1f}", paint,
        )  # fmt: skip
    radius = size * (1.3 if shape == "diamond" else 1.55)
    return format_html('<path d="{}" {}/>', _polygon(x, y, radius, _ANGLES[shape]), paint)


def render_symbol(entry: LegendEntry, size: int = 18) -> SafeString:
    """The entry's mark as a small decorative SVG (for legends, also outside maps)."""
    middle = size / 2
    return format_html(
        '<svg class="svg-legend__symbol" width="{}" height="{}" viewBox="0 0 {} {}" '
        'aria-hidden="true" focusable="false">{}</svg>',
        size, size, size, size,
        _shape(entry.shape, middle, middle, size * 0.3, entry.colour, "svg-legend__mark"),
    )  # fmt: skip


def _check(legend: Sequence[LegendEntry], points: Sequence[MapPoint]) -> dict[str, LegendEntry]:
    by_key = {entry.key: entry for entry in legend}
    for entry in legend:
        if entry.shape not in SHAPES:
            raise ValueError(f"unknown shape {entry.shape!r}; use one of {SHAPES}")
        if not _COLOUR.fullmatch(entry.colour):
            raise ValueError(f"colour {entry.colour!r} is not #rrggbb")
    unknown = {p.category for p in points} - by_key.keys()
    if unknown:
        raise ValueError(f"points name categories missing from the legend: {sorted(unknown)}")
    return by_key


def _mark(point: MapPoint, entry: LegendEntry, project: _Projection, size: float) -> SafeString:
    x, y = project(float(point.latitude), float(point.longitude))
    shape = _shape(entry.shape, x, y, size, entry.colour, "svg-map__mark")
    if not point.href:
        return format_html("<g><title>{}</title>{}</g>", point.title, shape)
    return format_html(
        '<a class="svg-map__link" href="{}"><title>{}</title>{}</a>', point.href, point.title, shape
    )


def _legend(legend: Sequence[LegendEntry], legend_title: str, outlines: bool) -> SafeString:
    items = format_html_join(
        "", '<li class="svg-legend__item">{} <span>{}</span></li>',
        ((render_symbol(entry), entry.label) for entry in legend),
    )  # fmt: skip
    source = (
        format_html(
            '<p class="svg-legend__source kern-body kern-body--small kern-body--muted">{}</p>',
            _(
                "Grenzen von Land und Kreisen: © GeoBasis-DE / BKG (2021), vereinfacht; "
                "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)."
            ),
        )
        if outlines
        else ""
    )
    return format_html(
        '<div class="svg-legend"><p class="svg-legend__title kern-body kern-body--bold">{}</p>'
        '<ul class="svg-legend__list">{}</ul>{}</div>',
        legend_title,
        items,
        source,
    )


def render_map(
    points: Sequence[MapPoint],
    legend: Sequence[LegendEntry],
    *,
    title: str,
    description: str,
    bounds: Bounds | None = None,
    width: int = 600,
    mark_size: float = 5.0,
    id_prefix: str = "map",
    legend_title: str | None = None,
    outlines: bool = True,
) -> SafeString:
    """The map (``<svg>``) followed by its legend (an HTML list), in a ``div.svg-map``.

    ``bounds`` defaults to the box around the points; pass ``HESSEN_BOUNDS`` to keep the
    same frame whatever is shown. ``id_prefix`` must be unique on the page. ``outlines``
    draws Hessen and its Kreise under the marks (and names their source in the legend).
    Raises ``ValueError`` for an unknown shape or category, or a colour not ``#rrggbb``.
    """
    by_key = _check(legend, points)
    project = _Projection(bounds or bounds_of(points), width)
    margin = round(mark_size * 2)
    marks = format_html_join(
        "", "{}", ((_mark(p, by_key[p.category], project, mark_size),) for p in points)
    )
    svg = format_html(
        '<svg class="svg-map__canvas" viewBox="{} {} {} {}" role="{}" '
        'aria-labelledby="{}-title" aria-describedby="{}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>{}{}</svg>',
        -margin, -margin, project.width + 2 * margin, project.height + 2 * margin,
        "group" if any(p.href for p in points) else "img",
        id_prefix, id_prefix, id_prefix, title, id_prefix, description,
        -margin, -margin, project.width + 2 * margin, project.height + 2 * margin, BACKGROUND,
        _base_map(project.bounds, width) if outlines else "", marks,
    )  # fmt: skip
    heading = legend_title if legend_title is not None else _("Legende")
    return format_html('<div class="svg-map">{}{}</div>', svg, _legend(legend, heading, outlines))

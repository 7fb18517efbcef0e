"""The outlines of Hessen and its Kreise under the server-side maps (``core.outlines``,
``core.svgmap``, issue 12).

Requirement: the shipped boundary data (BKG VG5000, simplified, ``core/data``) has an outline
for each of the 26 Kreise of the territory data and for nothing else; the Kreise tile one
Land (their unshared borders form one closed ring, the outline of Hessen); the marks of
known towns, placed from the Destatis coordinates like on every map, fall inside the
outline of their own Kreis (every Gemeinde does); the map draws Hessen and the Kreis borders
under the marks, inside its frame, decoratively (``aria-hidden``), with the attribution the
licence asks for; the file is small and documented with its source and licence, read
once per process, and the drawn base map is kept per frame.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from unittest import mock

import pytest

from rathaus.core import outlines, svgmap
from rathaus.core.models import Territory
from rathaus.core.outlines import Line, kreis_outlines
from rathaus.core.svgmap import HESSEN_BOUNDS, LegendEntry, MapPoint, render_map

LEGEND = [LegendEntry("a", "A", "#1d4e89")]
README = outlines.OUTLINES.parent / "README.md"


def _contains(rings: tuple[Line, ...], longitude: float, latitude: float) -> bool:
    """Even-odd rule: a ray from the point crosses the rings an odd number of times."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > latitude) != (y2 > latitude):
                crossing = x1 + (latitude - y1) * (x2 - x1) / (y2 - y1)
                inside ^= longitude < crossing
    return inside


def kreis_at(latitude: float | Decimal, longitude: float | Decimal) -> str | None:
    """The key of the Kreis whose outline holds the point, or None outside Hessen."""
    point = (float(longitude), float(latitude))
    return next((k for k, rings in kreis_outlines().items() if _contains(rings, *point)), None)


def test_every_kreis_of_the_territory_data_has_an_outline(hessen):
    kreise = set(
        Territory.objects.filter(level=Territory.Level.KREIS).values_list("key", flat=True)
    )
    assert len(kreise) == 26
    shipped = kreis_outlines()
    assert set(shipped) == kreise
    for key, rings in shipped.items():
        assert rings, key
        for ring in rings:
            assert len(ring) >= 4 and ring[0] == ring[-1], key


@pytest.mark.parametrize(
    ("gemeinde", "kreis"),
    [
        ("06411000", "06411"),  # Darmstadt, kreisfreie Stadt
        ("06611000", "06611"),  # Kassel, kreisfreie Stadt, surrounded by Landkreis Kassel
        ("06631009", "06631"),  # Fulda, in Landkreis Fulda
        ("06412000", "06412"),  # Frankfurt am Main
        ("06633013", "06633"),  # Hofgeismar, Landkreis Kassel
        ("06431012", "06431"),  # Hirschhorn (Neckar), in the southern part of Bergstraße
    ],
)
def test_marks_of_known_towns_fall_inside_their_kreis(hessen, gemeinde, kreis):
    town = Territory.objects.get(key=gemeinde)
    assert town.latitude is not None and town.parent == Territory.objects.get(key=kreis)
    assert kreis_at(town.latitude, town.longitude) == kreis


def test_every_gemeinde_lies_inside_its_own_kreis(hessen):
    towns = Territory.objects.filter(level=Territory.Level.GEMEINDE, latitude__isnull=False)
    assert towns.count() == 421
    misplaced = [
        (town.key, found)
        for town in towns
        if (found := kreis_at(town.latitude, town.longitude)) != town.key[:5]
    ]
    assert misplaced == []


def test_places_outside_hessen_have_no_kreis():
    for latitude, longitude in [(50.3569, 7.5890), (49.4875, 8.4660), (51.5413, 9.9158)]:
        assert kreis_at(latitude, longitude) is None  # Koblenz, Mannheim, Göttingen


def test_the_kreise_tile_one_land():
    land, inner = outlines.borders()
    assert len(land) == 1 and land[0][0] == land[0][-1]  # one closed outline of Hessen
    assert inner  # and the borders between Kreise, each edge drawn once
    edges = [frozenset(e) for line in inner for e in zip(line, line[1:], strict=False)]
    assert len(edges) == len(set(edges))
    outline = {frozenset(e) for e in zip(land[0], land[0][1:], strict=False)}
    assert not outline & set(edges)


def _numbers(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path)]


def test_map_draws_hessen_and_the_kreise_under_the_marks():
    point = MapPoint("k", "Kassel", 51.3127, 9.4797, "a", href="/k/")
    html = str(render_map([point], LEGEND, title="T", description="D", bounds=HESSEN_BOUNDS))
    base = re.search(r'<g class="svg-map__base" aria-hidden="true">(.*?)</g>', html)
    assert base and html.index(base.group(0)) < html.index('<a class="svg-map__link"')
    paths = re.findall(r'<path d="([^"]+)" fill="(#[0-9a-f]{6}|none)"', base.group(1))
    assert [fill for _d, fill in paths] == [svgmap.LAND_FILL, "none"]
    width, height = (float(n) for n in re.search(r'viewBox="-\d+ -\d+ (\d+) (\d+)"', html).groups())
    for d, _fill in paths:
        points = _numbers(d)
        assert len(points) > 100
        assert all(-20 <= x <= width and -20 <= y <= height for x, y in points)
    assert "style=" not in html and "<script" not in html
    assert "© GeoBasis-DE / BKG (2021)" in html and "dl-de/by-2-0" in html


def test_map_without_outlines_draws_only_the_marks():
    point = MapPoint("w", "Wiesbaden", 50.0782, 8.2398, "a")
    html = str(render_map([point], LEGEND, title="T", description="D", outlines=False))
    assert "svg-map__base" not in html and "GeoBasis-DE" not in html


def test_the_data_file_is_small_and_documented():
    assert outlines.OUTLINES.stat().st_size < 50_000
    readme = README.read_text(encoding="utf-8")
    assert outlines.OUTLINES.name in readme
    for fact in ("VG5000", "GeoBasis-DE / BKG", "dl-de/by-2-0", "make_hessen_outlines.py"):
        assert fact in readme


def test_the_file_is_read_once_and_the_base_map_drawn_once_per_frame():
    kreis_outlines.cache_clear()
    outlines.borders.cache_clear()
    svgmap._base_map.cache_clear()
    point = MapPoint("k", "Kassel", 51.3127, 9.4797, "a")
    with mock.patch.object(outlines.csv, "DictReader", wraps=outlines.csv.DictReader) as reader:
        maps = [
            str(render_map([point], LEGEND, title=t, description="D", bounds=HESSEN_BOUNDS))
            for t in ("T1", "T2", "T3")
        ]
        str(render_map([point], LEGEND, title="T", description="D"))  # another frame
    assert reader.call_count == 1
    assert svgmap._base_map.cache_info().misses == 2
    base = re.compile(r'<g class="svg-map__base".*?</g>')
    assert len({base.search(html).group(0) for html in maps}) == 1

"""The reusable SVG pieces in ``rathaus.core`` (map and bar chart).

Requirement: markup without scripts or ``style`` attributes (the CSP forbids them), every
text escaped, a name and description for assistive technology, marks as links with a
title, categories told apart by shape as well as colour, north up and west left.
"""

from __future__ import annotations

import re

import pytest

from rathaus.core.svgchart import Bar, format_value, render_bar_chart
from rathaus.core.svgmap import (
    HESSEN_BOUNDS,
    SHAPES,
    LegendEntry,
    MapPoint,
    bounds_of,
    render_map,
)

LEGEND = [
    LegendEntry("a", "Gruppe <A>", "#1d4e89", "circle"),
    LegendEntry("b", "Gruppe B", "#a50f15", "triangle"),
]
KASSEL = MapPoint("k", "Kassel", 51.3127, 9.4797, "a", href="/k/", tooltip="70 %")
DARMSTADT = MapPoint("d", "Darmstadt", 49.8722, 8.6538, "b", href="/d/?x=1&y=2")
WIESBADEN = MapPoint("w", "Wiesbaden", 50.0782, 8.2398, "a")


def coordinates(svg: str, key: str) -> tuple[float, float]:
    """Centre of the mark that follows the title starting with ``key``."""
    match = re.search(rf"<title>{key}[^<]*</title><(?:circle|path) (?:cx=\"([\d.]+)\" "
                      rf"cy=\"([\d.]+)\"|d=\"M([\d.]+),([\d.]+))", svg)  # fmt: skip
    assert match, key
    x, y = (match.group(1), match.group(2)) if match.group(1) else match.groups()[2:]
    return float(x), float(y)


def test_map_projects_north_up_and_west_left():
    svg = str(render_map([KASSEL, DARMSTADT, WIESBADEN], LEGEND, title="T", description="D"))
    kassel, darmstadt, wiesbaden = (coordinates(svg, n) for n in ("Kassel", "Darm", "Wies"))
    assert kassel[1] < wiesbaden[1] < darmstadt[1]  # north is up
    assert wiesbaden[0] < darmstadt[0] < kassel[0]  # west is left


def test_map_marks_are_links_with_titles_and_the_svg_is_named():
    html = str(render_map([KASSEL, DARMSTADT], LEGEND, title="Karte <1>", description="D & E"))
    assert 'role="group"' in html  # links inside: not role="img" (children presentational)
    assert 'aria-labelledby="map-title"' in html and 'aria-describedby="map-desc"' in html
    assert '<title id="map-title">Karte &lt;1&gt;</title>' in html
    assert '<desc id="map-desc">D &amp; E</desc>' in html
    assert '<a class="svg-map__link" href="/k/"><title>Kassel: 70 %</title>' in html
    assert 'href="/d/?x=1&amp;y=2"' in html
    assert "Gruppe &lt;A&gt;" in html and "<script" not in html and "style=" not in html


def test_map_without_links_is_an_image():
    html = str(render_map([WIESBADEN], LEGEND, title="T", description="D", id_prefix="m2"))
    assert 'role="img"' in html and "<a " not in html and 'id="m2-title"' in html


def test_every_shape_renders_in_map_and_legend():
    legend = [LegendEntry(shape, shape, "#2b7a3d", shape) for shape in SHAPES]
    points = [MapPoint(s, s, 50 + i / 10, 9, s) for i, s in enumerate(SHAPES)]
    html = str(render_map(points, legend, title="T", description="D"))
    assert html.count('class="svg-map__mark"') == len(SHAPES)
    assert html.count('class="svg-legend__mark"') == len(SHAPES)
    symbols = re.findall(r'<svg class="svg-legend__symbol"[^>]*>', html)
    assert len(symbols) == len(SHAPES)
    assert all('aria-hidden="true"' in symbol for symbol in symbols)  # decorative


@pytest.mark.parametrize(
    ("legend", "points", "message"),
    [
        ([LegendEntry("a", "A", "red")], [], "#rrggbb"),
        ([LegendEntry("a", "A", "#000000", "star")], [], "unknown shape"),
        ([LegendEntry("a", "A", '#000000" onload="x')], [], "#rrggbb"),
        (LEGEND, [MapPoint("x", "X", 50, 9, "zzz")], "missing from the legend"),
    ],
)
def test_map_refuses_bad_legends(legend, points, message):
    with pytest.raises(ValueError, match=message):
        render_map(points, legend, title="T", description="D")


def test_bounds_of_points_and_of_nothing():
    assert bounds_of([]) == HESSEN_BOUNDS
    single = bounds_of([KASSEL])
    assert single.south < 51.3127 < single.north and single.west < 9.4797 < single.east
    html = str(render_map([KASSEL], LEGEND, title="T", description="D"))  # no zero division
    assert "<circle" in html


def test_bar_chart_escapes_scales_and_formats():
    rows = [Bar("Kreis <A>", 70), Bar("Kreis B", 20.8695), Bar("Null", 0, value_text="keine")]
    svg = str(
        render_bar_chart(rows, title="Diagramm", description="Je Kreis", unit="%", maximum=100)
    )
    assert svg.startswith('<svg class="svg-chart"') and 'role="img"' in svg
    assert '<title id="chart-title">Diagramm</title>' in svg
    assert "Kreis &lt;A&gt;" in svg and "20,9\u00a0%" in svg and ">keine<" in svg
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(widths[1] * 70 / 20.8695, rel=0.01) and widths[2] == 0
    assert "style=" not in svg


def test_bar_chart_without_rows_or_values():
    assert 'viewBox="0 0 640 28"' in str(render_bar_chart([], title="T", description="D"))
    svg = str(render_bar_chart([Bar("A", 0)], title="T", description="D"))
    assert 'width="0.0"' in svg
    with pytest.raises(ValueError):
        render_bar_chart([], title="T", description="D", colour="blue")


def test_format_value_rounds_half_up_in_the_active_language(settings):
    assert format_value(12.25, "%") == "12,3\u00a0%"
    assert format_value(3, decimals=0) == "3"

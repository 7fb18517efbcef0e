"""Write ``rathaus/core/data/hessen_kreise_vg5000_20210101.csv`` (the outline of Hessen and
of its 26 Kreise, drawn under the server-side maps) from BKG's VG5000 Kreise.

A maintainer tool, never imported by the running platform. Standard library only:

    python scripts/make_hessen_outlines.py kreis_level.geojson

The input is the VG5000 Kreis layer (``VG5000_KRS``, Gebietsstand 01.01.2021) as GeoJSON in
its original reference system, DHDN / 3-degree Gauss-Krüger zone 3 (EPSG:31467), with the
Kreis key in the property ``ARS``; rathaus/core/data/README.md names the copy used. The
script

1. keeps the features whose ``ARS`` starts with ``06`` and cuts every coordinate down to
   whole metres (``math.floor``), so a copy that carries only whole metres gives the same
   result as the full-precision file;
2. cuts every ring into arcs at the points where its neighbour changes (a border between two
   Kreise, or a stretch of the Land border, is one arc) and simplifies each arc once with
   Douglas-Peucker (``TOLERANCE_M``), keeping the arc's ends: neighbouring Kreise therefore
   keep exactly the same border points, and no gaps or overlaps appear between them;
3. converts the points to WGS 84 (inverse Gauss-Krüger on the Bessel ellipsoid, then the
   7-parameter Helmert transformation DHDN → WGS 84 of EPSG:1777, about 3 m accurate) and
   rounds them to 4 decimals (about 10 m).

Output: one row per ring, ``kreis,points``, with ``points`` as ``lon lat`` pairs separated
by ``;``, the first pair repeated at the end. A Kreis of two parts has two rows; no Kreis of
Hessen has a hole. The script checks that the borders the Kreise do not share form one
ring (the outline of Hessen); ``rathaus/core/outlines.py`` finds the outline and the
borders between Kreise in these rings, and ``rathaus/core/svgmap.py`` draws them.

Running it twice on the same input gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "rathaus" / "core" / "data"
OUTPUT = DATA / "hessen_kreise_vg5000_20210101.csv"
LAND = "06"
TOLERANCE_M = 250.0
DECIMALS = 4

Point = tuple[int, int]

# Bessel 1841 (DHDN) and GRS 80 / WGS 84.
BESSEL = (6377397.155, 1 / 299.1528128)
WGS84 = (6378137.0, 1 / 298.257223563)
# EPSG:1777 "DHDN to WGS 84 (2)", position vector: metres, arc seconds, parts per million.
HELMERT = (598.1, 73.7, 418.2, 0.202, 0.045, -2.455, 6.7)
ZONE = 3  # central meridian 9° E, false easting 3,500,000 m, scale 1


def read_kreise(source: Path) -> dict[str, list[list[Point]]]:
    """The rings of each Hessian Kreis, in whole metres, without the repeated last point."""
    data = json.loads(source.read_text(encoding="utf-8"))
    kreise: dict[str, list[list[Point]]] = {}
    for feature in data["features"]:
        key = feature["properties"]["ARS"]
        if not key.startswith(LAND):
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = kreise.setdefault(key, [])
        for polygon in polygons:
            for ring in polygon:
                points = [(math.floor(x), math.floor(y)) for x, y in ring]
                rings.append(points[:-1] if points[0] == points[-1] else points)
    return kreise


def _edge(a: Point, b: Point) -> tuple[Point, Point]:
    return (a, b) if a <= b else (b, a)


def edge_owners(kreise: dict[str, list[list[Point]]]) -> dict[tuple[Point, Point], set[str]]:
    owners: dict[tuple[Point, Point], set[str]] = defaultdict(set)
    for key, rings in kreise.items():
        for ring in rings:
            for i, point in enumerate(ring):
                owners[_edge(point, ring[(i + 1) % len(ring)])].add(key)
    return owners


def arcs_of(ring: list[Point], owners: dict) -> list[list[Point]]:
    """The ring cut where the set of Kreise along it changes; a ring without such a point
    is one closed arc starting at its smallest point."""
    n = len(ring)
    sides = [frozenset(owners[_edge(ring[i], ring[(i + 1) % n])]) for i in range(n)]
    cuts = [i for i in range(n) if sides[i - 1] != sides[i]]
    if not cuts:
        start = ring.index(min(ring))
        return [ring[start:] + ring[: start + 1]]
    arcs = []
    for j, cut in enumerate(cuts):
        end = cuts[(j + 1) % len(cuts)]
        length = (end - cut) % n or n
        arcs.append([ring[(cut + k) % n] for k in range(length + 1)])
    return arcs


def _distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, 0
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def kept_points(kreise: dict[str, list[list[Point]]], owners: dict) -> set[Point]:
    """The points left after simplifying each arc once, in one fixed direction."""
    kept: set[Point] = set()
    for rings in kreise.values():
        for ring in rings:
            for arc in arcs_of(ring, owners):
                if arc[0] == arc[-1]:  # closed: split at the point farthest from the start
                    far = max(range(len(arc)), key=lambda i: math.dist(arc[0], arc[i]))
                    parts = [arc[: far + 1], arc[far:]]
                else:
                    parts = [arc if arc[0] <= arc[-1] else arc[::-1]]
                for part in parts:
                    kept.update(douglas_peucker(part, TOLERANCE_M))
    return kept


def land_outline(owners: dict) -> list[Point]:
    """The edges that only one Kreis has, walked into one closed ring."""
    neighbours: dict[Point, list[Point]] = defaultdict(list)
    for (a, b), keys in owners.items():
        if len(keys) == 1:
            neighbours[a].append(b)
            neighbours[b].append(a)
    if any(len(n) != 2 for n in neighbours.values()):
        raise SystemExit("the Land border is not one simple ring")
    start = min(neighbours)
    ring, previous, current = [start], None, start
    while True:
        following = next(p for p in neighbours[current] if p != previous)
        if following == start:
            break
        ring.append(following)
        previous, current = current, following
    if len(ring) != len(neighbours):
        raise SystemExit("the Land border has more than one ring")
    return ring


def _geodetic_to_xyz(lat: float, lon: float, ellipsoid: tuple[float, float]):
    a, f = ellipsoid
    e2 = f * (2 - f)
    n = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (
        n * math.cos(lat) * math.cos(lon),
        n * math.cos(lat) * math.sin(lon),
        n * (1 - e2) * math.sin(lat),
    )


def _xyz_to_geodetic(x: float, y: float, z: float, ellipsoid: tuple[float, float]):
    a, f = ellipsoid
    e2 = f * (2 - f)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        n = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * n * math.sin(lat), p)
    return lat, math.atan2(y, x)


def gauss_krueger_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """(longitude, latitude) in degrees, WGS 84, of a DHDN Gauss-Krüger point."""
    a, f = BESSEL
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    x = easting - ZONE * 1_000_000 - 500_000
    e1 = (1 - math.sqrt(1 - e2)) / (1 + math.sqrt(1 - e2))
    mu = northing / (a * (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256))
    phi1 = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
        + (151 * e1**3 / 96) * math.sin(6 * mu)
        + (1097 * e1**4 / 512) * math.sin(8 * mu)
    )
    c1 = ep2 * math.cos(phi1) ** 2
    t1 = math.tan(phi1) ** 2
    n1 = a / math.sqrt(1 - e2 * math.sin(phi1) ** 2)
    r1 = a * (1 - e2) / (1 - e2 * math.sin(phi1) ** 2) ** 1.5
    d = x / n1
    lat = phi1 - (n1 * math.tan(phi1) / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * ep2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * ep2 - 3 * c1**2) * d**6 / 720
    )
    lon = math.radians(3 * ZONE) + (
        d
        - (1 + 2 * t1 + c1) * d**3 / 6
        + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * ep2 + 24 * t1**2) * d**5 / 120
    ) / math.cos(phi1)
    tx, ty, tz, rx, ry, rz, ds = HELMERT
    rx, ry, rz = (math.radians(r / 3600) for r in (rx, ry, rz))
    s = 1 + ds * 1e-6
    x0, y0, z0 = _geodetic_to_xyz(lat, lon, BESSEL)
    x1 = tx + s * (x0 - rz * y0 + ry * z0)
    y1 = ty + s * (rz * x0 + y0 - rx * z0)
    z1 = tz + s * (-ry * x0 + rx * y0 + z0)
    lat, lon = _xyz_to_geodetic(x1, y1, z1, WGS84)
    return math.degrees(lon), math.degrees(lat)


def _points(ring: list[Point], kept: set[Point]) -> str:
    points = [point for point in ring if point in kept]
    points.append(points[0])
    pairs: list[tuple[float, float]] = []
    for point in points:
        lon, lat = gauss_krueger_to_wgs84(*point)
        pair = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not pairs or pairs[-1] != pair:
            pairs.append(pair)
    return ";".join(f"{lon:.{DECIMALS}f} {lat:.{DECIMALS}f}" for lon, lat in pairs)


def write_outlines(source: Path, output: Path = OUTPUT) -> tuple[int, int, int]:
    kreise = read_kreise(source)
    owners = edge_owners(kreise)
    land = land_outline(owners)  # raises unless the Kreise tile one Land
    kept = kept_points(kreise, owners)
    rows = [[key, _points(ring, kept)] for key in sorted(kreise) for ring in kreise[key]]
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kreis", "points"])
        writer.writerows(rows)
    return len(kreise), len(land), len(kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="VG5000 Kreise as GeoJSON (EPSG:31467)")
    args = parser.parse_args(argv)
    print(f"sha256 {hashlib.sha256(args.source.read_bytes()).hexdigest()}  {args.source}")
    kreise, land_points, points = write_outlines(args.source)
    print(f"{OUTPUT.name}: {kreise} Kreise, {points} points kept")
    print(f"Land border before simplification: {land_points} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())

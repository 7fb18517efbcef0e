"""Hessen and its 26 Kreise as lines to draw under the server-side maps (``core.svgmap``).

The simplified BKG VG5000 Kreise are shipped as CSV in ``core/data`` (source, licence and
how they were made: ``core/data/README.md``). The file is read once per process, at the
first map drawn; the lines derived from it are kept as well.

Neighbouring Kreise share exactly the same border points, so an edge that only one Kreis
has lies on the Land border, and an edge of two Kreise is a border between them.
"""

from __future__ import annotations

import csv
import functools
import itertools
from collections import defaultdict
from pathlib import Path

__all__ = ["OUTLINES", "Line", "Position", "borders", "kreis_outlines"]

OUTLINES = Path(__file__).resolve().parent / "data" / "hessen_kreise_vg5000_20210101.csv"

Position = tuple[float, float]  # (longitude, latitude), degrees, WGS 84
Line = tuple[Position, ...]


@functools.cache
def kreis_outlines() -> dict[str, tuple[Line, ...]]:
    """The simplified outline of each Hessian Kreis by its key (``06411``): its rings of
    (longitude, latitude) pairs, each closed (last pair = first)."""
    outlines: dict[str, list[Line]] = defaultdict(list)
    with OUTLINES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            pairs = (pair.split() for pair in row["points"].split(";"))
            outlines[row["kreis"]].append(tuple((float(x), float(y)) for x, y in pairs))
    return {key: tuple(rings) for key, rings in outlines.items()}


@functools.cache
def borders() -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """(the outline of Hessen, the borders between Kreise), each edge once: an edge of one
    Kreis only lies on the Land border; an edge of two is taken from the smaller key."""
    outlines = kreis_outlines()
    owners: dict[frozenset[Position], list[str]] = defaultdict(list)
    for key, rings in outlines.items():
        for ring in rings:
            for a, b in itertools.pairwise(ring):
                owners[frozenset((a, b))].append(key)
    found: dict[str, list[Line]] = {"land": [], "inner": []}
    for key in sorted(outlines):
        for ring in outlines[key]:
            kinds = [_kind(owners[frozenset(edge)], key) for edge in itertools.pairwise(ring)]
            for kind, line in _runs(ring, kinds):
                if kind in found:
                    found[kind].append(line)
    return _join(found["land"]), _join(found["inner"])


def _kind(owners: list[str], key: str) -> str:
    if len(owners) == 1:
        return "land"
    return "inner" if min(owners) == key else "skip"  # the neighbour draws it


def _runs(ring: Line, kinds: list[str]) -> list[tuple[str, Line]]:
    """The ring cut into stretches of edges of the same kind (``kinds[i]``: the edge from
    point ``i`` to ``i + 1``)."""
    runs, start = [], 0
    for kind, edges in itertools.groupby(kinds):
        end = start + len(list(edges))
        runs.append((kind, ring[start : end + 1]))
        start = end
    return runs


def _join(lines: list[Line]) -> tuple[Line, ...]:
    """The lines joined end to end (either way round) wherever they meet."""
    pending, joined = list(lines), []
    while pending:
        line = list(pending.pop())
        grown = True
        while grown and line[0] != line[-1]:
            grown = False
            for i, other in enumerate(pending):
                if line[-1] in (other[0], other[-1]):
                    line += other[1:] if other[0] == line[-1] else other[-2::-1]
                    del pending[i]
                    grown = True
                    break
        joined.append(tuple(line))
    return tuple(joined)

"""Write the territory extracts shipped in this folder from the two Destatis source files.

A maintainer tool, never imported by the running platform. Standard library only:

    python rathaus/core/data/make_extract.py GV100AD_30112025.txt AuszugGV4Q_31122020.csv

For each Land in ``LANDS`` (Hessen ``06``, Hamburg ``02``, Schleswig-Holstein ``01``) it
writes one pair of files, named after the Land (``hessen_…``, ``hamburg_…``,
``schleswig-holstein_…``):

- ``<land>_gv100ad_30112025.txt``: every line of the GV100AD file whose Land (characters
  11–12) is the Land's key, whatever its Satzart, byte for byte (line ends included).
- ``<land>_coordinates_31122020.csv``: the Satzart-60 rows of that Land of the Destatis
  "Auszug GV" CSV, reduced to ``ags,latitude,longitude`` with dot decimals.

It prints the sha256 of both inputs and warns when they are not the documented ones
(then update README.md). Running it twice on the same inputs gives the same files.
``--output-dir`` writes elsewhere (the tests compare such a copy with the shipped files).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Land key -> the name in the file names. ``rathaus/core/gv100.py`` names the same files.
LANDS = {"06": "hessen", "02": "hamburg", "01": "schleswig-holstein"}
LAND = "06"
GV100AD_NAME = "{land}_gv100ad_30112025.txt"
COORDINATES_NAME = "{land}_coordinates_31122020.csv"
EXPECTED_SHA256 = {
    "gv100ad": "73a8b0fac2e9ee3716eaf264dfcf4d87a5e1cff04ce8847d7b26a33f188fd352",
    "auszug": "34aa727cfd2f7f042852476c1fe0865623c23b8f2a6108976b3e1692d8d0ca30",
}


def output_paths(land: str, directory: Path = HERE) -> tuple[Path, Path]:
    """(GV100AD extract, coordinates extract) of one Land in ``directory``."""
    name = LANDS[land]
    return (
        directory / GV100AD_NAME.format(land=name),
        directory / COORDINATES_NAME.format(land=name),
    )


GV100AD_OUTPUT, COORDINATES_OUTPUT = output_paths(LAND)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gv100ad_lines(source: Path, land: str = LAND) -> list[bytes]:
    """The lines of one Land, unchanged. Characters 11–12 hold the Land in every Satzart."""
    wanted = land.encode("ascii")
    with source.open("rb") as handle:
        return [line for line in handle if line[10:12] == wanted]


def _decimal(value: str) -> str:
    return value.strip().replace(",", ".")


def coordinate_rows(source: Path, land: str = LAND) -> list[tuple[str, str, str]]:
    """(ags, latitude, longitude) of the Satzart-60 rows of one Land that have both values."""
    rows = []
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["satzart"] != "60" or row["land"] != land:
                continue
            latitude, longitude = _decimal(row["breitengrad"]), _decimal(row["laengengrad"])
            if latitude and longitude:
                ags = row["land"] + row["rb"] + row["kreis"] + row["gemeinde"]
                rows.append((ags, latitude, longitude))
    return rows


def write_extract(
    gv100ad: Path, auszug: Path, land: str, directory: Path = HERE
) -> tuple[int, int]:
    """Write the pair of one Land; returns (GV100AD lines, coordinate rows)."""
    gv100ad_output, coordinates_output = output_paths(land, directory)
    lines = gv100ad_lines(gv100ad, land)
    gv100ad_output.write_bytes(b"".join(lines))
    rows = coordinate_rows(auszug, land)
    with coordinates_output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["ags", "latitude", "longitude"])
        writer.writerows(rows)
    return len(lines), len(rows)


def write_extracts(
    gv100ad: Path, auszug: Path, directory: Path = HERE
) -> dict[str, tuple[int, int]]:
    """Write the pairs of every Land in ``LANDS``; (lines, rows) per Land key."""
    return {land: write_extract(gv100ad, auszug, land, directory) for land in LANDS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gv100ad", type=Path, help="GV100AD_30112025.txt (Destatis)")
    parser.add_argument("auszug", type=Path, help="AuszugGV4Q_31122020.csv (Destatis, as CSV)")
    parser.add_argument(
        "--output-dir", type=Path, default=HERE, help="where to write (default: this folder)"
    )
    args = parser.parse_args(argv)
    for label, path in (("gv100ad", args.gv100ad), ("auszug", args.auszug)):
        digest = sha256(path)
        print(f"sha256 {digest}  {path}")
        if digest != EXPECTED_SHA256[label]:
            print(f"warning: {path.name} is not the documented version; update README.md")
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for land, (line_count, row_count) in write_extracts(
        args.gv100ad, args.auszug, args.output_dir
    ).items():
        gv100ad_output, coordinates_output = output_paths(land, args.output_dir)
        print(f"{gv100ad_output.name}: {line_count} lines, sha256 {sha256(gv100ad_output)}")
        print(f"{coordinates_output.name}: {row_count} rows, sha256 {sha256(coordinates_output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

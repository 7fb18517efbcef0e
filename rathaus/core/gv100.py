"""Reading the Destatis Gemeindeverzeichnis (GV100AD, fixed width) and coordinate files.

The file has one record of 220 characters per line; positions are 1-based as in the
Destatis "Datensatzbeschreibung GV100" (see ``rathaus/core/data/README.md``):

- 1–2 Satzart: 10 Land, 20 Regierungsbezirk, 30 Region, 40 Kreis, 50 Gemeindeverband,
  60 Gemeinde; 3–10 Gebietsstand (YYYYMMDD)
- 11–12 Land, 13 Regierungsbezirk, 14–15 Kreis, 16–18 Gemeinde, 19–22 Gemeindeverband
- 23–72 name, 73–122 seat of the administration, 123–124 Textkennzeichen
- Satzart 60 only: 129–139 area (ha), 140–150 population, 166–170 postcode

Parsing only; :mod:`rathaus.core.importers` writes the records to the database.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Territory
from rathaus.core.services import TerritoryKind

DATA_DIR = Path(__file__).resolve().parent / "data"


class ShippedExtract(NamedTuple):
    """The pair of files shipped for one Land (made by ``data/make_extract.py``)."""

    gv100ad: Path
    coordinates: Path


def _shipped(name: str) -> ShippedExtract:
    return ShippedExtract(
        DATA_DIR / f"{name}_gv100ad_30112025.txt", DATA_DIR / f"{name}_coordinates_31122020.csv"
    )


# The extracts shipped in ``data/`` by Land key: Hessen, Hamburg, Schleswig-Holstein (the
# names are those of ``make_extract.LANDS``).
SHIPPED_EXTRACTS: dict[str, ShippedExtract] = {
    "06": _shipped("hessen"),
    "02": _shipped("hamburg"),
    "01": _shipped("schleswig-holstein"),
}
# The Hessen pair, as before there were several Länder.
SHIPPED_GV100AD, SHIPPED_COORDINATES = SHIPPED_EXTRACTS["06"]

RECORD_LENGTH = 220
LEVEL_ORDER = (
    Territory.Level.LAND,
    Territory.Level.REGIERUNGSBEZIRK,
    Territory.Level.KREIS,
    Territory.Level.GEMEINDE,
)
KREIS_KINDS = {
    "41": TerritoryKind.KREISFREIE_STADT,
    "42": TerritoryKind.STADTKREIS,
    "43": TerritoryKind.KREIS,
    "44": TerritoryKind.LANDKREIS,
    "45": TerritoryKind.REGIONALVERBAND,
}
GEMEINDE_KINDS = {
    "60": TerritoryKind.MARKT,
    "61": TerritoryKind.KREISFREIE_STADT,
    "62": TerritoryKind.STADTKREIS,
    "63": TerritoryKind.STADT,
    "64": TerritoryKind.KREISANGEHOERIGE_GEMEINDE,
    "67": TerritoryKind.GROSSE_KREISSTADT,
}
UNINCORPORATED_CODES = {"65", "66"}  # gemeindefreies Gebiet, inhabited / uninhabited
# Every valid Textkennzeichen of Satzart 60; gemeindefreie Gebiete get no kind (not imported).
GEMEINDE_CODES = dict.fromkeys(UNINCORPORATED_CODES, "") | GEMEINDE_KINDS

# Why a record was not imported; keys of ``ImportResult.skipped``.
SKIPPED_REGION = "region"
SKIPPED_ASSOCIATION = "gemeindeverband"
SKIPPED_UNINCORPORATED = "gemeindefrei"
SKIPPED_OTHER_LAND = "andere_laender"

COORDINATE_QUANTUM = Decimal("0.000001")
SIMPLE_COORDINATE_HEADER = ["ags", "latitude", "longitude"]
DESTATIS_COORDINATE_COLUMNS = {
    "satzart",
    "land",
    "rb",
    "kreis",
    "gemeinde",
    "laengengrad",
    "breitengrad",
}

UPDATE_FIELDS = [
    "regional_key",
    "level",
    "kind",
    "name",
    "short_name",
    "search_name",
    "seat",
    "parent",
    "population",
    "area_hectares",
    "postal_code",
    "latitude",
    "longitude",
    "valid_on",
]
BATCH_SIZE = 500


class TerritoryImportError(ValueError):
    """The input cannot be imported; the message names the file line where there is one."""

    def __init__(self, message: str | Promise, line_number: int | None = None) -> None:
        self.line_number = line_number
        if line_number is not None:
            message = _("Zeile %(line)d: %(message)s") % {"line": line_number, "message": message}
        super().__init__(str(message))


@dataclass(frozen=True, slots=True)
class GV100Record:
    """One line of a GV100AD file. ``level`` is None for records that are not imported."""

    line_number: int
    record_type: str
    valid_on: date
    land_key: str
    level: str | None
    key: str
    regional_key: str = ""
    name: str = ""
    seat: str = ""
    text_code: str = ""
    kind: str = ""
    area_hectares: int | None = None
    population: int | None = None
    postal_code: str = ""

    @property
    def unincorporated(self) -> bool:
        """A gemeindefreies Gebiet (Satzart 60 with Textkennzeichen 65 or 66)."""
        return self.record_type == "60" and self.text_code in UNINCORPORATED_CODES


@dataclass
class LevelCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportResult:
    """What one import did: counts per level, skipped records, coordinates, stale keys."""

    counts: dict[str, LevelCount] = field(
        default_factory=lambda: {level.value: LevelCount() for level in LEVEL_ORDER}
    )
    skipped: Counter[str] = field(default_factory=Counter)
    with_coordinates: int = 0
    valid_on: date | None = None
    # Keys already in the database for the imported Länder but not in the file (e.g. a
    # Gemeinde merged since). They are kept: authorities may still point to them.
    stale_keys: list[str] = field(default_factory=list)


# --- Parsing the fixed-width file -------------------------------------------------------


def _cut(line: str, start: int, end: int) -> str:
    """Characters ``start`` to ``end`` (1-based, inclusive), as in the Destatis layout."""
    return line[start - 1 : end]


def _digits(line: str, start: int, end: int, what: str | Promise, line_number: int) -> str:
    value = _cut(line, start, end)
    if not (value.isascii() and value.isdigit()):
        message = _(
            "%(what)s (Stellen %(start)d–%(end)d) muss aus Ziffern bestehen, ist „%(value)s“."
        )
        params = {"what": what, "start": start, "end": end, "value": value}
        raise TerritoryImportError(message % params, line_number)
    return value


def _number(line: str, start: int, end: int, what: str | Promise, line_number: int) -> int | None:
    if not _cut(line, start, end).strip():
        return None
    return int(_digits(line, start, end, what, line_number))


def _valid_on(line: str, line_number: int) -> date:
    value = _digits(line, 3, 10, _("Gebietsstand"), line_number)
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        message = _("Gebietsstand „%(value)s“ ist kein gültiges Datum.") % {"value": value}
        raise TerritoryImportError(message, line_number) from None


def _text(line: str, start: int, end: int) -> str:
    return _cut(line, start, end).strip()


def _named(line: str, line_number: int, level: str, key: str, **extra) -> GV100Record:
    name = _text(line, 23, 72)
    if not name:
        raise TerritoryImportError(_("Der Name (Stellen 23–72) fehlt."), line_number)
    return GV100Record(
        line_number=line_number,
        record_type=line[:2],
        valid_on=_valid_on(line, line_number),
        land_key=key[:2],
        level=level,
        key=key,
        regional_key=extra.pop("regional_key", key),
        name=name,
        seat=_text(line, 73, 122),
        text_code=_text(line, 123, 124),
        **extra,
    )


def _kind(line: str, kinds: Mapping[str, str], line_number: int) -> str:
    code = _text(line, 123, 124)
    if code not in kinds:
        message = _("Unbekanntes Textkennzeichen „%(code)s“ (Stellen 123–124).") % {"code": code}
        raise TerritoryImportError(message, line_number)
    return kinds[code]


def _parse_land(line: str, n: int) -> GV100Record:
    key = _digits(line, 11, 12, _("Der Landesschlüssel"), n)
    return _named(line, n, Territory.Level.LAND, key)


def _parse_district(line: str, n: int) -> GV100Record:
    key = _digits(line, 11, 13, _("Der Schlüssel des Regierungsbezirks"), n)
    return _named(line, n, Territory.Level.REGIERUNGSBEZIRK, key)


def _parse_kreis(line: str, n: int) -> GV100Record:
    key = _digits(line, 11, 15, _("Der Kreisschlüssel"), n)
    kind = _kind(line, KREIS_KINDS, n)
    return _named(line, n, Territory.Level.KREIS, key, kind=kind)


def _parse_gemeinde(line: str, n: int) -> GV100Record:
    ags = _digits(line, 11, 18, _("Der Gemeindeschlüssel"), n)
    association = _digits(line, 19, 22, _("Der Gemeindeverbandsschlüssel"), n)
    postal_code = _text(line, 166, 170)
    return _named(
        line,
        n,
        Territory.Level.GEMEINDE,
        ags,
        regional_key=ags[:5] + association + ags[5:],
        kind=_kind(line, GEMEINDE_CODES, n),
        area_hectares=_number(line, 129, 139, _("Die Fläche"), n),
        population=_number(line, 140, 150, _("Die Einwohnerzahl"), n),
        postal_code=postal_code if postal_code.isdigit() and len(postal_code) == 5 else "",
    )


def _parse_skipped(line: str, n: int) -> GV100Record:
    """Regions and Gemeindeverbände: checked for their Land and date, not imported."""
    land_key = _digits(line, 11, 12, _("Der Landesschlüssel"), n)
    return GV100Record(n, line[:2], _valid_on(line, n), land_key, None, _text(line, 11, 22))


_PARSERS = {
    "10": _parse_land,
    "20": _parse_district,
    "30": _parse_skipped,
    "40": _parse_kreis,
    "50": _parse_skipped,
    "60": _parse_gemeinde,
}


def parse_line(line: str, line_number: int) -> GV100Record:
    """One GV100AD record (without its line end). Raises ``TerritoryImportError``."""
    if len(line) != RECORD_LENGTH:
        message = _("Ein Datensatz hat %(expected)d Zeichen, diese Zeile hat %(actual)d.") % {
            "expected": RECORD_LENGTH,
            "actual": len(line),
        }
        raise TerritoryImportError(message, line_number)
    parser = _PARSERS.get(line[:2])
    if parser is None:
        message = _("Unbekannte Satzart „%(type)s“ (Stellen 1–2).") % {"type": line[:2]}
        raise TerritoryImportError(message, line_number)
    return parser(line, line_number)


def parse_gv100ad(lines: Iterable[str]) -> list[GV100Record]:
    """Every record of a GV100AD file given as lines; empty lines are ignored."""
    records = []
    for line_number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if line:
            records.append(parse_line(line, line_number))
    return records


def read_gv100ad(path: Path | str, encoding: str = "utf-8") -> list[GV100Record]:
    """Parse a GV100AD file (Destatis ships UTF-8 since 2024, older issues ISO-8859-1)."""
    lines = []
    with open(path, "rb") as handle:
        for line_number, raw in enumerate(handle, start=1):
            try:
                lines.append(raw.decode(encoding))
            except UnicodeDecodeError:
                message = _("Die Zeile ist nicht im Zeichensatz %(encoding)s kodiert.") % {
                    "encoding": encoding
                }
                raise TerritoryImportError(message, line_number) from None
    return parse_gv100ad(lines)


# --- Coordinates --------------------------------------------------------------------------


def _coordinate(value: str, low: int, high: int, line_number: int) -> Decimal:
    try:
        number = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        number = Decimal("NaN")
    if not (number.is_finite() and low <= number <= high):
        message = _("„%(value)s“ ist keine gültige Koordinate.") % {"value": value}
        raise TerritoryImportError(message, line_number)
    return number.quantize(COORDINATE_QUANTUM, rounding=ROUND_HALF_UP)


def _ags(value: str, line_number: int) -> str:
    if not (value.isascii() and value.isdigit() and len(value) == 8):
        message = _("„%(value)s“ ist kein achtstelliger Gemeindeschlüssel.") % {"value": value}
        raise TerritoryImportError(message, line_number)
    return value


def _simple_coordinates(reader) -> dict[str, tuple[Decimal, Decimal]]:
    """Rows of ``ags,latitude,longitude`` with dot (or comma) decimals."""
    coordinates = {}
    for row in reader:
        n = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 3:
            raise TerritoryImportError(_("Erwartet werden drei Spalten."), n)
        ags = _ags(row[0].strip(), n)
        coordinates[ags] = (_coordinate(row[1], -90, 90, n), _coordinate(row[2], -180, 180, n))
    return coordinates


def _destatis_coordinates(reader, header: list[str]) -> dict[str, tuple[Decimal, Decimal]]:
    """The Destatis "Auszug GV" as CSV: Satzart-60 rows, comma decimals; blanks skipped."""
    coordinates = {}
    for cells in reader:
        row = dict(zip(header, cells, strict=False))
        if row.get("satzart", "").strip() != "60":
            continue
        latitude, longitude = row.get("breitengrad", ""), row.get("laengengrad", "")
        if not (latitude.strip() and longitude.strip()):
            continue
        n = reader.line_num
        parts = (row.get(column, "").strip() for column in ("land", "rb", "kreis", "gemeinde"))
        ags = _ags("".join(parts), n)
        coordinates[ags] = (_coordinate(latitude, -90, 90, n), _coordinate(longitude, -180, 180, n))
    return coordinates


def read_coordinates(path: Path | str) -> dict[str, tuple[Decimal, Decimal]]:
    """(latitude, longitude) per 8-digit AGS from a CSV, detected by its header.

    Either ``ags,latitude,longitude`` (the shipped extract) or the Destatis "Auszug GV"
    converted to CSV (columns ``satzart``, ``land``, ``rb``, ``kreis``, ``gemeinde``,
    ``laengengrad``, ``breitengrad``; UTF-8, with or without BOM).
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [cell.strip().lower() for cell in next(reader, [])]
            if header == SIMPLE_COORDINATE_HEADER:
                return _simple_coordinates(reader)
            if set(header) >= DESTATIS_COORDINATE_COLUMNS:
                return _destatis_coordinates(reader, header)
    except UnicodeDecodeError:
        raise TerritoryImportError(_("Die Koordinatendatei ist nicht UTF-8-kodiert.")) from None
    message = _(
        "Unbekanntes Format der Koordinatendatei: erwartet wird die Kopfzeile "
        "„ags,latitude,longitude“ oder der Destatis-Auszug GV."
    )
    raise TerritoryImportError(message, 1)

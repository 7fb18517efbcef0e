"""Import of the Destatis Gemeindeverzeichnis into ``Territory`` (format: ``gv100``).

Imported: Länder, Regierungsbezirke, Kreise and Gemeinden. Regions (30),
Gemeindeverbände (50) and gemeindefreie Gebiete (Textkennzeichen 65/66) are skipped and
counted. Land, Regierungsbezirk and Kreis get the population and area summed over their
Satzart-60 records. Coordinates come from an optional CSV (see ``gv100.read_coordinates``);
without one, coordinates already in the database are kept.

The whole import runs in one transaction and changes nothing unless every line is valid;
running it again with the same file changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rathaus.core import pagecache
from rathaus.core.gv100 import (
    BATCH_SIZE,
    LEVEL_ORDER,
    SHIPPED_COORDINATES,
    SHIPPED_EXTRACTS,
    SHIPPED_GV100AD,
    SKIPPED_ASSOCIATION,
    SKIPPED_OTHER_LAND,
    SKIPPED_REGION,
    SKIPPED_UNINCORPORATED,
    UPDATE_FIELDS,
    GV100Record,
    ImportResult,
    LevelCount,
    ShippedExtract,
    TerritoryImportError,
    read_coordinates,
    read_gv100ad,
)
from rathaus.core.models import Territory

__all__ = [
    "import_records",
    "import_territory",
    "import_shipped_extract",
    "import_shipped_extracts",
    "BATCH_SIZE",
    "GV100Record",
    "ImportResult",
    "LEVEL_ORDER",
    "LevelCount",
    "SHIPPED_COORDINATES",
    "SHIPPED_EXTRACTS",
    "SHIPPED_GV100AD",
    "ShippedExtract",
    "SKIPPED_ASSOCIATION",
    "SKIPPED_OTHER_LAND",
    "SKIPPED_REGION",
    "SKIPPED_UNINCORPORATED",
    "TerritoryImportError",
    "UPDATE_FIELDS",
    "read_coordinates",
    "read_gv100ad",
]

# --- Writing to the database --------------------------------------------------------------


def _land_filter(land_keys: Iterable[str] | None) -> set[str] | None:
    if land_keys is None:
        return None
    keys = {key.strip() for key in land_keys}
    for key in sorted(keys):
        if not (key.isascii() and key.isdigit() and len(key) == 2):
            message = _("„%(key)s“ ist kein zweistelliger Landesschlüssel.") % {"key": key}
            raise TerritoryImportError(message)
    return keys or None


def _select(
    records: Sequence[GV100Record], lands: set[str] | None, result: ImportResult
) -> list[GV100Record]:
    """Records of the chosen Länder, Satzart 30/50 removed (and counted)."""
    selected = []
    for record in records:
        if lands is not None and record.land_key not in lands:
            result.skipped[SKIPPED_OTHER_LAND] += 1
        elif record.level is None:
            kind = SKIPPED_REGION if record.record_type == "30" else SKIPPED_ASSOCIATION
            result.skipped[kind] += 1
        else:
            selected.append(record)
    if not selected:
        raise TerritoryImportError(_("Die Datei enthält keine Gebiete für die gewählten Länder."))
    return selected


def _totals(records: Iterable[GV100Record]) -> dict[str, tuple[int, int]]:
    """Population and area of every Land, RB and Kreis, summed over its Satzart-60 lines."""
    population: defaultdict[str, int] = defaultdict(int)
    area: defaultdict[str, int] = defaultdict(int)
    for record in records:
        if record.record_type != "60":
            continue
        for prefix in {record.key[:2], record.key[:3], record.key[:5]}:
            population[prefix] += record.population or 0
            area[prefix] += record.area_hectares or 0
    return {key: (population[key], area[key]) for key in population}


def _parent_key(record: GV100Record, known: set[str]) -> str | None:
    """The key of the parent; a Kreis without Regierungsbezirk (digit 0) hangs under its Land."""
    if record.level == Territory.Level.LAND:
        return None
    if record.level == Territory.Level.GEMEINDE:
        parent = record.key[:5]
    elif record.level == Territory.Level.KREIS and record.key[2] != "0":
        parent = record.key[:3]
    else:
        parent = record.key[:2]
    if parent not in known:
        message = _("Das übergeordnete Gebiet %(parent)s von %(key)s fehlt.") % {
            "parent": parent,
            "key": record.key,
        }
        raise TerritoryImportError(message, record.line_number)
    return parent


def _check_unique(records: Iterable[GV100Record]) -> None:
    seen: dict[str, int] = {}
    for record in records:
        if record.key in seen:
            message = _("Der Schlüssel %(key)s steht schon in Zeile %(first)d.") % {
                "key": record.key,
                "first": seen[record.key],
            }
            raise TerritoryImportError(message, record.line_number)
        seen[record.key] = record.line_number


def _short_name(name: str) -> str:
    """The name before the first comma, as ``Territory.save`` derives it."""
    return name.split(",")[0].strip()


@dataclass
class _Plan:
    """Everything the writer needs: the known territories and the values from the file."""

    objects: dict[str, Territory]
    parents: dict[str, str | None]
    totals: dict[str, tuple[int, int]]
    coordinates: Mapping[str, tuple[Decimal, Decimal]]

    def values(self, record: GV100Record) -> dict[str, object]:
        parent_key = self.parents[record.key]
        population, area = record.population, record.area_hectares
        if record.level != Territory.Level.GEMEINDE:
            population, area = self.totals.get(record.key, (None, None))
        values: dict[str, object] = {
            "regional_key": record.regional_key,
            "level": record.level,
            "kind": record.kind,
            "name": record.name,
            "seat": record.seat,
            "parent_id": self.objects[parent_key].pk if parent_key else None,
            "population": population,
            "area_hectares": area,
            "postal_code": record.postal_code,
            "valid_on": record.valid_on,
        }
        if record.key in self.coordinates:
            values["latitude"], values["longitude"] = self.coordinates[record.key]
        return values


def _update(territory: Territory, values: Mapping[str, object]) -> bool:
    """Apply the values; True if anything changed. A new official name renews the short name."""
    changed = False
    if territory.name != values["name"]:
        territory.short_name = _short_name(str(values["name"]))
        changed = True
    for name, value in values.items():
        if getattr(territory, name) != value:
            setattr(territory, name, value)
            changed = True
    search_name = territory.short_name.casefold()
    changed = changed or territory.search_name != search_name
    territory.search_name = search_name
    return changed


def _new(record: GV100Record, values: Mapping[str, object]) -> Territory:
    short_name = _short_name(record.name)
    return Territory(
        key=record.key, short_name=short_name, search_name=short_name.casefold(), **values
    )


def _write_level(records: Iterable[GV100Record], plan: _Plan) -> LevelCount:
    count = LevelCount()
    created, updated = [], []
    for record in records:
        values = plan.values(record)
        territory = plan.objects.get(record.key)
        if territory is None:
            territory = plan.objects[record.key] = _new(record, values)
            created.append(territory)
        elif _update(territory, values):
            updated.append(territory)
        else:
            count.unchanged += 1
    Territory.objects.bulk_create(created, batch_size=BATCH_SIZE)
    if any(territory.pk is None for territory in created):  # backends without RETURNING
        saved = Territory.objects.in_bulk([t.key for t in created], field_name="key")
        plan.objects.update({key: saved[key] for key in saved})
    Territory.objects.bulk_update(updated, UPDATE_FIELDS, batch_size=BATCH_SIZE)
    count.created, count.updated = len(created), len(updated)
    if created or updated:
        pagecache.changed()  # the territory is every Land's
    return count


def import_records(
    records: Sequence[GV100Record],
    coordinates: Mapping[str, tuple[Decimal, Decimal]] | None = None,
    land_keys: Iterable[str] | None = None,
) -> ImportResult:
    """Create or update the territories of the records (by key) in one transaction."""
    result = ImportResult()
    lands = _land_filter(land_keys)
    selected = _select(records, lands, result)
    result.skipped[SKIPPED_UNINCORPORATED] = sum(r.unincorporated for r in selected)
    totals = _totals(selected)
    selected = [record for record in selected if not record.unincorporated]
    _check_unique(selected)
    imported_lands = {record.land_key for record in selected}
    coordinates = coordinates or {}
    with transaction.atomic():
        in_lands = Q()
        for land in sorted(imported_lands):
            in_lands |= Q(key__startswith=land)
        objects = {t.key: t for t in Territory.objects.filter(in_lands)}
        known = set(objects) | {record.key for record in selected}
        parents = {record.key: _parent_key(record, known) for record in selected}
        plan = _Plan(objects, parents, totals, coordinates)
        for level in LEVEL_ORDER:
            level_records = [record for record in selected if record.level == level]
            result.counts[level.value] = _write_level(level_records, plan)
    result.stale_keys = sorted(set(objects) - {record.key for record in selected})
    result.with_coordinates = sum(1 for record in selected if record.key in coordinates)
    result.valid_on = max(record.valid_on for record in selected)
    return result


def import_territory(
    path: Path | str = SHIPPED_GV100AD,
    coordinates_path: Path | str | None = None,
    land_keys: Iterable[str] | None = None,
    encoding: str = "utf-8",
) -> ImportResult:
    """Read a GV100AD file (and optionally a coordinates CSV) and import it."""
    records = read_gv100ad(path, encoding=encoding)
    coordinates = read_coordinates(coordinates_path) if coordinates_path else {}
    return import_records(records, coordinates, land_keys)


def _shipped_lands(land_keys: Iterable[str] | None) -> list[str]:
    """The chosen keys in the order of ``SHIPPED_EXTRACTS`` (None or empty: all of them)."""
    lands = _land_filter(land_keys)
    if lands is None:
        return list(SHIPPED_EXTRACTS)
    missing = sorted(lands - set(SHIPPED_EXTRACTS))
    if missing:
        message = _("Für %(keys)s ist kein Auszug mitgeliefert; mitgeliefert sind %(shipped)s.") % {
            "keys": ", ".join(missing),
            "shipped": ", ".join(sorted(SHIPPED_EXTRACTS)),
        }
        raise TerritoryImportError(message)
    return [key for key in SHIPPED_EXTRACTS if key in lands]


def import_shipped_extracts(
    land_keys: Iterable[str] | None = None, coordinates_path: Path | str | None = None
) -> ImportResult:
    """The extracts shipped in ``rathaus/core/data`` for the chosen Länder, in one import.

    ``land_keys`` None (or empty) means every Land of ``SHIPPED_EXTRACTS``. Each Land gets
    the coordinates shipped with it, unless ``coordinates_path`` names one CSV for all.
    Land after Land or all at once give the same territories; again, nothing changes.
    """
    lands = _shipped_lands(land_keys)
    records: list[GV100Record] = []
    coordinates: dict[str, tuple[Decimal, Decimal]] = {}
    for land in lands:
        records.extend(read_gv100ad(SHIPPED_EXTRACTS[land].gv100ad))
        if coordinates_path is None:
            coordinates.update(read_coordinates(SHIPPED_EXTRACTS[land].coordinates))
    if coordinates_path is not None:
        coordinates = read_coordinates(coordinates_path)
    return import_records(records, coordinates, lands)


def import_shipped_extract(land_keys: Iterable[str] | None = ("06",)) -> ImportResult:
    """The shipped extract of Hessen with its coordinates (fast: tests and benchmarks use it).

    Other ``land_keys`` choose among the shipped Länder; None imports all of them.
    """
    return import_shipped_extracts(land_keys)

"""Import of the federal Modellprojekte Smart Cities list (see data/SOURCES.md)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from rathaus.core.models import Territory
from rathaus.projects.models import ModelProject

__all__ = ["SHIPPED_CSV", "import_model_projects", "SOURCE_NOTE"]

SHIPPED_CSV = Path(__file__).parent / "data" / "modellprojekte_smart_cities_2019_2021.csv"
SOURCE_NOTE = "data/SOURCES.md"
COLUMNS = {
    "staffel_jahr", "motto", "kategorie", "name_laut_quelle", "partner_laut_quelle",
    "bundesland", "ebene", "schluessel", "name_gv100ad_30112025", "quellen",
}  # fmt: skip


class ReferenceDataError(ValueError):
    pass


def _row(row: dict[str, str], territories: dict[str, Territory]) -> dict[str, object]:
    key = row["schluessel"].strip()
    return {
        "motto": row["motto"].strip(),
        "category": row["kategorie"].strip(),
        "partners": row["partner_laut_quelle"].strip(),
        "states": row["bundesland"].strip(),
        "level": row["ebene"].strip(),
        "key": key,
        "official_name": row["name_gv100ad_30112025"].strip(),
        "sources": [s.strip() for s in row["quellen"].split("|") if s.strip()],
        "territory": territories.get(key),
    }


@transaction.atomic
def import_model_projects(path: Path = SHIPPED_CSV) -> int:
    """Create or update one row per project; links to territories this platform knows."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(f"missing columns: {', '.join(sorted(missing))}")
        rows = list(reader)
    keys = {row["schluessel"].strip() for row in rows if row["schluessel"].strip()}
    territories = {t.key: t for t in Territory.objects.filter(key__in=keys)}
    for row in rows:
        ModelProject.objects.update_or_create(
            year=int(row["staffel_jahr"]),
            name=row["name_laut_quelle"].strip(),
            defaults=_row(row, territories),
        )
    return len(rows)

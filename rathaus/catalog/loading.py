"""Loading the shipped catalogue (life situations, services) from ``data/catalog.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from rathaus.catalog.models import LifeSituation, Service
from rathaus.catalog.services import reindex_all

CATALOG_FILE = Path(__file__).parent / "data" / "catalog.yaml"
SERVICE_FIELDS = (
    "leika_key", "name", "name_en", "summary", "summary_en", "required_documents",
    "required_documents_en", "fees", "fees_en", "processing_time", "processing_time_en",
    "legal_basis", "responsible_level", "keywords", "definition_slug",
)  # fmt: skip


def load_catalog(path: Path = CATALOG_FILE) -> tuple[int, int]:
    """Create or update every life situation and service in the file (idempotent)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    with transaction.atomic():
        situations = {
            row["slug"]: LifeSituation.objects.update_or_create(
                slug=row["slug"],
                defaults={"name": row["name"], "name_en": row.get("name_en", ""), "position": i},
            )[0]
            for i, row in enumerate(data["life_situations"])
        }
        for row in data["services"]:
            _service(row, situations)
        reindex_all()
    return len(situations), len(data["services"])


def _service(row: dict[str, Any], situations: dict[str, LifeSituation]) -> Service:
    defaults = {name: (row.get(name) or "").strip() for name in SERVICE_FIELDS}
    service, _ = Service.objects.update_or_create(slug=row["slug"], defaults=defaults)
    service.life_situations.set([situations[slug] for slug in row.get("life_situations", [])])
    return service

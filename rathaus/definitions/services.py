"""Public operations on service definitions: import a file, publish, find what is current."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from rathaus.accounts.models import Role
from rathaus.accounts.services import roles_of
from rathaus.audit.services import log_action
from rathaus.definitions.documents import DefinitionInvalid, Problem, load_definition
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.definitions.schema import ServiceDefinition, export_definition_schema, localize

__all__ = [
    "DefinitionInvalid",
    "Problem",
    "SHIPPED_DIR",
    "SCHEMA_FILE",
    "import_definition",
    "publish",
    "current_version",
    "definition_of",
    "load_shipped",
    "schema_json",
    "may_design",
]

SHIPPED_DIR = Path(__file__).parent / "shipped"
SCHEMA_FILE = (
    Path(__file__).resolve().parents[2] / "docs" / "schema" / "service-definition.schema.json"
)
_PARSED: dict[str, ServiceDefinition] = {}


def checksum_of(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def import_definition(
    raw: bytes | str, *, actor: Any = None, source: str = ""
) -> DefinitionVersion:
    """Check a definition file and store it as a new draft version.

    Raises ``DefinitionInvalid`` with every problem and its path. When the document is
    identical to the newest version, that version is returned and nothing is stored.
    """
    parsed = load_definition(raw)
    document = parsed.model_dump(mode="json", by_alias=True)
    checksum = checksum_of(document)
    with transaction.atomic():
        definition, _ = Definition.objects.select_for_update().get_or_create(
            slug=parsed.slug, defaults={"title": localize(parsed.title, "de")}
        )
        newest = definition.versions.order_by("-number").first()
        if newest is not None and newest.checksum == checksum:
            return newest
        version = DefinitionVersion.objects.create(
            definition=definition,
            number=(newest.number + 1) if newest else 1,
            status=DefinitionVersion.Status.DRAFT,
            document=document,
            checksum=checksum,
            source=source[:200],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        log_action(actor, "definitions.imported", version, {"source": source, "checksum": checksum})
    return version


def publish(version: DefinitionVersion, *, actor: Any = None) -> DefinitionVersion:
    """Make a draft the current version; from now on it never changes."""
    with transaction.atomic():
        version = DefinitionVersion.objects.select_for_update().get(pk=version.pk)
        if version.status == DefinitionVersion.Status.PUBLISHED:
            return version
        version.status = DefinitionVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.save()
        Definition.objects.filter(pk=version.definition_id).update(
            title=localize(definition_of(version).title, "de")[:200]
        )
        log_action(actor, "definitions.published", version, {"number": version.number})
    return version


def current_version(slug: str) -> DefinitionVersion | None:
    """The newest published version of a definition, or None."""
    return (
        DefinitionVersion.objects.filter(
            definition__slug=slug, status=DefinitionVersion.Status.PUBLISHED
        )
        .select_related("definition")
        .order_by("-number")
        .first()
    )


def definition_of(version: DefinitionVersion) -> ServiceDefinition:
    """The parsed document of a version (cached by its checksum: documents never change
    under a checksum, so a submission always renders with exactly its version)."""
    parsed = _PARSED.get(version.checksum)
    if parsed is None:
        parsed = ServiceDefinition.model_validate(version.document)
        _PARSED[version.checksum] = parsed
    return parsed


def load_shipped(
    paths: list[Path] | None = None, *, publish_new: bool = True
) -> list[DefinitionVersion]:
    """Import (and publish) the definitions shipped as files: services as code."""
    loaded = []
    for path in paths or sorted(SHIPPED_DIR.glob("*.yaml")):
        version = import_definition(path.read_bytes(), source=f"file:{path.name}")
        if publish_new:
            version = publish(version)
        loaded.append(version)
    return loaded


def schema_json() -> str:
    return json.dumps(export_definition_schema(), indent=2, ensure_ascii=False) + "\n"


def may_design(user: Any) -> bool:
    """Service designers and platform administrators declare online services."""
    return bool(user.is_superuser or Role.DESIGNER in roles_of(user))

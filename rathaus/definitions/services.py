"""Public operations on service definitions: import a file, publish, find what is current."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rathaus.accounts.models import Role
from rathaus.accounts.services import roles_of
from rathaus.audit.services import log_action
from rathaus.definitions.documents import DefinitionInvalid, Problem, load_definition
from rathaus.definitions.models import CodeList, Definition, DefinitionVersion
from rathaus.definitions.problems import problems_of
from rathaus.definitions.schema import (
    ServiceDefinition,
    export_definition_schema,
    localize,
    text_of,
)

__all__ = [
    "DefinitionInvalid",
    "Problem",
    "SHIPPED_DIR",
    "SCHEMA_FILE",
    "import_definition",
    "EditConflict",
    "NotPublishable",
    "create_definition",
    "store_draft",
    "head_of",
    "store_code_list",
    "keep_code_lists",
    "publish",
    "current_version",
    "published_versions",
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
    with transaction.atomic():
        definition, _ = Definition.objects.select_for_update().get_or_create(
            slug=parsed.slug, defaults={"title": localize(parsed.title, "de")}
        )
        head = head_of(definition)
        return store_draft(
            definition, parsed.to_document(), actor=actor,
            base=head.number if head else None, source=source, verb="definitions.imported",
        )  # fmt: skip


class EditConflict(Exception):
    """Somebody saved the definition since the editor was opened: ``newest`` is theirs."""

    def __init__(self, newest: DefinitionVersion):
        self.newest = newest
        super().__init__(f"{newest} is newer than the edited version")


class NotPublishable(Exception):
    """The version still has problems; ``problems`` lists them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def create_definition(
    slug: str, title: str, *, authority: Any = None, copied_from: Definition | None = None
) -> Definition:
    return Definition.objects.create(
        slug=slug, title=title[:200], authority=authority, copied_from=copied_from
    )


def store_code_list(
    urn: str, version: str, name: str, options: list[dict[str, Any]], *, source: str = ""
) -> CodeList:
    """Keep a code list for designers (a list is fixed by its URN and version)."""
    code_list, _created = CodeList.objects.update_or_create(
        urn=urn[:300], version=(version or "")[:40],
        defaults={"name": name[:300], "options": options, "source": source[:200]},
    )  # fmt: skip
    return code_list


def keep_code_lists(document: dict[str, Any], *, source: str = "") -> int:
    """Keep the code lists a document's choices were filled from (a FIM import)."""
    kept = 0
    for step in document.get("steps") or []:
        for field in (step.get("fields") or []) if isinstance(step, dict) else []:
            reference = field.get("code_list") if isinstance(field, dict) else None
            if isinstance(reference, dict) and reference.get("urn") and field.get("options"):
                store_code_list(
                    reference["urn"], reference.get("version") or "",
                    reference.get("name") or reference["urn"], field["options"], source=source,
                )  # fmt: skip
                kept += 1
    return kept


def head_of(definition: Definition) -> DefinitionVersion | None:
    """The newest version: what the designer edits and every save builds on."""
    return definition.versions.order_by("-number").first()


def store_draft(
    definition: Definition,
    document: dict[str, Any],
    *,
    actor: Any,
    base: int | None,
    change: str = "",
    source: str = "",
    report: list[dict[str, Any]] | None = None,
    verb: str = "definitions.saved",
) -> DefinitionVersion:
    """Save ``document`` as the next draft version, problems and all.

    ``base`` is the version number the editor started from; when someone else saved in
    the meantime, ``EditConflict`` is raised and nothing is stored (no silent overwrite).
    An unchanged document stores nothing and returns the head.
    """
    problems = problems_of(document)
    checksum = checksum_of(document)
    with transaction.atomic():
        locked = Definition.objects.select_for_update().get(pk=definition.pk)
        head = head_of(locked)
        if head is not None and head.number != base:
            raise EditConflict(head)
        if head is not None and head.checksum == checksum:
            return head
        version = DefinitionVersion.objects.create(
            definition=locked,
            number=(head.number + 1) if head else 1,
            status=DefinitionVersion.Status.DRAFT,
            document=document,
            checksum=checksum,
            source=source[:200],
            change=change[:300],
            problem_count=len(problems),
            report=report or [],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        title = text_of(document.get("title"))
        if title and title != locked.title:
            Definition.objects.filter(pk=locked.pk).update(title=title[:200])
        data = {"change": change, "source": source, "checksum": checksum}
        log_action(actor, verb, version, data)
    return version


def publish(version: DefinitionVersion, *, actor: Any = None) -> DefinitionVersion:
    """Make a version the one new applications use; from now on it never changes.

    Publishing an older version (a rollback, or a draft others have built on since)
    copies its document as the new head and publishes that, so the current version is
    always the newest published one. Raises ``NotPublishable`` while it has problems.
    """
    problems = problems_of(version.document)
    if problems:
        raise NotPublishable(problems)
    with transaction.atomic():
        Definition.objects.select_for_update().get(pk=version.definition_id)
        version = DefinitionVersion.objects.select_for_update().get(pk=version.pk)
        head = head_of(version.definition)
        if (
            head is not None
            and head.status == DefinitionVersion.Status.PUBLISHED
            and head.checksum == version.checksum
        ):
            return head  # already what applications use (a second click, a rollback twice)
        if head is not None and head.pk != version.pk:
            version = DefinitionVersion.objects.create(
                definition=version.definition,
                number=head.number + 1,
                status=DefinitionVersion.Status.DRAFT,
                document=version.document,
                checksum=version.checksum,
                source=f"v{version.number}",
                change=f"v{version.number}",
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        elif version.status == DefinitionVersion.Status.PUBLISHED:
            return version
        version.status = DefinitionVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.save()
        Definition.objects.filter(pk=version.definition_id).update(
            title=localize(definition_of(version).title, "de")[:200]
        )
        log_action(actor, "definitions.published", version, {"number": version.number})
    return version


def published_versions() -> QuerySet[DefinitionVersion]:
    """The published versions of the definitions the tenant in scope sees (its own and
    those released for reuse): versions are not tenant-owned, their definitions are."""
    return DefinitionVersion.objects.filter(
        definition__in=Definition.objects.all(), status=DefinitionVersion.Status.PUBLISHED
    ).select_related("definition")


def current_version(slug: str) -> DefinitionVersion | None:
    """The newest published version of a definition the tenant sees, or None."""
    return published_versions().filter(definition__slug=slug).order_by("-number").first()


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
    """Service designers, their publishers and platform administrators."""
    return bool(user.is_superuser or {Role.DESIGNER, Role.PUBLISHER} & roles_of(user))

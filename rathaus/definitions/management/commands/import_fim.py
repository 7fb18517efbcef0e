"""Import a FIM Stammdatenschema (XDatenfelder 2.0 or 3.0.0) as a draft definition.

``manage.py import_fim PATH`` reads a directory, a schema file (with the code lists beside
it) or a ZIP archive, maps it and prints the report grouped by what needs attention; it
checks the resulting document but stores nothing. ``--draft`` stores it as a new draft
version of a definition of ``--tenant`` (by default the default tenant); ``--json-report``
prints the report as JSON instead of text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError
from django.utils.translation import gettext as _

from rathaus.definitions.documents import DefinitionInvalid, validate_document
from rathaus.definitions.fim import FimError, FimImport, ReportLine, import_schema, read_files
from rathaus.definitions.services import import_definition
from rathaus.tenants.commands import add_tenant_argument, chosen_tenant
from rathaus.tenants.scope import activate


def _sections() -> list[tuple[str, str]]:
    return [
        ("mapped", _("Übernommen")),
        ("decision", _("Bitte entscheiden")),
        ("note", _("Hinweise")),
    ]


class Command(BaseCommand):
    help = "Import a FIM Stammdatenschema (XDatenfelder 2.0/3.0.0) as a draft definition."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="directory, schema XML file or ZIP archive")
        parser.add_argument("--draft", action="store_true", help="store as a new draft version")
        parser.add_argument("--json-report", action="store_true", help="print the report as JSON")
        add_tenant_argument(parser)

    def handle(
        self,
        *args: Any,
        path: Path,
        draft: bool,
        json_report: bool,
        tenant: str | None = None,
        **options: Any,
    ) -> None:
        with activate(chosen_tenant(tenant)):
            self._import(path, draft=draft, json_report=json_report)

    def _import(self, path: Path, *, draft: bool, json_report: bool) -> None:
        try:
            files = read_files(path)
            schema_name = path.name if path.is_file() and path.name in files else None
            result = import_schema(files, schema_name=schema_name)
        except FimError as error:
            raise CommandError(error.message) from error
        try:
            if draft:
                raw = json.dumps(result.document).encode()
                version = import_definition(raw, actor=None, source=f"fim:{path.name}")
                stored: dict[str, Any] | None = {
                    "slug": version.definition.slug,
                    "number": version.number,
                }
            else:
                validate_document(result.document)
                stored = None
        except DefinitionInvalid as error:
            problems = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                _("Das übernommene Dokument ist ungültig:\n%(problems)s") % {"problems": problems}
            ) from error
        except IntegrityError as error:
            raise CommandError(f"The definition belongs to another tenant: {error}") from error
        if json_report:
            self.stdout.write(json.dumps(_as_json(result, stored), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_text(result, stored))


def _as_text(result: FimImport, stored: dict[str, Any] | None) -> str:
    lines = [
        _("FIM-Stammdatenschema %(id)s, Version %(version)s (%(standard)s) → „%(slug)s“")
        % {
            "id": result.schema_id,
            "version": result.schema_version or "–",
            "standard": result.standard,
            "slug": result.document["slug"],
        }
    ]
    for kind, title in _sections():
        chosen = [line for line in result.report if line.kind == kind]
        lines.append("")
        lines.append(f"{title} ({len(chosen)}):")
        lines.extend(f"  - {_where(line)}{line.message}" for line in chosen)
    lines.append("")
    if stored is None:
        lines.append(_("Probelauf: nichts gespeichert. Mit --draft wird ein Entwurf gespeichert."))
    else:
        lines.append(_("Entwurf gespeichert: %(slug)s, Version %(number)s.") % stored)
    return "\n".join(lines)


def _where(line: ReportLine) -> str:
    parts = [part for part in (line.fim_id, line.path) if part]
    return f"[{' · '.join(parts)}] " if parts else ""


def _as_json(result: FimImport, stored: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "schema_id": result.schema_id,
        "schema_version": result.schema_version,
        "standard": result.standard,
        "slug": result.document["slug"],
        "draft": stored,
        "report": [
            {"kind": line.kind, "fim_id": line.fim_id, "path": line.path, "message": line.message}
            for line in result.report
        ],
    }

"""``import_schema``: find the Stammdatenschema among the files, read the code lists, map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element as XmlElement

from django.utils.translation import gettext as _

from rathaus.definitions.fim import xdf2, xdf3
from rathaus.definitions.fim.context import Context
from rathaus.definitions.fim.errors import FimError
from rathaus.definitions.fim.genericode import CodeList, is_code_list, read_code_list
from rathaus.definitions.fim.mapping import build_document
from rathaus.definitions.fim.reading import check_limits
from rathaus.definitions.fim.report import ReportLine
from rathaus.definitions.fim.safexml import parse_xml, split_tag
from rathaus.definitions.fim.xdf import MESSAGE, Dialect, read_schema

DIALECTS = {dialect.namespace: dialect for dialect in (xdf2.DIALECT, xdf3.DIALECT)}
XDF_PREFIX = "urn:xoev-de:fim:standard:xdatenfelder"


@dataclass(frozen=True)
class FimImport:
    document: dict[str, Any]
    report: list[ReportLine]
    schema_id: str
    schema_version: str | None
    standard: str


@dataclass
class _Sorted:
    schemas: list[tuple[str, XmlElement, Dialect]]
    code_lists: list[CodeList]
    problems: dict[str, FimError]
    other_messages: list[str]
    unknown_versions: list[str]
    ignored: list[str]


def import_schema(files: dict[str, bytes], schema_name: str | None = None) -> FimImport:
    """Map the one Stammdatenschema among ``files`` (``schema_name`` picks it when there
    are several) to a draft definition document; raises ``FimError`` for bad input."""
    if not files:
        raise FimError(_("Es wurden keine Dateien übergeben."))
    check_limits(files)
    found = _sort(files)
    name, root, dialect = _the_schema(found, schema_name)
    schema = read_schema(root, dialect)
    if not schema.children:
        raise FimError(_("Das Stammdatenschema enthält keine Datenfeldgruppen oder Datenfelder."))
    ctx = Context(code_lists=found.code_lists)
    for ignored in found.ignored:
        ctx.report.note(
            "",
            None,
            _(
                "Die Datei „%(name)s“ ist weder Stammdatenschema noch Codeliste und wurde "
                "nicht verwendet."
            )
            % {"name": ignored},
        )
    for problem in found.problems.values():
        ctx.report.note("", None, problem.message)
    document = build_document(ctx, schema)
    return FimImport(
        document, ctx.report.lines(document), schema.fim_id, schema.version, schema.standard
    )  # noqa: E501


def _sort(files: dict[str, bytes]) -> _Sorted:
    found = _Sorted([], [], {}, [], [], [])
    for name in sorted(files):
        try:
            root = parse_xml(files[name], name)
        except FimError as error:
            found.problems[name] = error
            continue
        namespace, local = split_tag(root.tag)
        if namespace in DIALECTS and local == MESSAGE:
            found.schemas.append((name, root, DIALECTS[namespace]))
        elif namespace in DIALECTS:
            found.other_messages.append(local)
        elif is_code_list(root):
            found.code_lists.append(read_code_list(root, name))
        elif namespace.startswith(XDF_PREFIX):
            found.unknown_versions.append(namespace)
        else:
            found.ignored.append(name)
    return found


def _the_schema(found: _Sorted, schema_name: str | None) -> tuple[str, XmlElement, Dialect]:
    schemas = found.schemas
    if schema_name is not None:
        schemas = [s for s in schemas if s[0] == schema_name]
        if not schemas:
            raise found.problems.get(schema_name) or _no_schema(found)
    if not schemas:
        raise _no_schema(found)
    if len(schemas) > 1:
        raise FimError(
            _(
                "Die Dateien enthalten mehrere Stammdatenschemata (%(names)s); bitte wählen "
                "Sie eines."
            )
            % {"names": ", ".join(s[0] for s in schemas)}
        )
    return schemas[0]


def _no_schema(found: _Sorted) -> FimError:
    if found.other_messages:
        return FimError(
            _("Die XDatenfelder-Nachricht „%(message)s“ ist kein Stammdatenschema.")
            % {"message": found.other_messages[0]}
        )
    if found.unknown_versions:
        return FimError(
            _(
                "Die XDatenfelder-Version „%(namespace)s“ wird nicht unterstützt; lesbar sind "
                "2.0 und 3.0.0."
            )
            % {"namespace": found.unknown_versions[0]}
        )
    if found.problems:
        return next(iter(found.problems.values()))
    return FimError(_("Unter den Dateien ist kein Stammdatenschema (XDatenfelder 2.0 oder 3.0.0)."))

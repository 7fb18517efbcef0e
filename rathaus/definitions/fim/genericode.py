"""Code lists in OASIS genericode 1.0: identification, key columns and rows.

Which column holds the code and which the name is declared by the keys ``codeKey`` and
``codenameKey`` (the FIM convention); without them the first column is the code and a
column ``name`` (or else the second column) the name. A 3.0 field may name the columns
itself (``codeKey``/``nameKey``), which wins.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element as XmlElement

from rathaus.definitions.fim.model import CodeListRef
from rathaus.definitions.fim.safexml import child, children, local_name, split_tag, text

NAMESPACE = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/"


@dataclass
class CodeList:
    file: str
    urn: str | None
    version: str | None
    version_uri: str | None
    short_name: str | None
    long_name: str | None
    columns: list[str] = field(default_factory=list)
    code_column: str | None = None
    name_column: str | None = None
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def label(self) -> str | None:
        return self.short_name or self.long_name

    def entries(
        self, code_key: str | None = None, name_key: str | None = None
    ) -> list[tuple[str, str]]:
        """(code, name) per row, in order; rows without a code are left out."""
        code_column = code_key if code_key in self.columns else self.code_column
        name_column = name_key if name_key in self.columns else self.name_column
        found = []
        for row in self.rows:
            value = row.get(code_column or "", "").strip()
            if value:
                found.append((value, row.get(name_column or "", "").strip() or value))
        return found


def is_code_list(root: XmlElement) -> bool:
    return local_name(root) == "CodeList" and split_tag(root.tag)[0] in (NAMESPACE, "")


def read_code_list(root: XmlElement, file: str) -> CodeList:
    identification = child(root, "Identification")
    code_list = CodeList(
        file=file,
        urn=_normal(text(identification, "CanonicalUri")),
        version=text(identification, "Version"),
        version_uri=_normal(text(identification, "CanonicalVersionUri")),
        short_name=text(identification, "ShortName"),
        long_name=text(identification, "LongName"),
    )
    column_set = child(root, "ColumnSet")
    if column_set is not None:
        _read_columns(column_set, code_list)
    simple = child(root, "SimpleCodeList")
    for row in children(simple, "Row") if simple is not None else ():
        code_list.rows.append(_read_row(row, code_list.columns))
    return code_list


def _read_columns(column_set: XmlElement, code_list: CodeList) -> None:
    code_list.columns = [c.get("Id", "") for c in children(column_set, "Column")]
    keys = {}
    for key in children(column_set, "Key"):
        reference = child(key, "ColumnRef")
        if reference is not None:
            keys[key.get("Id", "")] = reference.get("Ref", "")
    columns = code_list.columns
    code_list.code_column = (
        keys.get("codeKey") or next(iter(keys.values()), None) or (columns[0] if columns else None)
    )
    name_column = keys.get("codenameKey")
    if not name_column:
        others = [c for c in columns if c != code_list.code_column]
        name_column = "name" if "name" in columns else (others[0] if others else None)
    code_list.name_column = name_column


def _read_row(row: XmlElement, columns: list[str]) -> dict[str, str]:
    """Values name their column, or (genericode allows it) follow the column order."""
    values: dict[str, str] = {}
    position = 0
    for value in children(row, "Value"):
        column = value.get("ColumnRef")
        if column is None and position < len(columns):
            column = columns[position]
        if column is None:
            continue
        if column in columns:
            position = columns.index(column) + 1
        values[column] = text(value, "SimpleValue") or ""
    return values


def find(code_lists: list[CodeList], reference: CodeListRef) -> tuple[CodeList | None, bool]:
    """The code list a field refers to, and whether its version matches exactly.

    By canonical version URI, by URI and version, by the file name (``C00000021_genericode.xml``
    for the 2.0 C-number), and last by the URI alone (a different version)."""
    urn, version_uri = _normal(reference.urn), _normal(reference.version_uri)
    for code_list in code_lists:
        if version_uri and code_list.version_uri == version_uri:
            return code_list, True
        if urn and code_list.urn == urn and code_list.version == reference.version:
            return code_list, True
    if reference.fim_id:
        for code_list in code_lists:
            stem = code_list.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            if stem == reference.fim_id or stem.startswith(f"{reference.fim_id}_"):
                return code_list, code_list.version == reference.version
    same_urn = [c for c in code_lists if urn and c.urn == urn]
    return (same_urn[0], False) if same_urn else (None, False)


def _normal(value: str | None) -> str | None:
    return unicodedata.normalize("NFC", value) if value else None

"""One genericode file on its own: a code list a designer uploads to fill a choice's
options (``read_code_list_file``), and the code lists an imported schema carried."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.fim.errors import FimError
from rathaus.definitions.fim.genericode import is_code_list, read_code_list
from rathaus.definitions.fim.idents import option_values
from rathaus.definitions.fim.safexml import parse_xml
from rathaus.definitions.fim.texts import one_line

MAX_CODE_LIST_BYTES = 5_000_000


@dataclass(frozen=True)
class CodeListFile:
    urn: str
    version: str
    name: str
    options: list[dict[str, Any]]


def read_code_list_file(content: bytes, file_name: str) -> CodeListFile:
    """A genericode code list as options (values fitted to the engine's pattern)."""
    if len(content) > MAX_CODE_LIST_BYTES:
        raise FimError(_("Die Codeliste ist größer als 5 MB."))
    root = parse_xml(content, file_name)
    if not is_code_list(root):
        raise FimError(_("„%(name)s“ ist keine Codeliste (genericode).") % {"name": file_name})
    code_list = read_code_list(root, file_name)
    entries = code_list.entries()
    if not entries or not code_list.urn:
        raise FimError(_("Die Codeliste „%(name)s“ hat keine Einträge.") % {"name": file_name})
    values = option_values([code for code, _name in entries])
    options = [
        {"value": value, "label": one_line(name) or value}
        for value, (_code, name) in zip(values, entries, strict=True)
    ]
    name = code_list.label or code_list.urn
    return CodeListFile(code_list.urn, code_list.version or "", name, options)

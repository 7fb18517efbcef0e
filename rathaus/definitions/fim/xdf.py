"""Reading a Stammdatenschema message into ``model`` objects; shared by 2.0 and 3.0.0.

The versions name a few things differently (the schema's label, the rule text, the
status, the constraints); a ``Dialect`` says how, ``xdf2`` and ``xdf3`` declare theirs.
Unknown elements are ignored; a missing or malformed identification is an error, since
nothing could be traced back to FIM without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element as XmlElement

from django.utils.translation import gettext as _

from rathaus.definitions.fim.errors import FimError
from rathaus.definitions.fim.model import (
    Child,
    CodeListRef,
    Constraints,
    DataField,
    Group,
    Multiplicity,
    Rule,
    Schema,
)
from rathaus.definitions.fim.safexml import child, children, code, local_name, text

MESSAGE = "xdatenfelder.stammdatenschema.0102"
FIM_ID = re.compile(r"^[A-Z][0-9A-Za-z]{1,40}$")
MAX_GROUP_DEPTH = 40
_EMPTY_SCRIPT = re.compile(r"function\s+script\s*\(\s*\)\s*\{\s*\}")


@dataclass(frozen=True)
class Dialect:
    namespace: str
    standard: str
    schema_title: str  # the tag of the schema's label
    rule_text: str  # the tag of a rule's free text
    rule_script: str
    status: str
    inactive_codes: frozenset[str]
    constraints: Callable[[XmlElement], Constraints]
    field_extras: Callable[[XmlElement, DataField], None]


def read_schema(root: XmlElement, dialect: Dialect) -> Schema:
    if local_name(root) != MESSAGE:
        raise FimError(
            _("Die XDatenfelder-Nachricht „%(message)s“ ist kein Stammdatenschema.")
            % {"message": local_name(root)}
        )
    element = child(root, "stammdatenschema")
    if element is None:
        raise FimError(_("Die Nachricht enthält kein Stammdatenschema."))
    fim_id, version = _identity(element)
    bezug = [value for b in children(element, "bezug") if (value := text(b))]
    return Schema(
        fim_id=fim_id,
        version=version,
        name=text(element, "name"),
        title=text(element, dialect.schema_title),
        description=text(element, "beschreibung"),
        definition=text(element, "definition"),
        help=text(element, "hilfetext"),
        legal_basis="; ".join(bezug) or None,
        standard=dialect.standard,
        rules=_rules(element, dialect),
        children=_structure(element, dialect, 0),
    )


def _identity(element: XmlElement) -> tuple[str, str | None]:
    identification = child(element, "identifikation")
    fim_id = text(identification, "id") if identification is not None else None
    if not fim_id or not FIM_ID.match(fim_id):
        raise FimError(
            _("Ein Element „%(name)s“ hat keine gültige FIM-Kennung (%(id)s).")
            % {"name": text(element, "name") or local_name(element), "id": fim_id or "–"}
        )
    return fim_id, text(identification, "version")


def _structure(element: XmlElement, dialect: Dialect, depth: int) -> list[Child]:
    found: list[Child] = []
    for structure in children(element, "struktur"):
        multiplicity = Multiplicity.parse(text(structure, "anzahl"))
        holder = child(structure, "enthaelt")
        for item in holder if holder is not None else ():
            kind = local_name(item)
            if kind == "datenfeld":
                found.append(Child(_field(item, dialect), multiplicity))
            elif kind == "datenfeldgruppe":
                found.append(Child(_group(item, dialect, depth + 1), multiplicity))
    return found


def _group(element: XmlElement, dialect: Dialect, depth: int) -> Group:
    if depth > MAX_GROUP_DEPTH:
        raise FimError(_("Die Datenfeldgruppen sind zu tief verschachtelt."))
    fim_id, version = _identity(element)
    return Group(
        fim_id=fim_id,
        version=version,
        name=text(element, "name"),
        label=text(element, "bezeichnungEingabe"),
        help=text(element, "hilfetextEingabe"),
        inactive=_inactive(element, dialect),
        rules=_rules(element, dialect),
        children=_structure(element, dialect, depth),
        kind=code(element, "art"),
    )


def _field(element: XmlElement, dialect: Dialect) -> DataField:
    fim_id, version = _identity(element)
    field = DataField(
        fim_id=fim_id,
        version=version,
        name=text(element, "name"),
        label=text(element, "bezeichnungEingabe"),
        help=text(element, "hilfetextEingabe"),
        inactive=_inactive(element, dialect),
        rules=_rules(element, dialect),
        feldart=code(element, "feldart"),
        datentyp=code(element, "datentyp"),
        content=text(element, "inhalt"),
        code_list=_code_list(element),
    )
    holder = child(element, "praezisierung")
    if holder is not None:
        field.constraints = dialect.constraints(holder)
    dialect.field_extras(element, field)
    return field


def _inactive(element: XmlElement, dialect: Dialect) -> bool:
    return (code(element, dialect.status) or "") in dialect.inactive_codes


def _code_list(element: XmlElement) -> CodeListRef | None:
    reference = child(element, "codelisteReferenz")
    if reference is None:
        return None
    identification = child(reference, "identifikation")
    generic = child(reference, "genericodeIdentification")
    source = generic if generic is not None else reference
    return CodeListRef(
        urn=text(source, "canonicalIdentification"),
        version=text(source, "version"),
        version_uri=text(source, "canonicalVersionUri"),
        fim_id=text(identification, "id") if identification is not None else None,
    )


def _rules(element: XmlElement, dialect: Dialect) -> list[Rule]:
    rules = []
    for rule in children(element, "regel"):
        fim_id, version = _identity(rule)
        script = text(rule, dialect.rule_script)
        if script and _EMPTY_SCRIPT.fullmatch(script):
            script = None
        free_text = text(rule, dialect.rule_text) or text(rule, "beschreibung")
        rules.append(Rule(fim_id, version, text(rule, "name"), free_text, script))
    return rules

"""Small XDatenfelder 2.0/3.0.0 documents for tests, built from plain Python values.

``schema(children, version=2)`` returns the bytes of a Stammdatenschema message; children
are ``(multiplicity, element)`` pairs made with ``field(...)`` and ``group(...)``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from xml.sax.saxutils import escape, quoteattr

NAMESPACES = {
    2: "urn:xoev-de:fim:standard:xdatenfelder_2",
    3: "urn:xoev-de:fim:standard:xdatenfelder_3.0.0",
}
GENERICODE = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/"


@dataclass
class Rule:
    fim_id: str
    text: str
    name: str = "Regel"


@dataclass
class Field:
    fim_id: str
    name: str
    label: str | None = None
    feldart: str = "input"
    datentyp: str = "text"
    constraints: dict[str, str] = dataclass_field(default_factory=dict)
    content: str | None = None
    code_list: tuple[str, str] | None = None  # (urn, version)
    values: list[tuple[str, str]] = dataclass_field(default_factory=list)  # 3.0 only
    help: str | None = None
    rules: list[Rule] = dataclass_field(default_factory=list)


@dataclass
class Group:
    fim_id: str
    name: str
    children: list[tuple[str, Field | Group]]
    label: str | None = None
    help: str | None = None
    rules: list[Rule] = dataclass_field(default_factory=list)


def _text(tag: str, value: str | None) -> str:
    return f"<x:{tag}>{escape(value)}</x:{tag}>" if value is not None else ""


def _code(tag: str, value: str) -> str:
    return f"<x:{tag}><code>{escape(value)}</code></x:{tag}>"


def _identity(fim_id: str, version: str = "1.0") -> str:
    inner = f"<x:id>{fim_id}</x:id><x:version>{version}</x:version>"
    return f"<x:identifikation>{inner}</x:identifikation>"


def _rules(rules: list[Rule], version: int) -> str:
    tag = "definition" if version == 2 else "freitextRegel"
    return "".join(
        f"<x:regel>{_identity(r.fim_id)}{_text('name', r.name)}{_text(tag, r.text)}</x:regel>"
        for r in rules
    )


def _structure(children: list[tuple[str, Field | Group]], version: int) -> str:
    return "".join(
        f"<x:struktur><x:anzahl>{count}</x:anzahl><x:enthaelt>{_element(element, version)}"
        "</x:enthaelt></x:struktur>"
        for count, element in children
    )


def _element(element: Field | Group, version: int) -> str:
    head = (
        _identity(element.fim_id)
        + _text("name", element.name)
        + _text("bezeichnungEingabe", element.label)
        + _text("hilfetextEingabe", element.help)
    )
    if isinstance(element, Group):
        body = _rules(element.rules, version) + _structure(element.children, version)
        return f"<x:datenfeldgruppe>{head}{body}</x:datenfeldgruppe>"
    return f"<x:datenfeld>{head}{_field_body(element, version)}</x:datenfeld>"


def _field_body(element: Field, version: int) -> str:
    body = _code("feldart", element.feldart) + _code("datentyp", element.datentyp)
    if element.constraints and version == 2:
        body += _text("praezisierung", json.dumps(element.constraints))
    elif element.constraints:
        attributes = " ".join(f"{k}={quoteattr(v)}" for k, v in element.constraints.items())
        body += f"<x:praezisierung {attributes}/>"
    body += _text("inhalt", element.content)
    if element.values:
        body += (
            "<x:werte>"
            + "".join(
                f"<x:wert>{_text('code', c)}{_text('name', n)}</x:wert>" for c, n in element.values
            )
            + "</x:werte>"
        )
    if element.code_list:
        urn, list_version = element.code_list
        reference = _text("canonicalIdentification", urn) + _text("version", list_version)
        if version == 2:
            reference = f"<x:genericodeIdentification>{reference}</x:genericodeIdentification>"
        body += f"<x:codelisteReferenz>{reference}</x:codelisteReferenz>"
    return body + _rules(element.rules, version)


def schema(
    children: list[tuple[str, Field | Group]],
    *,
    version: int = 2,
    fim_id: str = "S99000000009",
    title: str = "Testantrag",
    rules: list[Rule] | None = None,
    description: str | None = None,
) -> bytes:
    title_tag = "bezeichnungEingabe" if version == 2 else "bezeichnung"
    body = (
        _identity(fim_id, "1.0")
        + _text("name", title)
        + _text("beschreibung", description)
        + _text(title_tag, title)
        + _rules(rules or [], version)
        + _structure(children, version)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<x:xdatenfelder.stammdatenschema.0102 xmlns:x="{NAMESPACES[version]}">'
        f"<x:stammdatenschema>{body}</x:stammdatenschema>"
        f"</x:xdatenfelder.stammdatenschema.0102>"
    ).encode()


def code_list(urn: str, version: str, rows: list[tuple[str, str]]) -> bytes:
    values = "".join(
        f'<Row><Value ColumnRef="code"><SimpleValue>{escape(c)}</SimpleValue></Value>'
        f'<Value ColumnRef="name"><SimpleValue>{escape(n)}</SimpleValue></Value></Row>'
        for c, n in rows
    )
    return (
        f'<gc:CodeList xmlns:gc="{GENERICODE}"><Identification>'
        f"<Version>{version}</Version><CanonicalUri>{urn}</CanonicalUri></Identification>"
        '<ColumnSet><Column Id="code"/><Column Id="name"/>'
        '<Key Id="codeKey"><ColumnRef Ref="code"/></Key></ColumnSet>'
        f"<SimpleCodeList>{values}</SimpleCodeList></gc:CodeList>"
    ).encode()

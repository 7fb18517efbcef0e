"""Safe XML reading for untrusted uploads, and small helpers to walk the tree.

No DTDs, no entity declarations, no external entities: a document that declares a DOCTYPE
or an ENTITY is refused before parsing (for ASCII-compatible encodings) and again by the
expat handlers while parsing (for any encoding). The tree is built with ``TreeBuilder``
from expat's events, so ElementTree's own parser setup is never involved. Nesting is
bounded, so a deep document cannot exhaust the stack of the code that walks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from django.utils.translation import gettext as _

from rathaus.definitions.fim.errors import FimError

MAX_DEPTH = 200
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class _Refused(Exception):
    pass


def parse_xml(raw: bytes, name: str) -> Element:
    """The root element of ``raw``; raises ``FimError`` for anything that is not safe,
    well-formed XML."""
    if _DECLARATION.search(raw):
        raise FimError(_declaration_refused() % {"name": name})
    builder = TreeBuilder()
    parser = _expat_parser(builder)
    try:
        parser.Parse(raw, True)
        root = builder.close()
    except _Refused as error:
        raise FimError(str(error) % {"name": name}) from error
    except (expat.ExpatError, ValueError, LookupError, UnicodeError, SyntaxError) as error:
        raise FimError(_("Die Datei „%(name)s“ ist kein gültiges XML.") % {"name": name}) from error
    if not isinstance(root, Element):
        raise FimError(_("Die Datei „%(name)s“ ist kein gültiges XML.") % {"name": name})
    return root


def _expat_parser(builder: TreeBuilder) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = [0]

    def refuse_declaration(*_args: object) -> None:
        raise _Refused(_declaration_refused())

    def start(tag: str, attributes: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > MAX_DEPTH:
            raise _Refused(_("Die Datei „%(name)s“ ist zu tief verschachtelt."))
        builder.start(_clark(tag), {_clark(k): v for k, v in attributes.items()})

    def end(tag: str) -> None:
        depth[0] -= 1
        builder.end(_clark(tag))

    parser.StartDoctypeDeclHandler = refuse_declaration
    parser.EntityDeclHandler = refuse_declaration
    parser.UnparsedEntityDeclHandler = refuse_declaration
    parser.ExternalEntityRefHandler = refuse_declaration  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    return parser


def _declaration_refused() -> str:
    return _(
        "Die Datei „%(name)s“ enthält eine DTD oder Entity-Deklaration; "
        "das ist aus Sicherheitsgründen nicht erlaubt."
    )


def _clark(name: str) -> str:
    """expat's 'uri}local' as ElementTree's '{uri}local'."""
    return "{" + name if "}" in name else name


def split_tag(tag: str) -> tuple[str, str]:
    """'{uri}local' -> ('uri', 'local'); 'local' -> ('', 'local')."""
    if tag.startswith("{") and "}" in tag:
        uri, local = tag[1:].split("}", 1)
        return uri, local
    return "", tag


def local_name(element: Element) -> str:
    return split_tag(element.tag)[1]


def children(element: Element, name: str) -> Iterator[Element]:
    """Direct children with the local name ``name`` (any namespace)."""
    return (child for child in element if local_name(child) == name)


def child(element: Element, name: str) -> Element | None:
    return next(children(element, name), None)


def text(element: Element | None, name: str | None = None) -> str | None:
    """The stripped text of ``element`` (or of its child ``name``); None when empty."""
    if element is not None and name is not None:
        element = child(element, name)
    if element is None:
        return None
    value = "".join(element.itertext()).replace("\r\n", "\n").replace("\r", "\n").strip()
    return value or None


def code(element: Element, name: str) -> str | None:
    """The value of a code-type child: ``<name><code>value</code></name>`` (or plain text)."""
    holder = child(element, name)
    if holder is None:
        return None
    inner = child(holder, "code")
    return text(inner) if inner is not None else text(holder)

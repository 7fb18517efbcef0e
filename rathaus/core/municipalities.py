"""What a person typed as their Gemeinde, understood: by key, "Name (key)" or name.

Used wherever a form asks for a Gemeinde (the Servicekonto profile, the address field of
online services): one lookup, one set of messages, one list of suggestions for the
server-rendered ``<datalist>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from rathaus.core.branding import branding
from rathaus.core.services import MAX_SEARCH_LIMIT, municipality_by_key, search_municipalities

__all__ = [
    "MunicipalityLookup",
    "resolve_municipality",
    "municipality_suggestions",
    "municipality_label",
    "lookup_error",
    "datalist_options",
]

KEY_IN_TEXT = re.compile(r"\((\d{8})\)\s*$")
MAX_LISTED_MATCHES = 8  # in the error message; the datalist offers all candidates


@dataclass(frozen=True)
class MunicipalityLookup:
    """The Gemeinde a text names, or the candidates when it names several (or none)."""

    territory: Any = None
    candidates: list[Any] = field(default_factory=list)
    by_key: bool = False

    @property
    def ambiguous(self) -> bool:
        return self.territory is None and len(self.candidates) > 1


def resolve_municipality(text: str, *, parents: bool = True) -> MunicipalityLookup:
    """Find a Gemeinde by 8-digit AGS, by "Name (AGS)" or by its (unique) name.

    ``parents=False``: a Gemeinde found by its key comes without the territories above
    it (see ``municipality_by_key``), for callers that need only its name and key."""
    text = " ".join((text or "").split())
    key_match = KEY_IN_TEXT.search(text)
    key = key_match.group(1) if key_match else text
    if key.isascii() and key.isdigit():
        return MunicipalityLookup(territory=municipality_by_key(key, parents=parents), by_key=True)
    candidates = search_municipalities(text, limit=20)
    wanted = text.casefold()
    exact = [t for t in candidates if wanted in (t.search_name, t.name.casefold())]
    if len(exact) == 1:
        return MunicipalityLookup(territory=exact[0])
    if exact:
        return MunicipalityLookup(candidates=exact)
    if len(candidates) == 1:
        return MunicipalityLookup(territory=candidates[0])
    return MunicipalityLookup(candidates=candidates)


def _land_key() -> str:
    return branding().land_key


def municipality_suggestions(text: str, limit: int = 20) -> list[Any]:
    """Gemeinden to offer for a server-side ``<datalist>``: those starting with what was
    typed, or, with nothing typed yet, the largest Gemeinden of the portal's Land."""
    text = KEY_IN_TEXT.sub("", " ".join((text or "").split())).strip()
    if not text:
        return search_municipalities(_land_key(), limit=MAX_SEARCH_LIMIT)
    return search_municipalities(text, limit=limit)


def municipality_label(territory: Any) -> str:
    parent = getattr(territory, "parent", None)
    if parent is not None:
        return f"{territory.short_name}, {parent.short_name} ({territory.key})"
    return f"{territory.short_name} ({territory.key})"


def datalist_options(territories: list[Any]) -> list[dict[str, str]]:
    return [
        {"value": f"{t.short_name} ({t.key})", "label": municipality_label(t)} for t in territories
    ]


def lookup_error(text: str, lookup: MunicipalityLookup) -> str:
    """The message for a Gemeinde that could not be found unambiguously."""
    if lookup.by_key:
        return _(
            "Es gibt keine Gemeinde mit dem Gemeindeschlüssel „%(key)s“. Ein "
            "Gemeindeschlüssel (AGS) hat 8 Ziffern, zum Beispiel 06411000 für Darmstadt."
        ) % {"key": text}
    if lookup.ambiguous:
        shown = lookup.candidates[:MAX_LISTED_MATCHES]
        matches = "; ".join(municipality_label(t) for t in shown)
        if len(lookup.candidates) > len(shown):
            matches += " …"
        example = f"{lookup.candidates[0].short_name} ({lookup.candidates[0].key})"
        return _(
            "Zu „%(name)s“ passen mehrere Gemeinden: %(matches)s. Bitte geben Sie den "
            "Gemeindeschlüssel mit an, zum Beispiel „%(example)s“."
        ) % {"name": text, "matches": matches, "example": example}
    return _(
        "Wir haben keine Gemeinde „%(name)s“ gefunden. Bitte prüfen Sie die Schreibweise "
        "oder geben Sie den 8-stelligen Gemeindeschlüssel ein."
    ) % {"name": text}

"""Levels of assurance (Vertrauensniveau) of a login, and where a session keeps its own.

BundID states the level of each login as a SAML ``AuthnContextClassRef`` of the form
``STORK-QAA-Level-n``; eIDAS names the same levels "niedrig" (low), "substantiell"
(substantial) and "hoch" (high), which the German technical guideline TR-03107 calls
"normal", "substantiell", "hoch". They map to STORK levels 2, 3 and 4; level 1 (a
self-registered user name and password at the IdP) reaches none of them. A password
login on this portal has level 0.

A definition names the level it needs by its eIDAS name (``assurance: substantiell``);
the session keeps the rank of the level its login reached (``session_level``).
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

__all__ = [
    "NONE",
    "LEVELS",
    "LEVEL_NAMES",
    "rank_of",
    "name_of",
    "label_of",
    "stork_ref",
    "from_authn_context",
    "meets",
]

NONE = 0
#: eIDAS name → rank (the STORK-QAA level number).
LEVELS = {"niedrig": 2, "substantiell": 3, "hoch": 4}
LEVEL_NAMES = {rank: name for name, rank in LEVELS.items()}
_LABELS = {
    0: _("ohne Vertrauensniveau"),
    1: _("ohne Vertrauensniveau"),
    2: _("niedrig"),
    3: _("substantiell"),
    4: _("hoch"),
}
_STORK = re.compile(r"^STORK-QAA-Level-([1-4])$")
_EIDAS = {
    "http://eidas.europa.eu/LoA/low": 2,
    "http://eidas.europa.eu/LoA/substantial": 3,
    "http://eidas.europa.eu/LoA/high": 4,
}


def rank_of(level: Any) -> int:
    """The rank of a level given by name ("substantiell") or rank; unknown → 0."""
    if isinstance(level, int) and not isinstance(level, bool):
        return level if 0 <= level <= 4 else NONE
    return LEVELS.get(str(level or "").strip().lower(), NONE)


def name_of(rank: int) -> str:
    """The eIDAS name of a rank, or "" below "niedrig"."""
    return LEVEL_NAMES.get(rank, "")


def label_of(level: Any) -> str:
    """The level as shown to people ("substantiell")."""
    return str(_LABELS.get(rank_of(level), _LABELS[0]))


def stork_ref(level: Any) -> str:
    """The ``AuthnContextClassRef`` that asks BundID for at least this level."""
    return f"STORK-QAA-Level-{max(rank_of(level), 1)}"


def from_authn_context(class_ref: str) -> int:
    """The rank an IdP's ``AuthnContextClassRef`` states (STORK or eIDAS), else 0."""
    class_ref = (class_ref or "").strip()
    match = _STORK.match(class_ref)
    if match:
        return int(match.group(1))
    return _EIDAS.get(class_ref, NONE)


def meets(reached: int, required: Any) -> bool:
    """Whether a login of rank ``reached`` satisfies ``required`` (a name; empty: yes)."""
    needed = rank_of(required)
    return needed == NONE or reached >= needed

"""Identifiers for steps, fields and option values, derived from FIM names.

Lower-case ASCII (umlauts become ae/oe/ue, ß becomes ss, other accents are dropped), every
run of other characters one underscore, a letter first, at most 63 characters; a name
used twice gets ``_2``, ``_3``, ... so every id is unique in its document.
"""

from __future__ import annotations

import re
import unicodedata

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
OPTION_VALUE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_LENGTH = 63
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def ascii_of(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_UMLAUTS))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def identifier(text: str, fallback: str = "feld") -> str:
    """'Straße / Hausnummer' -> 'strasse_hausnummer'; always matches ``IDENTIFIER``."""
    base = re.sub(r"[^a-z0-9]+", "_", ascii_of(text).lower()).strip("_")
    if not base:
        base = fallback
    if not base[0].isalpha():
        base = f"{fallback}_{base}"
    return _shorten(base, MAX_LENGTH)


def _shorten(base: str, limit: int) -> str:
    if len(base) <= limit:
        return base
    cut = base[:limit]
    if base[limit] == "_":  # the cut falls between two words
        return cut.rstrip("_")
    boundary = cut.rfind("_")
    return (cut[:boundary] if boundary > limit // 2 else cut).rstrip("_")


class Identifiers:
    """Hands out unique identifiers within one namespace (the fields, or the steps)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def new(self, text: str, fallback: str = "feld") -> str:
        base = identifier(text, fallback)
        candidate, number = base, 1
        while candidate in self._used:
            number += 1
            suffix = f"_{number}"
            candidate = _shorten(base, MAX_LENGTH - len(suffix)) + suffix
        self._used.add(candidate)
        return candidate


def option_values(codes: list[str]) -> list[str]:
    """Codes as option values (``^[A-Za-z0-9_.-]{1,64}$``), unique, in the same order."""
    used: set[str] = set()
    values = []
    for code in codes:
        base = re.sub(r"[^A-Za-z0-9_.-]+", "_", ascii_of(code)).strip("_")[:64] or "option"
        candidate, number = base, 1
        while candidate in used:
            number += 1
            suffix = f"_{number}"
            candidate = base[: 64 - len(suffix)] + suffix
        used.add(candidate)
        values.append(candidate)
    return values


def slug(fim_id: str) -> str:
    """'S00000094' -> 'fim-s00000094'."""
    return "fim-" + (re.sub(r"[^a-z0-9]+", "-", fim_id.lower()).strip("-")[:58] or "schema")

"""What a search page says it searched for: the words as the person typed them (the search
itself ignores case and stems), and the synonyms it searched for as well. Used by the
service catalogue and the project list."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rathaus.search.services import expand_query
from rathaus.search.synonyms import SYNONYMS

__all__ = ["SearchEcho", "search_echo"]


@dataclass(frozen=True)
class SearchEcho:
    """What the list says it searched for: the words as the person typed them (the search
    itself ignores case), and the synonyms it searched for as well."""

    text: str
    also: list[str]


def search_echo(text: str) -> SearchEcho | None:
    if not text:
        return None
    groups = expand_query(text)
    typed = {group[0] for group in groups}
    synonyms = (word for group in groups for word in group[1:] if word not in typed)
    spelling = _synonym_spelling()
    return SearchEcho(text, [spelling.get(word, word) for word in dict.fromkeys(synonyms)])


@functools.cache
def _synonym_spelling() -> dict[str, str]:
    """The search compares casefolded words ("eheschliessung"); show them as the synonym
    list writes them ("eheschließung")."""
    return {word.casefold(): word for words in SYNONYMS.values() for word in words}

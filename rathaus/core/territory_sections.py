"""Other apps add sections to a territory's page (projects, events ...) without core
importing them: each registered function returns (template, context) or None."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rathaus.core.models import Territory

__all__ = ["register", "sections_for"]

Section = Callable[[Territory], tuple[str, dict[str, Any]] | None]
_SECTIONS: list[Section] = []


def register(section: Section) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def sections_for(territory: Territory) -> list[tuple[str, dict[str, Any]]]:
    return [result for section in _SECTIONS if (result := section(territory)) is not None]

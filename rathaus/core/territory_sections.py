"""Other apps add sections to a territory's page (projects, events ...) without core
importing them: each registered function returns (template, context) or None.

The page shows the sections in name order (``SECTIONS`` is a ``core.registry.Registry``),
so it never depends on the order of ``INSTALLED_APPS``; name a section so that it sorts
where it should appear.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rathaus.core.models import Territory
from rathaus.core.registry import Registry

__all__ = ["SECTIONS", "register", "sections_for"]

Section = Callable[[Territory], tuple[str, dict[str, Any]] | None]
SECTIONS: Registry[Section] = Registry("territory section")


def register(name: str, section: Section) -> None:
    SECTIONS.register(name, section)


def sections_for(territory: Territory) -> list[tuple[str, dict[str, Any]]]:
    return [result for section in SECTIONS.values() if (result := section(territory)) is not None]

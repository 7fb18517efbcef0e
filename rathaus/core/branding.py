"""The Land the portal serves: its name, the portal's name and its key (the one look-up).

``RATHAUS_BRANDING`` (environment) picks the entry; the header's logo slot is a template
(``includes/branding/<name>.html``, see ``core.templatetags.rathaus_layout``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

__all__ = ["Branding", "BRANDINGS", "branding"]


@dataclass(frozen=True)
class Branding:
    land: str
    portal: str
    land_key: str


BRANDINGS = {"hessen": Branding(land="Hessen", portal="Rathaus Hessen", land_key="06")}


def branding() -> Branding:
    return BRANDINGS.get(settings.RATHAUS_BRANDING, BRANDINGS["hessen"])

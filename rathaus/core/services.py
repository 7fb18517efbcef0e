"""Public look-ups of the territory: by key, by name prefix, up the hierarchy, and the
authorities responsible for a place.

Keys are AGS prefixes: 2 digits for a Land, 3 for a Regierungsbezirk, 5 for a Kreis,
8 for a Gemeinde (see ``rathaus.core.models.Territory``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from rathaus.core.models import Authority, Territory
from rathaus.core.rows import fetch_one

__all__ = [
    "TerritoryKind",
    "KEY_LENGTHS",
    "MAX_SEARCH_LIMIT",
    "kind_label",
    "territory_by_key",
    "municipality_by_key",
    "search_municipalities",
    "resolution_chain",
    "authorities_for",
]

# Length of the key per level, as in the Amtlicher Gemeindeschlüssel.
KEY_LENGTHS = {
    Territory.Level.LAND: 2,
    Territory.Level.REGIERUNGSBEZIRK: 3,
    Territory.Level.KREIS: 5,
    Territory.Level.GEMEINDE: 8,
}
MAX_SEARCH_LIMIT = 100
# Enough to walk Gemeinde -> Kreis -> Regierungsbezirk -> Land without further queries.
_PARENT_CHAIN = "parent__parent__parent"


class TerritoryKind(models.TextChoices):
    """Values of ``Territory.kind``, from the Destatis Textkennzeichen (Satzart 40 and 60)."""

    KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
    STADTKREIS = "stadtkreis", _("Stadtkreis")
    KREIS = "kreis", _("Kreis")
    LANDKREIS = "landkreis", _("Landkreis")
    REGIONALVERBAND = "regionalverband", _("Regionalverband")
    MARKT = "markt", _("Markt")
    STADT = "stadt", _("Stadt")
    KREISANGEHOERIGE_GEMEINDE = "kreisangehoerige_gemeinde", _("Kreisangehörige Gemeinde")
    GROSSE_KREISSTADT = "grosse_kreisstadt", _("Große Kreisstadt")


def kind_label(territory: Territory) -> str:
    """The human-readable kind, falling back to the level (Land, Regierungsbezirk)."""
    if territory.kind in TerritoryKind.values:
        return str(TerritoryKind(territory.kind).label)
    if territory.kind:
        return territory.kind
    return str(territory.get_level_display())


def _is_key(value: str, lengths: tuple[int, ...]) -> bool:
    return value.isascii() and value.isdigit() and len(value) in lengths


def territory_by_key(key: str) -> Territory | None:
    """The territory with exactly this key (2, 3, 5 or 8 digits), or None."""
    key = (key or "").strip()
    if not _is_key(key, tuple(KEY_LENGTHS.values())):
        return None
    return Territory.objects.select_related(_PARENT_CHAIN).filter(key=key).first()


def municipality_by_key(ags8: str, *, parents: bool = True) -> Territory | None:
    """The Gemeinde with this 8-digit AGS, or None (also for keys of other levels).

    ``parents=False`` leaves out the Kreis, Regierungsbezirk and Land above it (read
    only when asked for): enough for its name and key, and a much cheaper query."""
    ags8 = (ags8 or "").strip()
    if not _is_key(ags8, (8,)):
        return None
    if not parents:  # every address in a form step asks: one prepared query (key is unique)
        return fetch_one(Territory, ("key =", "level ="), [ags8, Territory.Level.GEMEINDE])
    queryset = Territory.objects.select_related(_PARENT_CHAIN)
    return queryset.filter(key=ags8, level=Territory.Level.GEMEINDE).first()


def search_municipalities(
    prefix: str, limit: int = 10, land_key: str | None = None
) -> list[Territory]:
    """Gemeinden whose name (or, for a query of digits, whose key) starts with ``prefix``.

    Matching ignores case, umlauts included, and treats "ß" like "ss" (it compares with
    ``Territory.search_name``, the case-folded short name). The largest places come first,
    then by name. ``limit`` is capped at ``MAX_SEARCH_LIMIT``.
    """
    query = (prefix or "").strip()
    limit = min(limit, MAX_SEARCH_LIMIT)
    if not query or limit <= 0:
        return []
    queryset = Territory.objects.filter(level=Territory.Level.GEMEINDE)
    if query.isascii() and query.isdigit():
        queryset = queryset.filter(key__startswith=query)
    else:
        queryset = queryset.filter(search_name__startswith=query.casefold())
    if land_key:
        queryset = queryset.filter(key__startswith=land_key)
    queryset = queryset.select_related("parent").order_by(
        F("population").desc(nulls_last=True), "search_name", "key"
    )
    return list(queryset[:limit])


def resolution_chain(territory: Territory) -> list[Territory]:
    """The territory and everything above it, nearest first: Gemeinde, Kreis, RB, Land."""
    return territory.ancestors()


def authorities_for(territory: Territory, include_inactive: bool = False) -> list[Authority]:
    """Authorities of the territory and of its ancestors, the nearest territory first.

    For a Gemeinde this is the town hall's offices, then those of its Kreis, its
    Regierungsbezirk and its Land. Inactive authorities are left out unless asked for.
    """
    chain = resolution_chain(territory)
    depth = {node.pk: index for index, node in enumerate(chain)}
    queryset = Authority.objects.filter(territory__in=chain).select_related("territory")
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    return sorted(queryset, key=lambda authority: (depth[authority.territory_id], authority.name))

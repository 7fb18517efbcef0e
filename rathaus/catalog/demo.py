"""Demo offers: the shipped services at the demo authorities of each tenant (development
only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rathaus.catalog.models import Offer, Service
from rathaus.core import demo as core_demo
from rathaus.core.models import Authority, Territory

HOURS = "Mo–Mi 8–16 Uhr\nDo 8–18 Uhr\nFr 8–12 Uhr"
GEMEINDE_SERVICES = ("reisepass", "personalausweis", "wohnsitz-anmelden", "hund-anmelden",
                     "gewerbe-anmelden", "eheurkunde", "geburtsurkunde")  # fmt: skip
KREIS_SERVICES = ("fuehrerschein", "bafoeg")
REGISTRY = {"contact": "Standesamt, Urkundenstelle",
            "fee_overrides": {"urkunde": "12.00", "weitere": "6.00"}}  # fmt: skip
LICENCES = {"contact": "Fahrerlaubnisbehörde"}


@dataclass(frozen=True)
class LandOffers:
    """One tenant's demo offers: city offices offer the Gemeinde services in their Gemeinde
    and the Kreis services in their Kreis; then the special offers, in order (a later
    offer of a service for the same territory replaces an earlier one)."""

    city_offices: dict[str, tuple[str, str]]  # authority slug -> (Gemeinde key, Kreis key)
    special: tuple[tuple[str, str, str, dict[str, Any]], ...]  # service, authority, key, extra


OFFERS = {
    # Darmstadt's Standesamt the certificates; Kreis Offenbach's licence office the licence
    # for its Gemeinden; Elterngeld comes from the Land for everyone.
    "hessen": LandOffers(
        city_offices={
            "darmstadt-buergerbuero": ("06411000", "06411"),
            "frankfurt-buergeramt": ("06412000", "06412"),
            "kassel-buergerbuero": ("06611000", "06611"),
            "offenbach-stadt-buergerbuero": ("06413000", "06413"),
        },
        special=(
            ("eheurkunde", "darmstadt-standesamt", "06411000", REGISTRY),
            ("geburtsurkunde", "darmstadt-standesamt", "06411000", REGISTRY),
            ("fuehrerschein", "kreis-offenbach-fuehrerscheinstelle", "06438", LICENCES),
            ("eheurkunde", "giessen-standesamt", "06531005", {"contact": "Standesamt"}),
            ("elterngeld", "hessen-versorgungsamt", "06", {"contact": "Elterngeldstelle"}),
        ),
    ),
    # Hamburg is one Gemeinde (and Kreis): the Kundenzentrum (also Elterngeld), Altona's
    # Standesamt for the certificates, the Landesbetrieb Verkehr for the licence.
    "hamburg": LandOffers(
        city_offices={"hamburg-mitte-kundenzentrum": ("02000000", "02000")},
        special=(
            ("eheurkunde", "altona-standesamt", "02000000", REGISTRY),
            ("geburtsurkunde", "altona-standesamt", "02000000", REGISTRY),
            ("fuehrerschein", "hamburg-lbv-fuehrerscheine", "02000", LICENCES),
            ("elterngeld", "hamburg-mitte-kundenzentrum", "02", {"contact": "Elterngeldstelle"}),
        ),
    ),
    # Kiel's Bürgerbüro for Kiel, Lübeck's Standesamt, Kreis Pinneberg's licence office.
    "schleswig-holstein": LandOffers(
        city_offices={"kiel-buergerbuero": ("01002000", "01002")},
        special=(
            ("eheurkunde", "luebeck-standesamt", "01003000", {"contact": "Standesamt"}),
            ("geburtsurkunde", "luebeck-standesamt", "01003000", {"contact": "Standesamt"}),
            ("fuehrerschein", "kreis-pinneberg-fuehrerscheinstelle", "01056", LICENCES),
        ),
    ),
}


def _offer(slug: str, authority: Authority, territory_key: str, **extra) -> None:
    service = Service.objects.filter(slug=slug).first()
    territory = Territory.objects.filter(key=territory_key).first()
    if service is None or territory is None:
        return
    defaults = {"authority": authority, "opening_hours": HOURS, "email": authority.email, **extra}
    Offer.objects.update_or_create(service=service, territory=territory, defaults=defaults)


def load_demo_offers(authorities: dict[str, Authority]) -> None:
    """The offers of the tenant in scope (``OFFERS``)."""
    offers = OFFERS.get(core_demo.land().tenant)
    if offers is None:
        return
    for slug, (gemeinde, kreis) in offers.city_offices.items():
        office = authorities[slug]
        for service in GEMEINDE_SERVICES:
            _offer(service, office, gemeinde, contact="Bürgerservice")
        for service in KREIS_SERVICES:
            _offer(service, office, kreis, contact="Bürgerservice")
    for service, authority, key, extra in offers.special:
        _offer(service, authorities[authority], key, **extra)

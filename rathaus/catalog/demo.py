"""Demo offers: the shipped services at the demo authorities (development only)."""

from __future__ import annotations

from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory

HOURS = "Mo–Mi 8–16 Uhr\nDo 8–18 Uhr\nFr 8–12 Uhr"
CITY_OFFICES = {
    "darmstadt-buergerbuero": ("06411000", "06411"),
    "frankfurt-buergeramt": ("06412000", "06412"),
    "kassel-buergerbuero": ("06611000", "06611"),
    "offenbach-stadt-buergerbuero": ("06413000", "06413"),
}
GEMEINDE_SERVICES = ("reisepass", "personalausweis", "wohnsitz-anmelden", "hund-anmelden",
                     "gewerbe-anmelden", "eheurkunde", "geburtsurkunde")  # fmt: skip
KREIS_SERVICES = ("fuehrerschein", "bafoeg")


def _offer(slug: str, authority: Authority, territory_key: str, **extra) -> None:
    service = Service.objects.filter(slug=slug).first()
    territory = Territory.objects.filter(key=territory_key).first()
    if service is None or territory is None:
        return
    defaults = {"authority": authority, "opening_hours": HOURS, "email": authority.email, **extra}
    Offer.objects.update_or_create(service=service, territory=territory, defaults=defaults)


def load_demo_offers(authorities: dict[str, Authority]) -> None:
    """Each demo city offers the Gemeinde and Kreis services; Darmstadt's Standesamt the
    certificates; Kreis Offenbach's licence office the licence for its Gemeinden;
    Elterngeld comes from the Land for everyone."""
    for slug, (gemeinde, kreis) in CITY_OFFICES.items():
        office = authorities[slug]
        for service in GEMEINDE_SERVICES:
            _offer(service, office, gemeinde, contact="Bürgerservice")
        for service in KREIS_SERVICES:
            _offer(service, office, kreis, contact="Bürgerservice")
    registry = authorities["darmstadt-standesamt"]
    for service in ("eheurkunde", "geburtsurkunde"):
        _offer(service, registry, "06411000", contact="Standesamt, Urkundenstelle",
               fee_overrides={"urkunde": "12.00", "weitere": "6.00"})  # fmt: skip
    _offer("fuehrerschein", authorities["kreis-offenbach-fuehrerscheinstelle"], "06438",
           contact="Fahrerlaubnisbehörde")  # fmt: skip
    _offer("eheurkunde", authorities["giessen-standesamt"], "06531005", contact="Standesamt")
    _offer("elterngeld", authorities["hessen-versorgungsamt"], "06", contact="Elterngeldstelle")

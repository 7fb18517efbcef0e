"""Demo offers that make coverage differ between Gemeinden (development only).

``rathaus.catalog.demo`` already lets the four demo cities offer their services, the
Kreis Offenbach the driving licence and the Land the Elterngeld. This adds more Kreise
that offer their services for all their Gemeinden, and Gemeinden with offers of their
own: some online, some only in person (an offline offer of a Gemeinde overrides an
online offer of its Kreis, as Stadt Fulda's licence office does here). Hessen's demo
only: the other tenants' demos keep to ``catalog.demo``'s offers.
Idempotent: authorities and offers are updated in place.
"""

from __future__ import annotations

from rathaus.audit.services import log_action
from rathaus.catalog.models import Offer, Service
from rathaus.core import demo as core_demo
from rathaus.core.models import Authority, Territory

# slug, name, territory key, city
AUTHORITIES = [
    ("darmstadt-dieburg-kreisverwaltung", "Landkreis Darmstadt-Dieburg – Bürgerservice", "06432",
     "Darmstadt"),
    ("wetteraukreis-kreisverwaltung", "Wetteraukreis – Bürgerservice", "06440", "Friedberg"),
    ("fulda-kreisverwaltung", "Landkreis Fulda – Bürgerservice", "06631", "Fulda"),
    ("lahn-dill-kreisverwaltung", "Lahn-Dill-Kreis – Amt für Ausbildungsförderung", "06532",
     "Wetzlar"),
    ("kreis-offenbach-ausbildungsfoerderung", "Kreis Offenbach – Amt für Ausbildungsförderung",
     "06438", "Dietzenbach"),
    ("dieburg-buergerbuero", "Stadt Dieburg – Bürgerbüro", "06432004", "Dieburg"),
    ("gross-umstadt-buergerbuero", "Stadt Groß-Umstadt – Bürgerbüro", "06432010", "Groß-Umstadt"),
    ("bad-vilbel-buergerbuero", "Stadt Bad Vilbel – Bürgerbüro", "06440003", "Bad Vilbel"),
    ("fulda-buergerbuero", "Stadt Fulda – Bürgerbüro", "06631009", "Fulda"),
    ("wetzlar-buergerbuero", "Stadt Wetzlar – Bürgerbüro", "06532023", "Wetzlar"),
    ("dreieich-buergerbuero", "Stadt Dreieich – Bürgerbüro", "06438002", "Dreieich"),
    ("marburg-buergerbuero", "Universitätsstadt Marburg – Bürgerbüro", "06534014", "Marburg"),
]  # fmt: skip

# authority slug -> (service slug, online)
OFFERS = {
    "darmstadt-dieburg-kreisverwaltung": [("fuehrerschein", True), ("bafoeg", True)],
    "wetteraukreis-kreisverwaltung": [("fuehrerschein", True), ("bafoeg", True)],
    "fulda-kreisverwaltung": [("fuehrerschein", True), ("bafoeg", False)],
    "lahn-dill-kreisverwaltung": [("bafoeg", True)],
    "kreis-offenbach-ausbildungsfoerderung": [("bafoeg", True)],
    "dieburg-buergerbuero": [("reisepass", True), ("wohnsitz-anmelden", True),
                             ("hund-anmelden", True)],
    "gross-umstadt-buergerbuero": [("wohnsitz-anmelden", True), ("reisepass", False)],
    "bad-vilbel-buergerbuero": [("reisepass", True), ("wohnsitz-anmelden", True),
                                ("hund-anmelden", True), ("eheurkunde", True)],
    "fulda-buergerbuero": [("fuehrerschein", False), ("wohnsitz-anmelden", True)],
    "wetzlar-buergerbuero": [("wohnsitz-anmelden", True), ("hund-anmelden", True)],
    "dreieich-buergerbuero": [("reisepass", True), ("wohnsitz-anmelden", True)],
    "marburg-buergerbuero": [("wohnsitz-anmelden", True), ("hund-anmelden", True),
                             ("eheurkunde", True), ("geburtsurkunde", True)],
}  # fmt: skip

# The tenants whose demo has these authorities and offers.
COVERAGE = {"hessen": AUTHORITIES}


def _authority(slug: str, name: str, key: str, city: str) -> Authority | None:
    territory = Territory.objects.filter(key=key).first()
    if territory is None:
        return None
    authority, created = Authority.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "territory": territory,
            "city": city,
            "email": f"{slug}@demo.rathaus.invalid",
        },
    )
    if created:
        log_action(None, "core.authority_created", authority, {"demo": True})
    return authority


def load_demo_coverage(authorities: dict[str, Authority]) -> None:
    """Add the Kreis and Gemeinde offers above to the tenant in scope, when they are its
    (the demo authorities are not needed)."""
    rows = COVERAGE.get(core_demo.land().tenant, [])
    services = {s.slug: s for s in Service.objects.all()}
    for slug, name, key, city in rows:
        authority = _authority(slug, name, key, city)
        if authority is None:
            continue
        for service_slug, online in OFFERS[slug]:
            if service_slug not in services:
                continue
            Offer.objects.update_or_create(
                service=services[service_slug],
                territory=authority.territory,
                defaults={
                    "authority": authority,
                    "online": online,
                    "email": authority.email,
                    "contact": "Bürgerservice",
                },
            )

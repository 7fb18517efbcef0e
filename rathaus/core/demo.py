"""Demo content for development: authorities in five Hessian cities, then what each app
registers (one user per role comes from ``accounts.demo``).

Idempotent: running it again updates the same rows. Refuses to run unless DEBUG is on
(or forced), because the demo passwords are public.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from rathaus.audit.services import log_action
from rathaus.core.models import Authority, Territory
from rathaus.core.registry import Registry

DEMO_PASSWORD = "Rathaus-Demo-2026"  # documented in README.md; dev only

AUTHORITIES = [
    # slug, name, territory key, street, postal code, city
    ("darmstadt-buergerbuero", "Stadt Darmstadt – Bürgerbüro", "06411000",
     "Luisenplatz 5", "64283", "Darmstadt"),
    ("frankfurt-buergeramt", "Stadt Frankfurt am Main – Bürgeramt", "06412000",
     "Zeil 3", "60313", "Frankfurt am Main"),
    ("giessen-standesamt", "Universitätsstadt Gießen – Standesamt", "06531005",
     "Berliner Platz 1", "35390", "Gießen"),
    ("kassel-buergerbuero", "Stadt Kassel – Bürgerbüro", "06611000",
     "Obere Königsstraße 8", "34117", "Kassel"),
    ("offenbach-stadt-buergerbuero", "Stadt Offenbach am Main – Bürgerbüro", "06413000",
     "Berliner Straße 100", "63065", "Offenbach am Main"),
    ("kreis-offenbach-fuehrerscheinstelle", "Kreis Offenbach – Führerscheinstelle", "06438",
     "Werner-Hilpert-Straße 1", "63128", "Dietzenbach"),
    ("smart-region-hessen", "Land Hessen – Geschäftsstelle Smart Region", "06",
     "Beispielstraße 1", "65185", "Wiesbaden"),
    ("darmstadt-standesamt", "Stadt Darmstadt – Standesamt", "06411000",
     "Frankfurter Straße 71", "64293", "Darmstadt"),
    ("hessen-versorgungsamt", "Land Hessen – Amt für Versorgung und Soziales (Elterngeld)", "06",
     "Beispielweg 2", "64283", "Darmstadt"),
]  # fmt: skip

# Apps add their demo content (people, offers, projects, events) through this registry,
# run in name order; a hook may return the demo logins it created, to be listed.
DemoHook = Callable[[dict[str, Authority]], "list[DemoLogin] | None"]
HOOKS: Registry[DemoHook] = Registry("demo content")


def register(name: str, hook: DemoHook) -> None:
    HOOKS.register(name, hook)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    where: str
    last: bool = False  # listed at the end (the platform admin)


def _authority(slug: str, name: str, key: str, street: str, postal_code: str, city: str):
    territory = Territory.objects.get(key=key)
    authority, created = Authority.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "territory": territory,
            "street_address": street,
            "postal_code": postal_code,
            "city": city,
            "email": f"{slug}@demo.rathaus.invalid",
        },
    )
    if created:
        log_action(None, "core.authority_created", authority, {"demo": True})
    return authority


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create or update the demo authorities, then every app's demo content (the people
    first: ``accounts`` registers them), and list the logins, the platform admin last."""
    authorities = {row[0]: _authority(*row) for row in AUTHORITIES}
    logins: list[DemoLogin] = []
    for hook in HOOKS.values():
        logins += hook(authorities) or []
    return sorted(logins, key=lambda login: login.last)  # stable: the rest keep their order

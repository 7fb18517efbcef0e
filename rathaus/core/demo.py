"""Demo content for development, per tenant: authorities of the Land (five Hessian cities;
Hamburg's Bezirksämter; Kiel, Lübeck and Kreis Pinneberg), then what each app registers
(one user per role comes from ``accounts.demo``).

``load_demo()`` loads the demo of the tenant in scope; each hook finds the tenant's data
through ``land()`` (its authorities' slugs, the Smart Region office, the e-mail domain
of its demo people). ``load_demos()`` loads every shipped Land's demo, each in its
tenant's scope. Idempotent: running it again updates the same rows. The command refuses
to run unless DEBUG is on (or forced), because the demo passwords are public.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from rathaus.audit.services import log_action
from rathaus.core.models import Authority, Territory
from rathaus.core.registry import Registry
from rathaus.tenants import services as tenants
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate, current

DEMO_PASSWORD = "Rathaus-Demo-2026"  # documented in README.md; dev only

# slug, name, territory key, street, postal code, city
type AuthorityRow = tuple[str, str, str, str, str, str]

AUTHORITIES: list[AuthorityRow] = [
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

HAMBURG_AUTHORITIES: list[AuthorityRow] = [
    ("hamburg-mitte-kundenzentrum", "Bezirksamt Hamburg-Mitte – Kundenzentrum", "02000000",
     "Caffamacherreihe 1–3", "20355", "Hamburg"),
    ("altona-standesamt", "Bezirksamt Altona – Standesamt", "02000000",
     "Platz der Republik 1", "22765", "Hamburg"),
    ("hamburg-lbv-fuehrerscheine", "Landesbetrieb Verkehr – Führerscheine", "02000000",
     "Ausschläger Weg 100", "20537", "Hamburg"),
    ("smart-region-hamburg", "Freie und Hansestadt Hamburg – Geschäftsstelle Digitale Stadt",
     "02", "Beispielstraße 1", "20095", "Hamburg"),
]  # fmt: skip

SCHLESWIG_HOLSTEIN_AUTHORITIES: list[AuthorityRow] = [
    ("kiel-buergerbuero", "Landeshauptstadt Kiel – Bürgerbüro", "01002000",
     "Fleethörn 9", "24103", "Kiel"),
    ("luebeck-standesamt", "Hansestadt Lübeck – Standesamt", "01003000",
     "Kapitelstraße 15", "23552", "Lübeck"),
    ("kreis-pinneberg-fuehrerscheinstelle", "Kreis Pinneberg – Führerscheinstelle", "01056",
     "Kurt-Wagener-Straße 11", "25337", "Elmshorn"),
    ("smart-region-schleswig-holstein",
     "Land Schleswig-Holstein – Geschäftsstelle Smarte Region", "01",
     "Beispielstraße 1", "24105", "Kiel"),
]  # fmt: skip


@dataclass(frozen=True)
class DemoLand:
    """The demo of one tenant: its authorities, which of them is the Smart Region office,
    and the e-mail domain of its demo people and authorities."""

    tenant: str
    mail_domain: str
    office: str
    authorities: tuple[AuthorityRow, ...]

    def email(self, local: str) -> str:
        return f"{local}@{self.mail_domain}"


# The shipped tenants with demo content, the default tenant (Hessen) first.
LANDS: dict[str, DemoLand] = {
    land.tenant: land
    for land in (
        DemoLand("hessen", "demo.rathaus.invalid", "smart-region-hessen", tuple(AUTHORITIES)),
        DemoLand(
            "hamburg",
            "hamburg.demo.rathaus.invalid",
            "smart-region-hamburg",
            tuple(HAMBURG_AUTHORITIES),
        ),
        DemoLand(
            "schleswig-holstein",
            "sh.demo.rathaus.invalid",
            "smart-region-schleswig-holstein",
            tuple(SCHLESWIG_HOLSTEIN_AUTHORITIES),
        ),
    )
}

# Apps add their demo content (people, offers, projects, events) through this registry,
# run in name order in the tenant's scope; a hook gets the tenant's demo authorities by
# slug, reads the rest of the tenant's demo from ``land()`` and may return the demo
# logins it created, to be listed.
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
    last: bool = False  # listed at the end (the platform admin, one for all tenants)


def land() -> DemoLand:
    """The demo of the tenant in scope (raises when that tenant has none)."""
    slug = current().slug
    try:
        return LANDS[slug]
    except KeyError:
        raise LookupError(f"no demo content for the tenant {slug!r}") from None


def demo_authority(
    slug: str, name: str, key: str, street: str, postal_code: str, city: str
) -> Authority:
    """Create or update one demo authority of the tenant in scope."""
    territory = Territory.objects.get(key=key)
    authority, created = Authority.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "territory": territory,
            "street_address": street,
            "postal_code": postal_code,
            "city": city,
            "email": land().email(slug),
        },
    )
    if created:
        log_action(None, "core.authority_created", authority, {"demo": True})
    return authority


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create or update the demo of the tenant in scope: its authorities, then every app's
    demo content (the people first: ``accounts`` registers them); list the logins, the
    platform admin last."""
    authorities = {row[0]: demo_authority(*row) for row in land().authorities}
    logins: list[DemoLogin] = []
    for hook in HOOKS.values():
        logins += hook(authorities) or []
    return sorted(logins, key=lambda login: login.last)  # stable: the rest keep their order


@transaction.atomic
def load_demos(slugs: Iterable[str] | None = None) -> dict[Tenant, list[DemoLogin]]:
    """Load the demo of these tenants (by default every one in ``LANDS``), each in its
    tenant's scope (a shipped tenant missing from the database is created first)."""
    loaded: dict[Tenant, list[DemoLogin]] = {}
    for slug in LANDS if slugs is None else slugs:
        tenant = tenants.ensure(slug)
        with activate(tenant):
            loaded[tenant] = load_demo()
    return loaded

"""Demo content for development: authorities in five Hessian cities and one user per role.

Idempotent: running it again updates the same rows. Refuses to run unless DEBUG is on
(or forced), because the demo passwords are public.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.audit.services import log_action
from rathaus.core.models import Authority, Territory

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

# Other apps add their demo content (offers, projects, events) through this hook; a hook
# may return the demo logins it created, to be listed with the others.
DemoHook = Callable[[dict[str, Authority]], "list[DemoLogin] | None"]
_HOOKS: list[DemoHook] = []


def register(hook: DemoHook) -> None:
    if hook not in _HOOKS:
        _HOOKS.append(hook)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    where: str


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


def _admin(email: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_superuser(email, DEMO_PASSWORD)
        log_action(None, "accounts.admin_created", user, {"demo": True})
    return user


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create or update the demo authorities and one login per role."""
    authorities = {row[0]: _authority(*row) for row in AUTHORITIES}
    darmstadt = authorities["darmstadt-buergerbuero"]
    office = authorities["smart-region-hessen"]
    accounts.create_citizen(
        "buerger@demo.rathaus.invalid",
        DEMO_PASSWORD,
        given_names="Erika",
        family_name="Mustermann",
        verified=True,
        street="Rheinstraße",
        house_number="12",
        postal_code="64283",
        city="Darmstadt",
        municipality=darmstadt.territory,
    )
    staff = [
        ("sachbearbeitung@demo.rathaus.invalid", darmstadt, Role.CLERK),
        ("sachbearbeitung@demo.rathaus.invalid", authorities["darmstadt-standesamt"], Role.CLERK),
        ("dienstgestaltung@demo.rathaus.invalid", darmstadt, Role.DESIGNER),
        ("smart-region@demo.rathaus.invalid", office, Role.SMART_REGION),
    ]
    for email, authority, role in staff:
        accounts.create_staff(email, DEMO_PASSWORD, authority, role)
    _admin("admin@demo.rathaus.invalid")
    more_logins: list[DemoLogin] = []
    for hook in _HOOKS:
        more_logins += hook(authorities) or []
    logins = [DemoLogin(str(Role.CITIZEN.label), "buerger@demo.rathaus.invalid", DEMO_PASSWORD,
                        "Darmstadt")]  # fmt: skip
    logins += [DemoLogin(str(r.label), e, DEMO_PASSWORD, a.name) for e, a, r in staff[2:]]
    logins[1:1] = [
        DemoLogin(
            str(Role.CLERK.label),
            staff[0][0],
            DEMO_PASSWORD,
            f"{darmstadt.name}, {authorities['darmstadt-standesamt'].name}",
        )
    ]
    logins += more_logins
    logins.append(
        DemoLogin(str(Role.PLATFORM_ADMIN.label), "admin@demo.rathaus.invalid", DEMO_PASSWORD, "-")
    )
    return logins

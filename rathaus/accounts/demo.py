"""Demo people (development only, through ``core.demo``), per tenant: a citizen, one staff
member per role in the tenant's demo authorities, and the platform admin (one for all).

Each tenant's people have their own e-mail domain (``core.demo.DemoLand.mail_domain``):
a user is shared by all tenants, so one demo login never holds roles in two Länder.
"""

from __future__ import annotations

from dataclasses import dataclass

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.accounts.tenantadmin import appoint_tenant_admin
from rathaus.audit.services import log_action
from rathaus.core import demo as core_demo
from rathaus.core.demo import DEMO_PASSWORD, DemoLogin
from rathaus.core.models import Authority

__all__ = ["load_demo_people", "office_email"]

ADMIN = "admin@demo.rathaus.invalid"


@dataclass(frozen=True)
class People:
    """Who lives and works in one tenant's demo (authorities by their ``core.demo`` slug)."""

    citizen: tuple[str, str, str, str, str]  # given names, family name, street, no., postcode
    home: str  # the citizen's Gemeinde and city are this authority's
    clerk: tuple[str, ...]
    designer: str  # also publishes (in a real authority that is often a second person)


PEOPLE = {
    "hessen": People(
        ("Erika", "Mustermann", "Rheinstraße", "12", "64283"),
        home="darmstadt-buergerbuero",
        clerk=("darmstadt-buergerbuero", "darmstadt-standesamt"),
        designer="darmstadt-buergerbuero",
    ),
    "hamburg": People(
        ("Lena", "Petersen", "Mönckebergstraße", "7", "20095"),
        home="hamburg-mitte-kundenzentrum",
        clerk=("hamburg-mitte-kundenzentrum", "altona-standesamt"),
        designer="hamburg-mitte-kundenzentrum",
    ),
    "schleswig-holstein": People(
        ("Jens", "Hansen", "Holstenstraße", "20", "24103"),
        home="kiel-buergerbuero",
        clerk=("kiel-buergerbuero", "luebeck-standesamt"),
        designer="kiel-buergerbuero",
    ),
}


def office_email() -> str:
    """The demo login of the Smart Region office of the tenant in scope."""
    return core_demo.land().email("smart-region")


def _admin(email: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_superuser(email, DEMO_PASSWORD)
        log_action(None, "accounts.admin_created", user, {"demo": True})
    return user


def load_demo_people(authorities: dict[str, Authority]) -> list[DemoLogin]:
    land = core_demo.land()
    people = PEOPLE[land.tenant]
    home = authorities[people.home]
    given_names, family_name, street, house_number, postal_code = people.citizen
    citizen = land.email("buerger")
    accounts.create_citizen(
        citizen, DEMO_PASSWORD, given_names=given_names, family_name=family_name,
        verified=True, street=street, house_number=house_number, postal_code=postal_code,
        city=home.city, municipality=home.territory,
    )  # fmt: skip
    clerk, designer = land.email("sachbearbeitung"), land.email("dienstgestaltung")
    offices = [authorities[slug] for slug in people.clerk]
    desk = authorities[people.designer]
    others = [
        (designer, desk, Role.DESIGNER),
        (office_email(), authorities[land.office], Role.SMART_REGION),
    ]
    staff = [*((clerk, office, Role.CLERK) for office in offices), *others,
             (designer, desk, Role.PUBLISHER)]  # fmt: skip
    for email, authority, role in staff:
        accounts.create_staff(email, DEMO_PASSWORD, authority, role)
    land_admin = land.email("landesverwaltung")  # the Land's own administrator in /admin/
    office = authorities[land.office]
    appoint_tenant_admin(
        accounts.create_staff(land_admin, DEMO_PASSWORD, office, Role.TENANT_ADMIN), office
    )
    _admin(ADMIN)
    return [
        DemoLogin(str(Role.CITIZEN.label), citizen, DEMO_PASSWORD, home.city),
        DemoLogin(str(Role.CLERK.label), clerk, DEMO_PASSWORD, ", ".join(o.name for o in offices)),
        *(DemoLogin(str(r.label), e, DEMO_PASSWORD, a.name) for e, a, r in others),
        DemoLogin(str(Role.TENANT_ADMIN.label), land_admin, DEMO_PASSWORD, "/admin/"),
        DemoLogin(str(Role.PLATFORM_ADMIN.label), ADMIN, DEMO_PASSWORD, "-", last=True),
    ]

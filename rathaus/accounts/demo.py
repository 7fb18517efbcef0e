"""Demo people (development only, through ``core.demo``): a citizen, one staff member per
role in the demo authorities, and a platform admin."""

from __future__ import annotations

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.audit.services import log_action
from rathaus.core.demo import DEMO_PASSWORD, DemoLogin
from rathaus.core.models import Authority

__all__ = ["load_demo_people"]

CITIZEN = "buerger@demo.rathaus.invalid"
CLERK = "sachbearbeitung@demo.rathaus.invalid"
ADMIN = "admin@demo.rathaus.invalid"


def _admin(email: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_superuser(email, DEMO_PASSWORD)
        log_action(None, "accounts.admin_created", user, {"demo": True})
    return user


def load_demo_people(authorities: dict[str, Authority]) -> list[DemoLogin]:
    darmstadt = authorities["darmstadt-buergerbuero"]
    accounts.create_citizen(
        CITIZEN, DEMO_PASSWORD, given_names="Erika", family_name="Mustermann", verified=True,
        street="Rheinstraße", house_number="12", postal_code="64283", city="Darmstadt",
        municipality=darmstadt.territory,
    )  # fmt: skip
    registry = authorities["darmstadt-standesamt"]
    others = [
        ("dienstgestaltung@demo.rathaus.invalid", darmstadt, Role.DESIGNER),
        (
            "smart-region@demo.rathaus.invalid",
            authorities["smart-region-hessen"],
            Role.SMART_REGION,
        ),
    ]
    # the demo designer may also publish (in a real authority that is often a second person)
    publisher = ("dienstgestaltung@demo.rathaus.invalid", darmstadt, Role.PUBLISHER)
    for email, authority, role in [(CLERK, darmstadt, Role.CLERK), (CLERK, registry, Role.CLERK),
                                   *others, publisher]:  # fmt: skip
        accounts.create_staff(email, DEMO_PASSWORD, authority, role)
    _admin(ADMIN)
    return [
        DemoLogin(str(Role.CITIZEN.label), CITIZEN, DEMO_PASSWORD, "Darmstadt"),
        DemoLogin(
            str(Role.CLERK.label), CLERK, DEMO_PASSWORD, f"{darmstadt.name}, {registry.name}"
        ),
        *(DemoLogin(str(r.label), e, DEMO_PASSWORD, a.name) for e, a, r in others),
        DemoLogin(str(Role.PLATFORM_ADMIN.label), ADMIN, DEMO_PASSWORD, "-", last=True),
    ]

"""Demo organisation (development only, through ``core.demo``), per tenant: an invented
company administered by the Land's demo citizen, with a colleague who may read its
applications and post. Idempotent."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rathaus.accounts import services as accounts
from rathaus.accounts.models import User
from rathaus.core import demo as core_demo
from rathaus.core.demo import DEMO_PASSWORD, DemoLogin
from rathaus.core.models import Authority
from rathaus.organisations import services
from rathaus.organisations.models import Kind, Member, MemberRole, Organisation

COMPANY = "Beispiel Bau GmbH (erfundenes Beispiel)"


def load_demo_organisation(authorities: dict[str, Authority]) -> list[DemoLogin]:
    land = core_demo.land()
    owner = User.objects.filter(email=land.email("buerger")).first()
    if owner is None:
        return []
    colleague = accounts.create_citizen(
        land.email("kollegin"), DEMO_PASSWORD, given_names="Clara", family_name="Kollegin"
    )
    name = f"{COMPANY} – {land.tenant}"
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        profile = owner.citizen_profile
        organisation = services.create(owner, Kind.COMPANY, {
            "name": name, "register_type": "HRB", "register_court": "Amtsgericht (Beispiel)",
            "register_number": "99999", "street": profile.street, "house_number": "1",
            "postal_code": profile.postal_code, "city": profile.city,
            "email": land.email("firma"),
        })  # fmt: skip
    Member.objects.get_or_create(
        organisation=organisation, user=colleague, defaults={"role": MemberRole.READ}
    )
    role = str(_("Kollegin in der Beispielfirma (liest Anträge und Post)"))
    return [DemoLogin(role, colleague.email, DEMO_PASSWORD, organisation.name)]

"""Both tenants of the isolation matrix, built once: Hessen's actors, then Hamburg's
world (``world_hamburg``, ``world_smart_region``)."""

from __future__ import annotations

from pathlib import Path

from django.test import override_settings
from django.test.client import ClientHandler

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.cases.tokens import create_token
from rathaus.consulting.models import ConsultingPartner
from rathaus.core import importers
from rathaus.core.models import Authority, Territory
from rathaus.organisations.services import (
    create_municipal_staff,
)
from rathaus.tenants import scope, services
from tests.tenants.world import (
    DARMSTADT,
    PASSWORD,
    Actor,
    World,
)
from tests.tenants.world_hamburg import build_hamburg


def build_hessen(world: World) -> None:
    """Hessen's authorities and the people acting there, each in their Hessian role."""
    darmstadt = Territory.objects.get(key=DARMSTADT)
    land = Territory.objects.get(key="06")
    office = Authority.objects.create(
        name="Geschäftsstelle Hessen", slug="he-office", territory=land
    )
    amt = Authority.objects.create(name="Stadt Darmstadt", slug="he-darmstadt", territory=darmstadt)
    partner_org = Authority.objects.create(
        name="Beratung Hessen", slug="he-partner", territory=land
    )
    ConsultingPartner.objects.create(
        name="Beratung Hessen", organisation=partner_org, contact_email="he@partner.example",
        is_default=True,
    )  # fmt: skip
    citizen = accounts.create_citizen(
        "buergerin@example.org", PASSWORD, given_names="Erika", family_name="Muster",
        municipality=darmstadt, city="Darmstadt",
    )  # fmt: skip

    def staff(name: str, where: Authority, *roles: Role) -> User:
        user = None
        for role in roles:
            user = accounts.create_staff(f"{name}@example.org", PASSWORD, where, role)
        assert user is not None
        return user

    people = {
        "citizen": citizen,
        "clerk": staff("clerk", amt, Role.CLERK),
        "designer": staff("designer", amt, Role.DESIGNER, Role.PUBLISHER),
        "office": staff("office", office, Role.SMART_REGION),
        "consultant": staff("consultant", partner_org, Role.CONSULTANT),
        "municipal": create_municipal_staff("municipal@example.org", PASSWORD, amt),
    }
    _record, secret = create_token(amt, "Fachverfahren Darmstadt")
    world.actors = {"anonymous": Actor("anonymous")}
    world.actors.update({name: Actor(name, user) for name, user in people.items()})
    world.actors["api token"] = Actor(
        "api token", headers={"HTTP_AUTHORIZATION": f"Bearer {secret}"}, api_only=True
    )


def build(media_root: Path) -> World:
    """Both tenants; runs inside the caller's transaction (and Hessen's scope)."""
    # As a web process starts: its handler loads the middleware before any request.
    ClientHandler().load_middleware()
    with override_settings(MEDIA_ROOT=media_root):
        importers.import_shipped_extracts(["06", "02"])
        hessen, hamburg = services.ensure("hessen"), services.ensure("hamburg")
        world = World(hessen=hessen, hamburg=hamburg, media_root=media_root)
        with scope.activate(hessen):
            build_hessen(world)
        build_hamburg(world)
    for actor in world.actors.values():
        if actor.user is not None:  # Hamburg's create_staff set the password again
            actor.user.refresh_from_db()
    return world

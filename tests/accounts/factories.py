"""Test data for the accounts and authentication tests: users, staff, territories."""

from __future__ import annotations

import re
from itertools import count

from rathaus.accounts import services
from rathaus.accounts.models import Role, User
from rathaus.core.models import Authority, Territory
from rathaus.organisations import services as organisations

PASSWORD = "Rathaus-Test-Passwort-2026"
_numbers = count(1)


def citizen(email: str = "erika@example.org", verified: bool = True, **profile) -> User:
    return services.create_citizen(
        email, PASSWORD, given_names="Erika", family_name="Mustermann", verified=verified, **profile
    )


def territory(key: str, name: str, parent: Territory | None = None, **fields) -> Territory:
    levels = {2: "land", 3: "regierungsbezirk", 5: "kreis", 8: "gemeinde"}
    existing = Territory.objects.filter(key=key).first()
    if existing is not None:
        return existing
    return Territory.objects.create(
        key=key, name=name, level=levels[len(key)], parent=parent, **fields
    )


def hessen() -> dict[str, Territory]:
    land = territory("06", "Hessen")
    rb = territory("064", "Darmstadt, Regierungsbezirk", land)
    kreis = territory("06411", "Darmstadt, Wissenschaftsstadt", rb)
    return {
        "land": land,
        "kreis": kreis,
        "darmstadt": territory("06411000", "Darmstadt, Wissenschaftsstadt", kreis, population=1),
    }


def authority(place: Territory | None = None, name: str = "Stadt Darmstadt – Bürgerbüro"):
    place = place or hessen()["darmstadt"]
    return Authority.objects.create(name=name, slug=f"behoerde-{next(_numbers)}", territory=place)


def staff(email: str = "sachbearbeitung@example.org", role: Role = Role.CLERK, where=None) -> User:
    return services.create_staff(email, PASSWORD, where or authority(), role)


def municipal(email: str = "kommune@example.org", where=None) -> User:
    """A member of a municipality's organisation (Smart Region projects, consulting)."""
    return organisations.create_municipal_staff(email, PASSWORD, where or authority())


def link_in(message, pattern: str = r"https?://\S+") -> str:
    """The first URL in a mail's body, as a path the test client can request."""
    match = re.search(pattern, message.body)
    assert match, message.body
    return re.sub(r"^https?://[^/]+", "", match.group(0))

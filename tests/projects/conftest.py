"""Project fixtures: municipal staff of two towns, the office, and a factory for projects."""

from __future__ import annotations

import pytest

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.core.models import Authority, Territory
from rathaus.organisations import services as organisations
from rathaus.projects import editorial
from rathaus.projects.models import FieldOfAction, Technology

PASSWORD = "Ein-langes-Passwort-2026"


def _staff(email: str, key: str, role: Role | str = "municipal"):
    """A staff member of an authority on territory ``key``; ``municipal``: a member of the
    organisation of that municipality's administration."""
    territory = Territory.objects.get(key=key)
    authority, _ = Authority.objects.get_or_create(
        slug=f"auth-{key}-{role}", defaults={"name": f"Stelle {key}", "territory": territory}
    )
    if role == "municipal":
        return organisations.create_municipal_staff(email, PASSWORD, authority), authority
    return accounts.create_staff(email, PASSWORD, authority, role), authority


@pytest.fixture
def darmstadt_staff(hessen):
    return _staff("digital@darmstadt.example", "06411000")


@pytest.fixture
def kassel_staff(hessen):
    return _staff("digital@kassel.example", "06611000")


@pytest.fixture
def office(hessen):
    return _staff("office@smart-region.example", "06", Role.SMART_REGION)[0]


def content(title: str = "Sensorgestützte Abfallsammlung", keys=("06411000",), **overrides):
    data = {
        "title": title,
        "summary": "Füllstandssensoren melden, wann Container geleert werden müssen.",
        "description": "Die **Abfallentsorgung** plant Touren nach Füllstand.",
        "territories": list(Territory.objects.filter(key__in=keys)),
        "fields": list(FieldOfAction.objects.filter(slug="abfall-stadtsauberkeit")),
        "technologies": list(Technology.objects.filter(slug="lorawan")),
        "status": "betrieb",
        "transferability": "hoch",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_project(office):
    def make(user, authority, publish=True, **overrides):
        project = editorial.create_project(user, authority, content(**overrides))
        if publish:
            editorial.submit(user, project)
            editorial.publish(office, project)
            project.refresh_from_db()
        return project

    return make

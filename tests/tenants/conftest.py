"""Two tenants with one authority each: the ground for the isolation tests."""

import pytest

from rathaus.core.models import Authority, Territory
from rathaus.tenants import scope, services


@pytest.fixture
def hamburg_tenant(db):
    return services.ensure("hamburg")


@pytest.fixture
def two_authorities(db, hamburg_tenant):
    """(Hessian authority, Hamburg authority), each made in its own tenant's scope."""
    land_he = Territory.objects.create(key="06", level=Territory.Level.LAND, name="Hessen")
    land_hh = Territory.objects.create(key="02", level=Territory.Level.LAND, name="Hamburg")
    hessian = Authority.objects.create(name="Hessisches Amt", slug="he-amt", territory=land_he)
    with scope.activate(hamburg_tenant):
        hamburgian = Authority.objects.create(
            name="Hamburger Amt", slug="hh-amt", territory=land_hh
        )
    return hessian, hamburgian

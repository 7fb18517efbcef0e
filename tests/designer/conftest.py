"""Designers, publishers and their authorities for the designer tests."""

import pytest

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Membership, Role
from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.models import Authority, Territory

PASSWORD = "Ein-langes-Passwort-2026"


@pytest.fixture
def land(db):
    return Territory.objects.create(key="06", level="land", name="Hessen")


@pytest.fixture
def authority(land):
    return Authority.objects.create(
        name="Standesamt Musterstadt", slug="standesamt", territory=land
    )


@pytest.fixture
def other_authority(land):
    return Authority.objects.create(
        name="Bürgerbüro Nachbarort", slug="buergerbuero", territory=land
    )


@pytest.fixture
def designer_user(authority):
    return accounts.create_staff("design@example.org", PASSWORD, authority, Role.DESIGNER)


@pytest.fixture
def publisher_user(authority):
    user = accounts.create_staff("freigabe@example.org", PASSWORD, authority, Role.PUBLISHER)
    Membership.objects.create(user=user, authority=authority, role=Role.DESIGNER)
    return user


@pytest.fixture
def stranger(other_authority):
    return accounts.create_staff("fremd@example.org", PASSWORD, other_authority, Role.DESIGNER)


@pytest.fixture
def designer(client, designer_user):
    login_with_second_factor(client, designer_user)
    return client

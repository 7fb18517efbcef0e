"""Fixtures of the case tests: a citizen who applied, her case, a clerk of Darmstadt."""

import pytest
from django.test import Client

from rathaus.cases.models import Case
from tests.cases.helpers import clerk_of
from tests.service_fixtures import PASSWORD, submit_for


@pytest.fixture
def citizen_client(citizen):
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    return client


@pytest.fixture
def case(citizen_client):
    submit_for(citizen_client)
    return Case.objects.get()


@pytest.fixture
def clerk(catalogue):
    return clerk_of(catalogue)

"""Helpers shared by the case tests: a signed-in clerk, the one form of a page."""

import re

from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.authentication.testing import login_with_second_factor
from tests.service_fixtures import PASSWORD


def clerk_of(authority, email="clerk@example.org") -> Client:
    user = accounts.create_staff(email, PASSWORD, authority, Role.CLERK)
    client = Client()
    login_with_second_factor(client, user)
    return client


def form_with(html: str, marker: str) -> str:
    forms = re.findall(r"<form\b.*?</form>", html, flags=re.S)
    found = [f for f in forms if marker in f]
    assert len(found) == 1, marker
    return found[0]

"""Municipalities in the admin: a Land's administration creates its municipalities and
invites their first administrator; it sees no other Land's and no company."""

from __future__ import annotations

import pytest
from django.test import Client

from rathaus.accounts.models import User
from rathaus.accounts.tenantadmin import appoint_tenant_admin
from rathaus.authentication.testing import login_with_second_factor
from rathaus.organisations import services
from rathaus.organisations.models import Invitation, Kind, Organisation
from rathaus.tenants import scope
from tests.organisations.helpers import company, person

pytestmark = pytest.mark.django_db
PASSWORD = "Ein-langes-Passwort-2026"


@pytest.fixture
def land_admin(two_authorities, hamburg_tenant):
    _, hamburgian = two_authorities
    with scope.activate(hamburg_tenant):
        user = User.objects.create_user("admin@hamburg.example", PASSWORD)
        appoint_tenant_admin(user, hamburgian)
    client = Client(HTTP_HOST="hamburg.localhost")
    login_with_second_factor(client, user)
    return client


def form(authority_pk: int, invite: str = "") -> dict:
    return {
        "kind": "municipality", "name": "Freie und Hansestadt Hamburg – Digitales",
        "authority": str(authority_pk), "invite": invite,
        "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
    }  # fmt: skip


def test_a_land_creates_its_municipality_and_invites_its_administrator(
    land_admin, two_authorities, django_capture_on_commit_callbacks, mailoutbox
):
    _, hamburgian = two_authorities
    with django_capture_on_commit_callbacks(execute=True):
        response = land_admin.post(
            "/admin/organisations/organisation/add/", form(hamburgian.pk, "it@hamburg.example")
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(authority=hamburgian)
    assert organisation.kind == Kind.MUNICIPALITY
    assert Invitation.objects.get(organisation=organisation).role == "admin"
    assert [m.to for m in mailoutbox] == [["it@hamburg.example"]]


def test_another_lands_administration_cannot_be_named_or_seen(land_admin, two_authorities):
    hessian, _ = two_authorities
    response = land_admin.post("/admin/organisations/organisation/add/", form(hessian.pk))
    assert response.status_code == 200  # the form again, with the error
    assert not Organisation.objects.exists()
    services.ensure_municipality(hessian)
    company(person("eva@example.org"))
    listing = land_admin.get("/admin/organisations/organisation/").content.decode()
    assert "Hessisches Amt" not in listing and "Muster Bau GmbH" not in listing

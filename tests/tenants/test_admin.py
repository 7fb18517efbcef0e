"""The admin per tenant: a Land's administrators manage their Land only, on their Land's
address; operators (superusers) see and choose every tenant."""

import pytest
from django.test import Client
from django.urls import reverse

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Membership, Role, User
from rathaus.accounts.tenantadmin import appoint_tenant_admin
from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.models import Authority
from rathaus.tenants import scope

pytestmark = pytest.mark.django_db
PASSWORD = "Ein-langes-Passwort-2026"


def logged_in(user, host):
    client = Client(HTTP_HOST=host)
    login_with_second_factor(client, user)
    return client


@pytest.fixture
def hamburg_admin(two_authorities, hamburg_tenant):
    _, hamburgian = two_authorities
    with scope.activate(hamburg_tenant):
        user = User.objects.create_user("admin@hamburg.example", PASSWORD)
        appoint_tenant_admin(user, hamburgian)
    return user


def test_a_lands_administrator_manages_only_her_land(hamburg_admin, two_authorities):
    client = logged_in(hamburg_admin, "hamburg.localhost")
    page = client.get("/admin/core/authority/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hamburger Amt" in html and "Hessisches Amt" not in html
    assert "Rathaus Hamburg – Verwaltung" in html
    hessian, _ = two_authorities
    assert client.get(f"/admin/core/authority/{hessian.pk}/change/").status_code == 302
    form = client.get("/admin/core/authority/add/").content.decode()
    assert 'name="tenant"' not in form  # her rows are her Land's


def test_she_adds_an_authority_to_her_land(hamburg_admin, two_authorities, hamburg_tenant):
    _, hamburgian = two_authorities
    client = logged_in(hamburg_admin, "hamburg.localhost")
    response = client.post(
        "/admin/core/authority/add/",
        {"name": "Bezirksamt Altona", "slug": "altona", "territory": hamburgian.territory_id},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with scope.every_tenant():
        assert Authority.objects.get(slug="altona").tenant == hamburg_tenant


def test_her_role_does_not_open_another_lands_admin(hamburg_admin):
    client = logged_in(hamburg_admin, "hessen.localhost")
    response = client.get("/admin/core/authority/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_smart_region_office_member_is_admitted_in_her_land_only(two_authorities):
    hessian, _ = two_authorities
    office = accounts.create_staff("gs@hessen.example", PASSWORD, hessian, Role.SMART_REGION)
    office.is_staff = True
    office.save()
    assert logged_in(office, "hessen.localhost").get("/admin/").status_code == 200
    assert logged_in(office, "hamburg.localhost").get("/admin/").status_code == 302


def test_operators_see_and_choose_every_tenant(two_authorities):
    operator = User.objects.create_superuser("betrieb@example.org", PASSWORD)
    client = logged_in(operator, "hessen.localhost")
    html = client.get("/admin/core/authority/").content.decode()
    assert "Hamburger Amt" in html and "Hessisches Amt" in html
    assert "Rathaus – Plattformverwaltung" in html
    assert 'name="tenant"' in client.get("/admin/core/authority/add/").content.decode()


def test_appointing_in_the_admin_grants_the_door(two_authorities, hamburg_tenant):
    _, hamburgian = two_authorities
    operator = User.objects.create_superuser("betrieb@example.org", PASSWORD)
    with scope.activate(hamburg_tenant):
        future = User.objects.create_user("neu@hamburg.example", PASSWORD)
    client = logged_in(operator, "hamburg.localhost")
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": future.pk, "authority": hamburgian.pk, "role": Role.TENANT_ADMIN},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    future.refresh_from_db()
    with scope.activate(hamburg_tenant):
        assert Membership.objects.filter(user=future, role=Role.TENANT_ADMIN).exists()
    assert future.is_staff and future.groups.filter(name="Landesadministration").exists()


def test_she_edits_her_lands_texts_not_its_key_nor_other_lands(hamburg_admin, hamburg_tenant):
    from rathaus.tenants import services

    hessen = services.ensure("hessen")
    client = logged_in(hamburg_admin, "hamburg.localhost")
    listing = client.get("/admin/tenants/tenant/").content.decode()
    assert "Rathaus Hamburg" in listing and "Rathaus Hessen" not in listing
    assert client.get(f"/admin/tenants/tenant/{hessen.pk}/change/").status_code == 302
    form = client.get(f"/admin/tenants/tenant/{hamburg_tenant.pk}/change/").content.decode()
    assert 'name="imprint"' in form and 'name="land_key"' not in form and 'name="slug"' not in form
    data = {
        "name": "Hamburg", "portal_name": "Hamburg Service", "ministry": "", "colour": "#c8102e",
        "languages": "de,en", "smart_region_office": "", "contact_email": "", "contact_phone": "",
        "contact_address": "", "imprint": "Neues Impressum", "privacy": "", "accessibility": "",
    }  # fmt: skip
    response = client.post(f"/admin/tenants/tenant/{hamburg_tenant.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    hamburg_tenant.refresh_from_db()
    assert hamburg_tenant.portal_name == "Hamburg Service" and hamburg_tenant.land_key == "02"
    assert client.get("/admin/tenants/tenant/add/").status_code == 403


def test_a_slug_taken_in_another_land_is_refused_with_a_message(hamburg_admin, two_authorities):
    _, hamburgian = two_authorities
    client = logged_in(hamburg_admin, "hamburg.localhost")
    response = client.post(
        "/admin/core/authority/add/",
        {"name": "Noch ein Amt", "slug": "he-amt", "territory": hamburgian.territory_id},
    )
    assert response.status_code == 200  # the form again, not an IntegrityError
    assert "Kurzkennung" in response.content.decode() and "existiert bereits" in (
        response.content.decode()
    )


def test_staff_of_one_land_need_their_second_factor_on_every_portal(two_authorities):
    hessian, _ = two_authorities
    clerk = accounts.create_staff("sb@hessen.example", PASSWORD, hessian, Role.CLERK)
    client = Client(HTTP_HOST="hamburg.localhost")
    client.force_login(clerk)  # password only, no second factor yet
    assert accounts.is_staff_member(clerk)
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("authentication:totp_setup"))

"""Linked identities in the admin: operators (superusers) list and search them and unlink
a wrong one (audit-logged); nothing there can be added or changed; a Land's
administrators never see them, not even with the model's permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from rathaus.accounts.models import User
from rathaus.accounts.tenantadmin import appoint_tenant_admin
from rathaus.audit.models import AuditEntry
from rathaus.authentication.models import ExternalIdentity
from rathaus.authentication.testing import login_with_second_factor
from rathaus.tenants.scope import every_tenant
from tests.accounts.factories import PASSWORD, authority, citizen

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:authentication_externalidentity_changelist")


def identity(user: User, subject: str = "demo-erika-mustermann") -> ExternalIdentity:
    return ExternalIdentity.objects.create(
        user=user, method="saml", issuer="https://id.bund.de/idp", subject=subject,
        provider="BundID", level=3, attributes={"given_names": "Erika"},
    )  # fmt: skip


@pytest.fixture
def operator_client(client):
    login_with_second_factor(client, User.objects.create_superuser("root@example.org", PASSWORD))
    return client


def test_operator_lists_and_searches_by_email(operator_client):
    identity(citizen("erika@example.org"))
    identity(citizen("max@example.org"), subject="demo-max-beispiel")
    page = operator_client.get(CHANGELIST, {"q": "erika@"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "erika@example.org" in html and "max@example.org" not in html
    assert "https://id.bund.de/idp" in html and "BundID" in html
    assert reverse("admin:authentication_externalidentity_add") not in html


def test_the_page_is_read_only(operator_client):
    linked = identity(citizen())
    page = operator_client.get(
        reverse("admin:authentication_externalidentity_change", args=[linked.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200 and "demo-erika-mustermann" in html
    assert 'name="subject"' not in html and 'name="user"' not in html
    add = operator_client.get(reverse("admin:authentication_externalidentity_add"))
    assert add.status_code == 403
    posted = operator_client.post(
        reverse("admin:authentication_externalidentity_change", args=[linked.pk]),
        {"subject": "geändert"},
    )
    assert posted.status_code == 403
    linked.refresh_from_db()
    assert linked.subject == "demo-erika-mustermann"


def test_operator_unlinks_a_wrong_link_and_it_is_audit_logged(operator_client):
    user = citizen()
    linked = identity(user)
    delete = reverse("admin:authentication_externalidentity_delete", args=[linked.pk])
    assert operator_client.get(delete).status_code == 200
    response = operator_client.post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert not ExternalIdentity.objects.exists()
    assert User.objects.filter(pk=user.pk).exists()  # the account stays, only the link goes
    with every_tenant():
        entry = AuditEntry.objects.get(verb="admin.deleted")
    assert entry.target_id == str(linked.pk) and entry.actor.email == "root@example.org"


def test_a_lands_administrator_never_sees_them(client):
    land_admin = User.objects.create_user("admin@hessen.example", PASSWORD)
    appoint_tenant_admin(land_admin, authority())
    land_admin.user_permissions.add(
        *Permission.objects.filter(content_type__model="externalidentity")
    )  # even the model's rights do not open it
    linked = identity(citizen())
    login_with_second_factor(client, land_admin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert "externalidentity" not in client.get(reverse("admin:index")).content.decode()
    assert client.get(CHANGELIST).status_code == 403
    delete = reverse("admin:authentication_externalidentity_delete", args=[linked.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ExternalIdentity.objects.filter(pk=linked.pk).exists()

"""The admin lists and searches users by e-mail, adds users with e-mail and password,
shows profile and memberships inline, shows TOTP devices without their secret and the
login failure records with an unlock action; changes made there are audit-logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rathaus.accounts.models import User
from rathaus.audit.models import AuditEntry
from rathaus.authentication import services as authentication
from rathaus.authentication.models import LoginFailureRecord, TOTPDevice
from rathaus.authentication.testing import login_with_second_factor
from rathaus.tenants.scope import every_tenant
from tests.accounts.factories import PASSWORD, citizen, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin_user = User.objects.create_superuser("admin@example.org", PASSWORD)
    login_with_second_factor(client, admin_user)
    return client


def test_force_login_alone_does_not_open_the_admin(client):
    client.force_login(User.objects.create_superuser("root@example.org", PASSWORD))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("authentication:totp_setup"))


def test_user_list_search_and_change_page(admin_client):
    user = citizen()
    staff()
    changelist = reverse("admin:accounts_user_changelist")
    html = admin_client.get(changelist, {"q": "mustermann"}).content.decode()
    assert "erika@example.org" in html
    assert admin_client.get(changelist, {"memberships__role": "clerk"}).status_code == 200
    assert admin_client.get(changelist, {"email_verified_at__isempty": "1"}).status_code == 200
    change = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert change.status_code == 200
    assert "citizen_profile" in change.content.decode()


def test_add_user_with_email_and_password_is_audit_logged(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Neu@Example.org",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="neu@example.org")
    assert user.check_password(PASSWORD)
    with every_tenant():  # an operator's change of a user (shared): the platform's chain
        entry = AuditEntry.objects.get(verb="admin.added", tenant=None)
    assert entry.target_id == str(user.pk) and entry.actor.email == "admin@example.org"


def test_totp_device_admin_never_shows_the_secret(admin_client):
    user = citizen()
    TOTPDevice.objects.create(user=user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    list_html = admin_client.get(reverse("admin:authentication_totpdevice_changelist"))
    assert list_html.status_code == 200
    device = TOTPDevice.objects.get()
    page = admin_client.get(reverse("admin:authentication_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert "JBSWY3DPEHPK3PXP" not in page.content.decode()


def test_failure_records_can_be_unlocked(admin_client, settings):
    settings.RATHAUS_LOGIN_MAX_FAILURES = 1
    authentication.record_login_failure("gesperrt@example.org")
    record = LoginFailureRecord.objects.get()
    url = reverse("admin:authentication_loginfailurerecord_changelist")
    assert "gesperrt@example.org" in admin_client.get(url, {"locked": "yes"}).content.decode()
    response = admin_client.post(
        url, {"action": "unlock", "_selected_action": [record.pk]}, follow=True
    )
    assert response.status_code == 200
    assert authentication.locked_until("gesperrt@example.org") is None
    with every_tenant():  # an operator's action outside one tenant: the platform's chain
        entry = AuditEntry.objects.get(verb="authentication.account_unlocked", tenant=None)
    assert entry.data == {"reason": "admin"} and entry.actor.email == "admin@example.org"


def test_profile_and_membership_admin_pages_load(admin_client):
    staff()
    citizen()
    for name in [
        "admin:accounts_citizenprofile_changelist",
        "admin:accounts_membership_changelist",
    ]:
        assert admin_client.get(reverse(name)).status_code == 200

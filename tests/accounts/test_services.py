"""The accounts services the demo and other apps call: ``create_citizen`` and
``create_staff`` create or update (idempotent) and are audit-logged; roles and staff
status follow the memberships; "Mein Konto" shows roles, e-mail and the 2FA state."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rathaus.accounts import services
from rathaus.accounts.models import CitizenProfile, Membership, Role, User
from rathaus.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, authority, hessen

pytestmark = pytest.mark.django_db


def test_create_citizen_is_idempotent_and_audit_logged():
    place = hessen()["darmstadt"]
    first = services.create_citizen(
        "Buerger@Example.org", PASSWORD, "Erika", "Mustermann", municipality=place, city="Darmstadt"
    )
    again = services.create_citizen(
        "buerger@example.org", "Anderes-Passwort-2026", "Erika", "Musterfrau", postal_code="64283"
    )
    assert first.pk == again.pk
    assert User.objects.count() == 1
    again.refresh_from_db()
    assert again.email_verified
    assert again.check_password("Anderes-Passwort-2026")
    profile = CitizenProfile.objects.get(user=again)
    assert (profile.family_name, profile.municipality, profile.postal_code) == (
        "Musterfrau",
        place,
        "64283",
    )
    verbs = list(AuditEntry.objects.values_list("verb", flat=True))
    assert verbs.count("accounts.citizen_created") == 1
    assert verbs.count("accounts.citizen_updated") == 1
    assert services.roles_of(again) == {Role.CITIZEN}
    assert not services.is_staff_member(again)


def test_create_citizen_unverified_and_unknown_fields():
    user = services.create_citizen("neu@example.org", PASSWORD, "A", "B", verified=False)
    assert not user.email_verified
    with pytest.raises(TypeError):
        services.create_citizen("x@example.org", PASSWORD, "A", "B", shoe_size=44)


def test_create_staff_is_idempotent_and_adds_memberships():
    office = authority()
    other = authority(name="Kreis – Führerscheinstelle")
    clerk = services.create_staff("Clerk@Example.org", PASSWORD, office, Role.CLERK)
    services.create_staff("clerk@example.org", PASSWORD, office, "clerk")
    services.create_staff("clerk@example.org", PASSWORD, other, Role.DESIGNER)
    assert User.objects.count() == 1
    assert Membership.objects.filter(user=clerk).count() == 2
    assert services.roles_of(clerk) == {Role.CLERK, Role.DESIGNER}
    assert services.is_staff_member(clerk)
    assert clerk.email_verified
    assert list(services.authorities_of(clerk, Role.DESIGNER)) == [other]
    assert AuditEntry.objects.filter(verb="accounts.staff_created").count() == 1
    assert AuditEntry.objects.filter(verb="accounts.staff_updated").count() == 2
    with pytest.raises(ValueError):
        services.create_staff("x@example.org", PASSWORD, office, Role.CITIZEN)


def test_overview_shows_roles_email_and_second_factor_state(client):
    user = services.create_citizen("erika@example.org", PASSWORD, "Erika", "Mustermann")
    client.force_login(user)
    html = client.get(reverse("accounts:overview")).content.decode()
    for text in ["erika@example.org", "Bürgerin/Bürger", "Ausgeschaltet", "Erika Mustermann"]:
        assert text in html
    for name in [
        "accounts:profile",
        "accounts:email_change",
        "authentication:password_change",
        "authentication:security",
    ]:
        assert reverse(name) in html


def test_overview_requires_login(client):
    response = client.get(reverse("accounts:overview"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("authentication:login"))

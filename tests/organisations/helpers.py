"""Test data for organisation accounts: people, a company, a definition for organisations."""

from __future__ import annotations

from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.accounts.models import User
from rathaus.organisations import services
from rathaus.organisations.models import Member, MemberRole, Organisation

PASSWORD = "Ein-langes-Passwort-2026"
COMPANY = {
    "name": "Muster Bau GmbH", "register_type": "HRB", "register_court": "Amtsgericht Darmstadt",
    "register_number": "12345", "street": "Rheinstraße", "house_number": "7",
    "postal_code": "64283", "city": "Darmstadt", "email": "info@musterbau.example",
}  # fmt: skip


def person(email: str, verified: bool = True) -> User:
    return accounts.create_citizen(
        email, PASSWORD, given_names="Eva", family_name="Beispiel", verified=verified
    )


def company(admin: User, **members: str) -> Organisation:
    """A company administered by ``admin``; ``members``: e-mail local part → role."""
    organisation = services.create(admin, "company", COMPANY)
    for local, role in members.items():
        Member.objects.create(
            organisation=organisation, user=person(f"{local}@example.org"), role=role
        )
    return organisation


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def role_of(organisation: Organisation, user: User) -> str | None:
    return services.role_in(user, organisation)


__all__ = ["PASSWORD", "COMPANY", "MemberRole", "person", "company", "signed_in", "role_of"]

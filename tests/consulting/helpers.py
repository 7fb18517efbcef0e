"""Helpers for the consulting tests (and the browser journey): two partners
(Regierungsbezirk Darmstadt and Kassel) with one consultant each, the Smart Region
office, a municipal user of Darmstadt and the topics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.consulting import services
from rathaus.consulting.models import ConsultingPartner, ConsultingRequest, ConsultingTopic
from rathaus.core.models import Authority, Territory
from rathaus.organisations.services import (
    create_municipal_staff,
)

PASSWORD = "Ein-langes-Passwort-2026"


def authority(slug: str, key: str) -> Authority:
    return Authority.objects.create(
        name=slug.title(), slug=slug, territory=Territory.objects.get(key=key)
    )


def staff_client(user: User) -> Client:
    client = Client()
    login_with_second_factor(client, user)
    return client


def future(days: int = 14) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@dataclass
class World:
    topic: ConsultingTopic
    partner_a: ConsultingPartner
    partner_b: ConsultingPartner
    consultant_a: User
    consultant_b: User
    office: User
    municipal: User
    darmstadt: Territory

    def form(self, **overrides: Any) -> dict[str, Any]:
        """A valid request form as the browser posts it."""
        data = {
            "topic": str(self.topic.pk),
            "description": "Wir brauchen Hilfe bei der Digitalstrategie.",
            "preferred_date_1": future(14),
            "preferred_date_2": future(21),
            "contact_name": "Max Beispiel",
            "contact_email": "max@darmstadt.example",
            "contact_phone": "06151 123",
        }
        data.update(overrides)
        return data

    def request(self, municipality: Territory | None = None) -> ConsultingRequest:
        """A new request, filed through the service."""
        data = services.RequestInput(
            municipality=municipality or self.darmstadt,
            topic=self.topic,
            description="Bitte beraten Sie uns.",
            preferred_dates=(timezone.localdate() + timedelta(days=10),),
            contact_name="Max Beispiel",
            contact_email="max@darmstadt.example",
        )
        return services.submit_request(self.municipal, data)


def make_world() -> World:
    """Build the world; Hessen's territory must be loaded."""
    topic = ConsultingTopic.objects.create(name="Open Data", name_en="Open data", position=1)
    ConsultingTopic.objects.create(name="Alt", active=False)
    org_a, org_b = authority("partner-a", "06"), authority("partner-b", "06")
    partner_a = ConsultingPartner.objects.create(
        name="Partner A", organisation=org_a, contact_email="a@partner.example"
    )
    partner_a.regions.add(Territory.objects.get(key="064"))
    partner_b = ConsultingPartner.objects.create(
        name="Partner B", organisation=org_b, contact_email="b@partner.example"
    )
    partner_b.regions.add(Territory.objects.get(key="066"))
    municipal_authority = authority("darmstadt-digital", "06411000")
    office_authority = authority("smart-region", "06")

    def staff(email: str, where: Authority, role: Role) -> User:
        return accounts.create_staff(email, PASSWORD, where, role)

    return World(
        topic=topic,
        partner_a=partner_a,
        partner_b=partner_b,
        consultant_a=staff("a@example.org", org_a, Role.CONSULTANT),
        consultant_b=staff("b@example.org", org_b, Role.CONSULTANT),
        office=staff("office@example.org", office_authority, Role.SMART_REGION),
        municipal=create_municipal_staff("kommune@example.org", PASSWORD, municipal_authority),
        darmstadt=municipal_authority.territory,
    )

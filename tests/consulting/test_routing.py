"""Routing: the most specific active partner covering the municipality, else the default
partner, else none (the request is stored and the office routes it)."""

import pytest
from django.core import mail

from rathaus.consulting.models import ConsultingPartner, ConsultingRequest
from rathaus.consulting.routing import partner_for
from rathaus.core.models import Territory
from tests.consulting.helpers import authority

pytestmark = pytest.mark.django_db


def territory(key: str) -> Territory:
    return Territory.objects.get(key=key)


def partner(name: str, *regions: str, **extra) -> ConsultingPartner:
    created = ConsultingPartner.objects.create(
        name=name, organisation=authority(name.lower(), "06"), contact_email="p@example.org",
        **extra,
    )  # fmt: skip
    created.regions.set([territory(key) for key in regions])
    return created


def test_regierungsbezirk_partner_covers_its_gemeinden(world):
    assert partner_for(territory("06411000")) == world.partner_a  # Darmstadt in RB Darmstadt
    assert partner_for(territory("06611000")) == world.partner_b  # Kassel in RB Kassel


def test_the_most_specific_partner_wins(world):
    kreis = partner("Kreis Offenbach", "06438")
    land = partner("Landesweit")
    assert partner_for(territory("06438001")) == kreis  # a Gemeinde of Kreis Offenbach
    assert partner_for(territory("06411000")) == world.partner_a
    assert partner_for(territory("06531005")) == land  # Gießen: no regional partner


def test_a_request_for_a_kreis_itself_is_routed(world):
    assert partner_for(territory("06438")) == world.partner_a


def test_inactive_partners_are_skipped_and_the_default_takes_over(world):
    world.partner_a.active = False
    world.partner_a.save()
    assert partner_for(territory("06411000")) is None
    fallback = partner("Standard", "066", is_default=True)
    assert partner_for(territory("06411000")) == fallback


def test_a_partner_without_regions_serves_only_its_own_land(world, hessen):
    other_land = Territory.objects.create(key="07", level="land", name="Rheinland-Pfalz")
    ConsultingPartner.objects.create(
        name="RLP", organisation=authority("rlp", other_land.key), contact_email="r@example.org"
    )
    assert partner_for(territory("06531005")) is None


def test_without_any_partner_the_request_is_kept_for_the_office(
    world, django_capture_on_commit_callbacks
):
    ConsultingPartner.objects.update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        request = world.request()
    assert ConsultingRequest.objects.get(pk=request.pk).partner is None
    assert mail.outbox == []  # nobody to tell; the office sees it as "ohne Partner"


def test_the_partner_is_told_when_a_request_lands(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = world.request()
    assert request.partner == world.partner_a
    (message,) = mail.outbox
    assert message.to == ["a@partner.example"]
    assert request.reference in message.subject and "Open Data" in message.subject
    assert f"/smart-region/beratung/anfragen/{request.reference}/" in message.body
    assert "Bitte beraten Sie uns." not in message.body  # the free text stays on the platform

"""Fixtures of the coverage tests: Hessen, the catalogue and a small set of offers."""

from __future__ import annotations

import pytest

from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory

DARMSTADT = "06411000"
DIETZENBACH = "06438001"  # Kreis Offenbach
RODGAU = "06438011"  # Kreis Offenbach, no offers of its own
KREIS_OFFENBACH = "06438"
RB_DARMSTADT = "064"
HESSEN = "06"


def add_offer(service: str, key: str, *, online: bool = True) -> Offer:
    """An offer of ``service`` for the territory ``key`` by an authority of that territory."""
    territory = Territory.objects.get(key=key)
    authority, _ = Authority.objects.get_or_create(
        slug=f"amt-{key}", defaults={"name": f"Amt {territory.short_name}", "territory": territory}
    )
    offer, _ = Offer.objects.update_or_create(
        service=Service.objects.get(slug=service),
        territory=territory,
        defaults={"authority": authority, "online": online},
    )
    return offer


@pytest.fixture
def offers(hessen):
    """Every level of the chain, online and offline, with and without an online service:

    - the Land offers Elterngeld online (inherited by every Gemeinde);
    - Kreis Offenbach offers the driving licence and BAföG online, but Dietzenbach offers
      the licence itself, only in person (an offline Gemeinde offer overriding the Kreis);
    - RB Darmstadt offers the Geburtsurkunde online, which has no online service;
    - Darmstadt offers Reisepass and Wohnsitz online and Hund only in person.
    """
    load_catalog()
    add_offer("elterngeld", HESSEN)
    add_offer("fuehrerschein", KREIS_OFFENBACH)
    add_offer("bafoeg", KREIS_OFFENBACH)
    add_offer("fuehrerschein", DIETZENBACH, online=False)
    add_offer("geburtsurkunde", RB_DARMSTADT)
    add_offer("reisepass", DARMSTADT)
    add_offer("wohnsitz-anmelden", DARMSTADT)
    add_offer("hund-anmelden", DARMSTADT, online=False)

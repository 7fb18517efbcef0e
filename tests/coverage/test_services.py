"""Coverage per Gemeinde and Kreis.

Requirement: coverage follows the catalogue's own rules exactly (``resolve`` walks
Gemeinde → Kreis → Regierungsbezirk → Land, the first offer wins; ``is_online`` needs an
online service and an online winning offer), computed for all 421 Gemeinden with a
constant number of queries; ranking shares ranks on ties; Kreise aggregate their
Gemeinden; a life situation restricts the services counted.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.catalog import services as catalog
from rathaus.catalog.models import LifeSituation, Offer, Service
from rathaus.core.models import Territory
from rathaus.coverage import services
from rathaus.coverage.forms import SORT_CHOICES
from tests.coverage.conftest import (
    DARMSTADT,
    DIETZENBACH,
    HESSEN,
    KREIS_OFFENBACH,
    RB_DARMSTADT,
    RODGAU,
    add_offer,
)

pytestmark = pytest.mark.django_db


def expected(municipalities: list[Territory], service_list: list[Service]) -> dict:
    """(Gemeinde key, service slug) -> (winning offer id, online), by the catalogue."""
    result = {}
    for place in municipalities:
        for service in service_list:
            responsibility = catalog.resolve(service, place)
            offer_id = responsibility.offer.pk if responsibility.offer else None
            result[place.key, service.slug] = (
                offer_id,
                catalog.is_online(service, responsibility),
            )
    return result


def computed(report: services.CoverageReport) -> dict:
    return {
        (row.municipality.key, s.service.slug): (s.offer.pk if s.offer else None, s.online)
        for row in report.municipalities
        for s in row.statuses
    }


def gemeinden(keys: list[str] | None = None) -> list[Territory]:
    queryset = Territory.objects.filter(level=Territory.Level.GEMEINDE)
    if keys is not None:
        queryset = queryset.filter(key__in=keys)
    return list(queryset.select_related("parent__parent__parent"))


def test_bulk_result_equals_resolve_and_is_online_for_every_pair(offers):
    report = services.coverage_report()
    everyone = gemeinden()
    assert len(everyone) == 421 and len(report.municipalities) == 421
    assert computed(report) == expected(everyone, list(catalog.published_services()))


def test_offline_gemeinde_offer_overrides_online_kreis_offer(offers):
    report = services.coverage_report()
    licence = {
        key: next(s for s in report.for_key(key).statuses if s.service.slug == "fuehrerschein")
        for key in (DIETZENBACH, RODGAU, DARMSTADT)
    }
    assert licence[DIETZENBACH].offer.territory.key == DIETZENBACH
    assert not licence[DIETZENBACH].online and licence[DIETZENBACH].reason == "offline"
    assert licence[RODGAU].online and licence[RODGAU].offer.territory.key == KREIS_OFFENBACH
    assert licence[DARMSTADT].offer is None and licence[DARMSTADT].reason == "no_offer"


def test_land_offer_is_inherited_by_everyone(offers):
    report = services.coverage_report()
    for row in report.municipalities:
        parental = next(s for s in row.statuses if s.service.slug == "elterngeld")
        assert parental.online and parental.offer.territory.key == HESSEN
        assert row.online >= 1


def test_offer_without_online_service_does_not_count(offers):
    row = services.coverage_report().for_key(DARMSTADT)
    trade = next(s for s in row.statuses if s.service.slug == "geburtsurkunde")
    assert trade.offer.territory.key == RB_DARMSTADT
    assert not trade.online and trade.reason == "no_online_service"


def test_percentages_and_ranks(offers):
    report = services.coverage_report()
    darmstadt, rodgau = report.for_key(DARMSTADT), report.for_key(RODGAU)
    assert (darmstadt.online, darmstadt.total) == (3, 10)  # Elterngeld, Reisepass, Wohnsitz
    assert darmstadt.percent == pytest.approx(30.0)
    assert (rodgau.online, report.for_key(DIETZENBACH).online) == (3, 2)
    # Competition ranking: a rank is 1 + the number of Gemeinden with more online.
    for row in report.municipalities:
        assert row.rank == 1 + sum(
            1 for other in report.municipalities if other.online > row.online
        )
    assert [row.online for row in report.municipalities] == sorted(
        (row.online for row in report.municipalities), reverse=True
    )
    assert darmstadt.rank == rodgau.rank == 1 and report.for_key(DIETZENBACH).rank == 14


def test_kreis_aggregation(offers):
    report = services.coverage_report()
    offenbach = next(k for k in report.kreise if k.kreis.key == KREIS_OFFENBACH)
    assert len(offenbach.municipalities) == 13
    rows = offenbach.municipalities
    assert offenbach.percent == pytest.approx(sum(r.percent for r in rows) / len(rows))
    assert offenbach.population == sum(r.municipality.population for r in rows)
    assert (offenbach.lowest, offenbach.highest) == (20.0, 30.0)
    assert 20.0 < offenbach.population_percent < 30.0
    assert len(report.kreise) == 26
    assert report.kreise[0].percent >= report.kreise[-1].percent


def test_life_situation_restricts_the_services_counted(offers):
    family = LifeSituation.objects.get(slug="familie")
    report = services.coverage_report(family)
    assert {s.slug for s in report.services} == {"elterngeld", "geburtsurkunde"}
    assert all(row.total == 2 and row.online == 1 for row in report.municipalities)
    assert report.average_percent == pytest.approx(50.0)


def test_life_situation_without_services_gives_zero_not_an_error(offers):
    empty = LifeSituation.objects.create(slug="leer", name="Leer")
    report = services.coverage_report(empty)
    assert report.services == [] and report.average_percent == 0.0
    assert all(row.percent == 0.0 and row.rank == 1 for row in report.municipalities)


def test_every_offered_sort_exists_and_orders(offers):
    assert {key for key, _label in SORT_CHOICES} == set(services.SORTS)
    report = services.coverage_report()
    by_name = services.sorted_municipalities(report, "name")
    assert by_name[0].municipality.short_name == "Aarbergen"
    assert services.sorted_municipalities(report, "einwohner")[0].municipality.key == "06412000"
    gaps = services.sorted_municipalities(report, "luecken")
    assert gaps[0].online <= gaps[-1].online
    assert services.sorted_municipalities(report, "unbekannt") == report.municipalities


def test_query_count_does_not_grow_with_offers(offers, django_assert_num_queries):
    family = LifeSituation.objects.get(slug="familie")
    with django_assert_num_queries(4):  # services, their life situations, offers, territory
        services.coverage_report(family)
    for key in ("06438002", "06438003", "06411000", "06531005", "06412000"):
        add_offer("eheurkunde", key)
        add_offer("geburtsurkunde", key)
    with django_assert_num_queries(4):
        report = services.coverage_report(family)
    assert len(report.municipalities) == 421


CHAIN_KEYS = [HESSEN, RB_DARMSTADT, KREIS_OFFENBACH, DIETZENBACH, RODGAU, "06412", DARMSTADT]
SLUGS = ["fuehrerschein", "elterngeld", "personalausweis", "wohnsitz-anmelden"]
random_offers = st.lists(
    st.tuples(st.sampled_from(SLUGS), st.sampled_from(CHAIN_KEYS), st.booleans()),
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(random_offers)
def test_random_offers_agree_with_the_catalogue(hessen, offer_specs):
    """Any offers on any level, online or not: bulk and pair-wise answers agree."""
    from rathaus.catalog.loading import load_catalog

    if not Service.objects.exists():
        load_catalog()
    with transaction.atomic():
        Offer.objects.all().delete()
        for slug, key, online in offer_specs:
            add_offer(slug, key, online=online)
        places = gemeinden([DIETZENBACH, RODGAU, DARMSTADT, "06412000", "06432004"])
        report = services.coverage_report()
        wanted = {(p.key, s.slug) for p in places for s in report.services}
        bulk = {pair: value for pair, value in computed(report).items() if pair in wanted}
        assert bulk == expected(places, report.services)
        transaction.set_rollback(True)

"""Look-ups of the territory (rathaus.core.services) on the imported Hessen extract.

Proves: keys resolve exactly per level and garbage keys give None; the municipality search
matches name prefixes regardless of case, umlauts and "ß"/"ss", matches key prefixes for
digits, orders by population, respects the limit and the Land filter, and treats SQL
wildcards literally; the resolution chain runs Gemeinde → Kreis → RB → Land; the
authorities of a place include those of its ancestors, nearest first, active only.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rathaus.core import importers, services
from rathaus.core.models import Authority, Territory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def hessen(django_db_setup, django_db_blocker):
    """Import the extract once for the module (committed), remove it afterwards.

    Each test still runs in its own transaction, so rows a test adds are rolled back.
    """
    with django_db_blocker.unblock():
        importers.import_shipped_extract()
    yield
    with django_db_blocker.unblock():
        for level in reversed(importers.LEVEL_ORDER):
            Territory.objects.filter(level=level).delete()


def _keys(territories):
    return [territory.key for territory in territories]


@pytest.mark.parametrize("key", ["06", "064", "06411", "06411000", " 06411000 "])
def test_territory_by_key_finds_every_level(key):
    assert services.territory_by_key(key).key == key.strip()


@pytest.mark.parametrize("key", ["", "0", "0641", "064110", "06411001", "abcde", "٠٦", None])
def test_territory_by_key_returns_none_for_unknown_or_malformed_keys(key):
    assert services.territory_by_key(key) is None


def test_municipality_by_key_accepts_only_gemeinden():
    assert services.municipality_by_key("06411000").short_name == "Darmstadt"
    assert services.municipality_by_key("06411") is None
    assert services.municipality_by_key("06") is None
    assert services.municipality_by_key("0641100x") is None


def test_municipality_by_key_without_parents_is_the_same_gemeinde():
    full = services.municipality_by_key("06411000")
    bare = services.municipality_by_key(" 06411000 ", parents=False)
    assert bare == full and (bare.name, bare.short_name, bare.parent_id, bare.latitude) == (
        full.name, full.short_name, full.parent_id, full.latitude)  # fmt: skip
    assert services.municipality_by_key("06411", parents=False) is None  # a Kreis key
    assert services.municipality_by_key("06411999", parents=False) is None


def test_prefix_finds_giessen_in_any_spelling():
    for query in ["gie", "Gie", "GIE", "gieß", "Giess", "GIESSEN", "  gießen "]:
        results = services.search_municipalities(query)
        assert _keys(results)[:1] == ["06531005"], query
    assert services.search_municipalities("iessen") == []


def test_umlauts_match_regardless_of_case():
    kreis = Territory.objects.get(key="06431")
    Territory.objects.create(
        key="06431999", level="gemeinde", name="Überwald, Gemeinde", parent=kreis, population=10
    )
    lower = services.search_municipalities("über")
    assert _keys(lower) == ["06431999"]
    assert _keys(services.search_municipalities("Über")) == _keys(lower)
    assert _keys(services.search_municipalities("ÜBER")) == _keys(lower)
    assert _keys(services.search_municipalities("BÜR")) == _keys(
        services.search_municipalities("bür")
    )
    assert "06431005" in _keys(services.search_municipalities("bür"))  # Bürstadt


def test_digit_prefix_matches_keys():
    assert _keys(services.search_municipalities("06411")) == ["06411000"]
    assert _keys(services.search_municipalities("06411000")) == ["06411000"]
    giessen_kreis = services.search_municipalities("06531", limit=100)
    assert len(giessen_kreis) == 18
    assert all(m.key.startswith("06531") for m in giessen_kreis)


def test_results_are_ordered_by_population_then_name_and_limited():
    results = services.search_municipalities("b", limit=5)
    assert len(results) == 5
    populations = [m.population for m in results]
    assert populations == sorted(populations, reverse=True)
    assert results[0].short_name == "Bad Homburg v. d. Höhe"
    everything = services.search_municipalities("06", limit=1000)
    assert len(everything) == services.MAX_SEARCH_LIMIT
    assert everything[0].short_name == "Frankfurt am Main"
    assert services.search_municipalities("b", limit=0) == []


def test_equal_populations_are_ordered_by_name():
    kreis = Territory.objects.get(key="06431")
    for key, name in [("06431997", "Xylo"), ("06431998", "Xanten"), ("06431999", "Xaver")]:
        Territory.objects.create(key=key, level="gemeinde", name=name, parent=kreis, population=7)
    names = [m.short_name for m in services.search_municipalities("x")]
    assert names == ["Xanten", "Xaver", "Xylo"]


def test_search_returns_gemeinden_only_and_honours_the_land_filter():
    results = services.search_municipalities("darm", limit=50)
    assert {m.level for m in results} == {"gemeinde"}
    assert _keys(results) == ["06411000"]  # not the Kreis 06411 nor Darmstadt-Dieburg
    assert _keys(services.search_municipalities("darm", land_key="06")) == ["06411000"]
    assert services.search_municipalities("darm", land_key="01") == []


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "%darm", "d_rm", "\\"])
def test_empty_queries_and_sql_wildcards_find_nothing(query):
    assert services.search_municipalities(query) == []


def test_search_uses_one_query():
    with CaptureQueriesContext(connection) as queries:
        results = services.search_municipalities("gie")
        [m.parent.name for m in results]
    assert len(queries) == 1


def test_resolution_chain_runs_up_to_the_land():
    darmstadt = services.municipality_by_key("06411000")
    with CaptureQueriesContext(connection) as queries:
        chain = services.resolution_chain(darmstadt)
    assert _keys(chain) == ["06411000", "06411", "064", "06"]
    assert len(queries) == 0
    giessen = services.municipality_by_key("06531005")
    assert [t.level for t in services.resolution_chain(giessen)] == [
        "gemeinde",
        "kreis",
        "regierungsbezirk",
        "land",
    ]
    assert _keys(services.resolution_chain(Territory.objects.get(key="06"))) == ["06"]


def test_authorities_for_includes_ancestors_nearest_first():
    def authority(slug, key, active=True):
        territory = Territory.objects.get(key=key)
        return Authority.objects.create(
            name=slug.title(), slug=slug, territory=territory, is_active=active
        )

    land = authority("land-hessen", "06")
    kreis = authority("kreis-giessen", "06531")
    town_b = authority("stadt-giessen-b", "06531005")
    town_a = authority("stadt-giessen-a", "06531005")
    authority("stadt-giessen-alt", "06531005", active=False)
    authority("stadt-darmstadt", "06411000")
    giessen = services.municipality_by_key("06531005")
    assert services.authorities_for(giessen) == [town_a, town_b, kreis, land]
    assert len(services.authorities_for(giessen, include_inactive=True)) == 5
    assert services.authorities_for(Territory.objects.get(key="06531")) == [kreis, land]


def test_kind_label_is_readable():
    assert services.kind_label(Territory.objects.get(key="06411000")) == "Kreisfreie Stadt"
    assert services.kind_label(Territory.objects.get(key="06531")) == "Landkreis"
    assert services.kind_label(Territory.objects.get(key="065")) == "Regierungsbezirk"
    assert services.kind_label(Territory.objects.get(key="06")) == "Land"
